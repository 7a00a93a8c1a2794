import { useEffect, useState } from 'react';

import type { ExportOutput } from '../../../src-main/shared/contract/imports';
import { CopyButton } from '../../components/CopyButton';
import { ErrorBlock, Loading } from '../../components/StatusBlock';
import { useAppStore } from '../../state/store-context';

type ExportState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; value: ExportOutput };

/**
 * The other direction of Import: the servers as the `mcpServers` JSON Claude Desktop, Cursor,
 * Cline and Roo read, to copy into one of them. Keychain secrets stay in the keychain: the JSON
 * holds their `${secret:…}` placeholders, listed below it to be filled in by hand.
 */
export function ExportPanel({ onDone }: { onDone: () => void }) {
  const exportServers = useAppStore((state) => state.exportServers);
  const [state, setState] = useState<ExportState>({ status: 'loading' });
  const load = () => {
    setState({ status: 'loading' });
    void exportServers().then((result) =>
      setState(
        result.ok
          ? { status: 'ready', value: result.value }
          : { status: 'error', message: result.message },
      ),
    );
  };
  useEffect(load, [exportServers]);
  return (
    <section className="card form" aria-labelledby="export-title">
      <h3 id="export-title">Export servers</h3>
      {state.status === 'loading' && <Loading what="the export" />}
      {state.status === 'error' && (
        <ErrorBlock message={`Could not export: ${state.message}`} onRetry={load} />
      )}
      {state.status === 'ready' && (
        <>
          <p className="muted small">
            {state.value.serverCount === 1 ? '1 server' : `${state.value.serverCount} servers`} in
            the mcpServers format. Paste it into the other app's config file; this app writes no
            other app's files.
          </p>
          <textarea
            className="mono"
            readOnly
            rows={Math.min(16, state.value.json.split('\n').length)}
            value={state.value.json}
            aria-label="Exported servers JSON"
          />
          <CopyButton value={state.value.json} label="Copy the exported JSON" />
          {state.value.toFill.length > 0 && (
            <div className="notice small">
              <p>
                These values are in your keychain and not in the export; fill them in by hand in the
                other app:
              </p>
              <ul aria-label="Values to fill in">
                {state.value.toFill.map((item) => (
                  <li key={`${item.server}/${item.key}/${item.placeholder}`}>
                    <strong>{item.server}</strong>: {item.key} (<code>{item.placeholder}</code>)
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <div className="row">
        <button type="button" className="button small quiet" onClick={onDone}>
          Close
        </button>
      </div>
    </section>
  );
}
