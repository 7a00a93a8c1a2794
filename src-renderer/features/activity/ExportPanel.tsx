import { useEffect, useMemo } from 'react';

import { useAppStore } from '../../state/store-context';

/**
 * Export as JSONL: a download link to a Blob URL (the CSP governs fetches, not a link the person
 * clicks), and the same text in a read-only box to copy, in case the shell blocks the download.
 */
export function ExportPanel() {
  const exported = useAppStore((state) => state.activityExport);
  const exportActivity = useAppStore((state) => state.exportActivity);
  const jsonl = exported.status === 'ready' ? exported.jsonl : null;
  const url = useMemo(() => (jsonl === null ? null : URL.createObjectURL(new Blob([jsonl], { type: 'application/x-ndjson' }))), [jsonl]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return (
    <div className="export">
      <button type="button" className="button small" disabled={exported.status === 'busy'} onClick={() => void exportActivity()}>
        {exported.status === 'busy' ? 'Exporting…' : 'Export JSONL'}
      </button>
      {exported.status === 'error' && (
        <p className="error-text" role="alert">
          Could not export: {exported.message}
        </p>
      )}
      {url && jsonl !== null && (
        <div className="export-result">
          <a className="button small primary" href={url} download="dust-mcp-tray-activity.jsonl">
            Download ({jsonl.split('\n').filter(Boolean).length} lines)
          </a>
          <label className="field">
            <span className="muted small">If the download is blocked, copy it from here:</span>
            <textarea readOnly rows={4} value={jsonl} className="mono small" />
          </label>
        </div>
      )}
    </div>
  );
}
