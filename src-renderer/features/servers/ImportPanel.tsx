import { useEffect, useState } from 'react';

import type {
  ImportLocationDto,
  ImportPreviewOutput,
  ImportSourceDto,
} from '../../../src-main/shared/contract/imports';
import { IMPORT_SOURCE_LABELS, IMPORT_SOURCES } from '../../../src-main/shared/import-sources';
import { useAppStore } from '../../state/store-context';
import { ImportPreview } from './ImportPreview';

const sources: Array<[ImportSourceDto, string]> = IMPORT_SOURCES.map((id) => [
  id,
  IMPORT_SOURCE_LABELS[id],
]);

/**
 * Import from another app: a config file main found on this machine, or pasted text. Nothing is
 * written until the preview (with the secrets it found) is confirmed; other apps' files are only
 * read.
 */
export function ImportPanel({ onDone }: { onDone: () => void }) {
  const locationsOf = useAppStore((state) => state.importLocations);
  const preview = useAppStore((state) => state.previewImport);
  const [locations, setLocations] = useState<ImportLocationDto[]>([]);
  const [source, setSource] = useState<ImportSourceDto>('claude-desktop');
  const [path, setPath] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPreviewOutput | null>(null);
  useEffect(() => {
    void locationsOf().then((result) => result.ok && setLocations(result.value));
  }, [locationsOf]);

  const found = locations.filter((location) => location.source === source);
  const run = async () => {
    setError(null);
    const result = await preview(path && !text.trim() ? { source, path } : { source, text });
    if (result.ok) setPlan(result.value);
    else setError(result.message);
  };
  if (plan) return <ImportPreview plan={plan} onDone={onDone} onBack={() => setPlan(null)} />;
  return (
    <section className="card form" aria-labelledby="import-title">
      <h3 id="import-title">Import servers</h3>
      <label className="field">
        <span>From</span>
        <select
          value={source}
          onChange={(event) => {
            setSource(event.target.value as ImportSourceDto);
            setPath('');
          }}
        >
          {sources.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {found.length > 0 && (
        <label className="field">
          <span>Config file found on this computer</span>
          <select value={path} onChange={(event) => setPath(event.target.value)}>
            <option value="">Paste instead</option>
            {found.map((location) => (
              <option key={location.path} value={location.path}>
                {location.label} — {location.path}
              </option>
            ))}
          </select>
        </label>
      )}
      {!path && (
        <label className="field">
          <span>Paste the config file (JSON)</span>
          <textarea
            rows={6}
            className="mono small"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder='{ "mcpServers": { … } }'
          />
        </label>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={!path && !text.trim()}
          onClick={() => void run()}
        >
          Preview
        </button>
        <button type="button" className="button quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </section>
  );
}
