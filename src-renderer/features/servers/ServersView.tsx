import { type KeyboardEvent, useEffect, useRef, useState } from 'react';

import { Empty, ErrorBlock, Loading } from '../../components/StatusBlock';
import { useAppStore } from '../../state/store-context';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { emptyForm, type ServerFormText } from './server-form-text';
import { ServerCard } from './ServerCard';
import { ServerForm } from './ServerForm';

/** Every configured local server: how it runs here and how Dust sees it. */
export function ServersView() {
  const servers = useAppStore((state) => state.servers);
  const retry = useAppStore((state) => state.retry);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [editing, setEditing] = useState<{
    form: ServerFormText;
    masked: Record<string, string>;
  } | null>(null);
  /**
   * A form closes on the second Escape: the first says so, so typed values are not lost by a slip.
   */
  const [escapeArmed, setEscapeArmed] = useState(false);
  const heads = {
    add: useRef<HTMLButtonElement>(null),
    import: useRef<HTMLButtonElement>(null),
    export: useRef<HTMLButtonElement>(null),
  };
  /** Where the focus goes back when a panel closes: what opened it, or its button in the head. */
  const opener = useRef<{ element: Element | null; fallback: keyof typeof heads } | null>(null);
  const [closedCount, setClosedCount] = useState(0);
  useEffect(() => {
    const back = opener.current;
    if (!back || closedCount === 0) return;
    opener.current = null;
    const element =
      back.element instanceof HTMLElement &&
      back.element.isConnected &&
      back.element !== document.body
        ? back.element
        : null;
    const target = element ?? heads[back.fallback].current;
    target?.focus();
  }, [closedCount]);
  const open = (fallback: keyof typeof heads, show: () => void) => {
    opener.current = { element: document.activeElement, fallback };
    setEscapeArmed(false);
    show();
  };
  const close = () => {
    setImporting(false);
    setExporting(false);
    setEditing(null);
    setEscapeArmed(false);
    setClosedCount((count) => count + 1);
  };
  const onPanelKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (editing && !escapeArmed) return setEscapeArmed(true);
    close();
  };
  return (
    <section aria-labelledby="servers-title" className="view">
      <div className="view-head">
        <h2 id="servers-title">Servers</h2>
        {!editing && !importing && !exporting && (
          <span className="row">
            <button
              ref={heads.add}
              type="button"
              className="button small"
              onClick={() => open('add', () => setEditing({ form: emptyForm, masked: {} }))}
            >
              Add server
            </button>
            <button
              ref={heads.import}
              type="button"
              className="button small"
              onClick={() => open('import', () => setImporting(true))}
            >
              Import
            </button>
            <button
              ref={heads.export}
              type="button"
              className="button small"
              onClick={() => open('export', () => setExporting(true))}
              disabled={servers.status !== 'ready' || servers.value.length === 0}
            >
              Export
            </button>
          </span>
        )}
      </div>
      {(importing || exporting || editing) && (
        <div className="panel-host" onKeyDown={onPanelKeyDown}>
          {importing && <ImportPanel onDone={close} />}
          {exporting && <ExportPanel onDone={close} />}
          {editing && (
            <ServerForm
              key={editing.form.originalName ?? 'new'}
              initial={editing.form}
              masked={editing.masked}
              onDone={close}
            />
          )}
          {escapeArmed && (
            <p className="notice small" role="status">
              Press Escape again to close the form without saving.
            </p>
          )}
        </div>
      )}
      {servers.status === 'loading' && <Loading what="servers" />}
      {servers.status === 'error' && (
        <ErrorBlock message={`Could not load servers: ${servers.message}`} onRetry={retry} />
      )}
      {servers.status === 'ready' && servers.value.length === 0 && (
        <Empty title="No local servers yet">
          Add one with “Add server”, or edit settings.json under "mcpServers"; it appears here as
          soon as it is saved.
        </Empty>
      )}
      {servers.status === 'ready' && (
        <ul className="stack" aria-label="Local servers">
          {servers.value.map((server) => (
            <li key={server.name}>
              <ServerCard
                server={server}
                onEdit={(form, masked) => open('add', () => setEditing({ form, masked }))}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
