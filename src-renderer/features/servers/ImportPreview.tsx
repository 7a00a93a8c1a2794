import { useState } from 'react';

import type {
  ImportApplyOutput,
  ImportPreviewOutput,
} from '../../../src-main/shared/contract/imports';
import { plural } from '../../components/words';
import { useAppStore } from '../../state/store-context';

interface Props {
  plan: ImportPreviewOutput;
  onBack: () => void;
  onDone: () => void;
}

/** What an import would add, the secrets it would move to the keychain, and what it skips. */
export function ImportPreview({ plan, onBack, onDone }: Props) {
  const apply = useAppStore((state) => state.applyImport);
  const [chosen, setChosen] = useState(
    () => new Set(plan.servers.filter((server) => !server.conflict).map((server) => server.name)),
  );
  const [replace, setReplace] = useState(() => new Set<string>());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportApplyOutput | null>(null);
  const toggle = (set: Set<string>, name: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(name);
    else next.delete(name);
    return next;
  };
  const run = async () => {
    const onConflict = Object.fromEntries([...replace].map((name) => [name, 'replace' as const]));
    const result = await apply({
      planId: plan.planId,
      choices: { servers: [...chosen], onConflict },
    });
    if (result.ok) setDone(result.value);
    else setError(result.message);
  };
  if (done) {
    return (
      <section className="card" role="status" data-testid="import-done">
        <p>
          Imported {done.imported.length === 0 ? 'nothing' : done.imported.join(', ')}.
          {done.movedSecrets.length > 0 &&
            ` ${plural(done.movedSecrets.length, 'secret value')} moved to the keychain.`}
        </p>
        {done.skipped.map((skip) => (
          <p key={skip.name} className="muted small">
            Skipped {skip.name}: {skip.reason}
          </p>
        ))}
        <button type="button" className="button" onClick={onDone}>
          Close
        </button>
      </section>
    );
  }
  return (
    <section
      className="card form"
      aria-labelledby="import-preview-title"
      data-testid="import-preview"
    >
      <h3 id="import-preview-title">Preview: {plural(plan.servers.length, 'server')}</h3>
      <ul className="stack">
        {plan.servers.map((server) => (
          <li key={server.name} className="import-server">
            <label className="radio">
              <input
                type="checkbox"
                checked={chosen.has(server.name)}
                onChange={(event) => setChosen(toggle(chosen, server.name, event.target.checked))}
              />
              <span className="card-title">{server.name}</span>
            </label>
            <p className="mono small command">{[server.command, ...server.args].join(' ')}</p>
            {server.secretsFound.map((secret) => (
              <p key={secret.envKey} className="notice small">
                {secret.envKey}: {secret.reason} — it will be moved to the keychain.
              </p>
            ))}
            {server.secretsToFill.map((secret) => (
              <p key={secret.envKey} className="notice small">
                {secret.envKey} needs a value ({secret.reason}); fill it in after importing.
              </p>
            ))}
            {server.warnings.map((warning) => (
              <p key={warning} className="muted small">
                {warning}
              </p>
            ))}
            {server.conflict && (
              <label className="radio small">
                <input
                  type="checkbox"
                  checked={replace.has(server.name)}
                  onChange={(event) =>
                    setReplace(toggle(replace, server.name, event.target.checked))
                  }
                />
                <span>
                  A server with this name exists
                  {server.conflict.sameCommand ? ' (same command)' : ''}: replace it
                </span>
              </label>
            )}
          </li>
        ))}
      </ul>
      {plan.skipped.map((skip) => (
        <p key={skip.name} className="muted small">
          Not importable: {skip.name} — {skip.reason}
        </p>
      ))}
      {plan.notes.map((note) => (
        <p key={note} className="muted small">
          {note}
        </p>
      ))}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={chosen.size === 0}
          onClick={() => void run()}
        >
          Import {plural(chosen.size, 'server')}
        </button>
        <button type="button" className="button quiet" onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  );
}
