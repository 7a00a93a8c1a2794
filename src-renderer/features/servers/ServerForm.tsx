import { type FormEvent, useState } from 'react';

import type { TestServerOutput } from '../../../src-main/shared/contract/servers';
import type { Result } from '../../state/slices/servers-slice';
import { useAppStore } from '../../state/store-context';
import { inputFromForm, type ServerFormText } from './server-form-text';
import { TestResult } from './TestResult';

interface Props {
  initial: ServerFormText;
  masked: Record<string, string>;
  onDone: () => void;
}

/**
 * Add or edit a server: local (a command) or remote (a URL with headers). "Test" runs the form as
 * typed (nothing saved): spawn or connect, handshake, tools/list. Save's refusals (bad name,
 * duplicate, missing command) come back in main's words.
 */
export function ServerForm({ initial, masked, onDone }: Props) {
  const save = useAppStore((state) => state.saveServer);
  const test = useAppStore((state) => state.testServer);
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  /** Main's warning before saving (the command cannot be found); "Save anyway" goes past it. */
  const [warning, setWarning] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [tested, setTested] = useState<Result<TestServerOutput> | 'running' | null>(null);
  const remote = form.kind === 'remote';
  const field = (key: keyof ServerFormText) => ({
    value: String(form[key] ?? ''),
    onChange: (event: { target: { value: string } }) =>
      setForm({ ...form, [key]: event.target.value }),
  });

  const store = async (saveAnyway: boolean) => {
    setSaving(true);
    setError(null);
    const result = await save({
      ...inputFromForm(form, masked),
      ...(saveAnyway ? { saveAnyway } : {}),
    });
    setSaving(false);
    if (!result.ok) setError(result.message);
    else if (result.value.warning) setWarning(result.value.warning);
    else onDone();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setWarning(null);
    void store(false);
  };
  const runTest = async () => {
    setTested('running');
    setTested(await test({ kind: 'form', server: inputFromForm(form, masked) }));
  };

  return (
    <form
      className="card form"
      onSubmit={submit}
      aria-label={form.originalName ? `Edit ${form.originalName}` : 'Add a server'}
    >
      <h3>{form.originalName ? `Edit ${form.originalName}` : 'Add a server'}</h3>
      <label className="field">
        <span>Name</span>
        <input type="text" required {...field('name')} />
      </label>
      <fieldset className="field">
        <legend>Kind</legend>
        <label className="radio">
          <input
            type="radio"
            name="kind"
            checked={form.kind === 'local'}
            onChange={() => setForm({ ...form, kind: 'local' })}
          />
          <span>Local (command)</span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="kind"
            checked={form.kind === 'remote'}
            onChange={() => setForm({ ...form, kind: 'remote' })}
          />
          <span>Remote (URL)</span>
        </label>
      </fieldset>
      {remote ? (
        <>
          <label className="field">
            <span>URL (https://, or http:// on this computer)</span>
            <input
              type="url"
              required
              placeholder="https://mcp.example.com/mcp"
              {...field('url')}
            />
          </label>
          <label className="field">
            <span>Transport</span>
            <select
              value={form.transport}
              onChange={(event) =>
                setForm({ ...form, transport: event.target.value === 'sse' ? 'sse' : 'http' })
              }
            >
              <option value="http">Streamable HTTP (falls back to SSE for older servers)</option>
              <option value="sse">HTTP+SSE (legacy)</option>
            </select>
          </label>
          <label className="field">
            <span>Headers, Name: value per line</span>
            <textarea
              rows={2}
              className="mono"
              placeholder="Authorization: Bearer …"
              {...field('env')}
            />
          </label>
          <label className="field">
            <span>
              Secret headers (kept in the system keychain; Authorization and API keys always are)
            </span>
            <input type="text" placeholder="Authorization, X-API-Key" {...field('secretKeys')} />
          </label>
        </>
      ) : (
        <>
          <label className="field">
            <span>Command</span>
            <input type="text" required placeholder="npx" {...field('command')} />
          </label>
          <label className="field">
            <span>Arguments, one per line</span>
            <textarea rows={3} className="mono" {...field('args')} />
          </label>
          <label className="field">
            <span>Environment, KEY=value per line</span>
            <textarea rows={2} className="mono" {...field('env')} />
          </label>
          <label className="field">
            <span>Secret keys (kept in the system keychain, not in settings)</span>
            <input type="text" placeholder="API_KEY, TOKEN" {...field('secretKeys')} />
          </label>
          <label className="field">
            <span>Working directory (optional)</span>
            <input type="text" {...field('cwd')} />
          </label>
          <label className="field">
            <span>Folders it may see, one per line (offered as MCP roots; none by default)</span>
            <textarea
              rows={2}
              className="mono"
              placeholder="/home/you/projects"
              {...field('roots')}
            />
          </label>
        </>
      )}
      <label className="radio">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(event) => setForm({ ...form, enabled: event.target.checked })}
        />
        <span>Enabled</span>
      </label>
      <label className="radio">
        <input
          type="checkbox"
          checked={form.trusted}
          onChange={(event) => setForm({ ...form, trusted: event.target.checked })}
        />
        <span>Trusted: let its read-only hints skip the prompt</span>
      </label>
      <TestResult result={tested} />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {warning && (
        <div className="warning-text" role="alert" data-testid="save-warning">
          <p>Not saved yet: {warning}</p>
          <button
            type="button"
            className="button"
            disabled={saving}
            onClick={() => void store(true)}
          >
            Save anyway
          </button>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          className="button"
          disabled={tested === 'running'}
          onClick={() => void runTest()}
        >
          Test
        </button>
        <button type="button" className="button quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
