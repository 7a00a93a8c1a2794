import { useEffect, useMemo, useRef } from 'react';

import { plural } from '../../components/words';
import { useAppStore } from '../../state/store-context';

/** The Export button, in the view's head; the result opens below the head (ExportResult). */
export function ExportButton({
  buttonRef,
}: {
  buttonRef: React.RefObject<HTMLButtonElement | null>;
}) {
  const exported = useAppStore((state) => state.activityExport);
  const exportActivity = useAppStore((state) => state.exportActivity);
  return (
    <button
      ref={buttonRef}
      type="button"
      className="button small"
      disabled={exported.status === 'busy'}
      onClick={() => void exportActivity()}
    >
      {exported.status === 'busy' ? 'Exporting…' : 'Export JSONL'}
    </button>
  );
}

/**
 * Export as JSONL: a download link to a Blob URL (the CSP governs fetches, not a link the person
 * clicks), and the same text in a read-only box to copy, in case the shell blocks the download.
 * A panel below the head, closed with its button or Escape; the focus goes back to Export.
 */
export function ExportResult({ returnFocus }: { returnFocus: () => void }) {
  const exported = useAppStore((state) => state.activityExport);
  const close = useAppStore((state) => state.closeExport);
  const panel = useRef<HTMLDivElement>(null);
  const jsonl = exported.status === 'ready' ? exported.jsonl : null;
  const url = useMemo(
    () =>
      jsonl === null
        ? null
        : URL.createObjectURL(new Blob([jsonl], { type: 'application/x-ndjson' })),
    [jsonl],
  );
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  useEffect(() => {
    if (jsonl !== null) panel.current?.focus();
  }, [jsonl]);
  if (exported.status === 'error') {
    return (
      <p className="error-text" role="alert">
        Could not export: {exported.message}
      </p>
    );
  }
  if (!url || jsonl === null) return null;
  const closeAndReturn = () => {
    close();
    returnFocus();
  };
  const lines = jsonl.split('\n').filter(Boolean).length;
  return (
    <div
      ref={panel}
      className="export-result card"
      role="region"
      aria-label="Exported activity"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        closeAndReturn();
      }}
    >
      <div className="row">
        <a className="button small primary" href={url} download="dust-mcp-tray-activity.jsonl">
          Download ({plural(lines, 'line')})
        </a>
        <button type="button" className="button small" onClick={closeAndReturn}>
          Close
        </button>
      </div>
      <label className="field">
        <span className="muted small">If the download is blocked, copy it from here:</span>
        <textarea readOnly rows={4} value={jsonl} className="mono small" />
      </label>
    </div>
  );
}
