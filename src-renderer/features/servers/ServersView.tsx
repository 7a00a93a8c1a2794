import { useState } from 'react';

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
  const [editing, setEditing] = useState<{ form: ServerFormText; masked: Record<string, string> } | null>(null);
  return (
    <section aria-labelledby="servers-title" className="view">
      <div className="view-head">
        <h2 id="servers-title">Servers</h2>
        {!editing && !importing && !exporting && (
          <span className="row">
            <button type="button" className="button small" onClick={() => setEditing({ form: emptyForm, masked: {} })}>
              Add server
            </button>
            <button type="button" className="button small" onClick={() => setImporting(true)}>
              Import
            </button>
            <button type="button" className="button small" onClick={() => setExporting(true)} disabled={servers.status !== 'ready' || servers.value.length === 0}>
              Export
            </button>
          </span>
        )}
      </div>
      {importing && <ImportPanel onDone={() => setImporting(false)} />}
      {exporting && <ExportPanel onDone={() => setExporting(false)} />}
      {editing && <ServerForm key={editing.form.originalName ?? 'new'} initial={editing.form} masked={editing.masked} onDone={() => setEditing(null)} />}
      {servers.status === 'loading' && <Loading what="servers" />}
      {servers.status === 'error' && <ErrorBlock message={`Could not load servers: ${servers.message}`} onRetry={retry} />}
      {servers.status === 'ready' && servers.value.length === 0 && (
        <Empty title="No local servers yet">Add one with “Add server”, or edit settings.json under "mcpServers"; it appears here as soon as it is saved.</Empty>
      )}
      {servers.status === 'ready' && (
        <ul className="stack" aria-label="Local servers">
          {servers.value.map((server) => (
            <li key={server.name}>
              <ServerCard server={server} onEdit={(form, masked) => setEditing({ form, masked })} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
