import { type FormEvent, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { ErrorBlock, Loading } from '../../components/StatusBlock';
import { selectServerList } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';

const actionWords = { allow: 'Always allowed', deny: 'Always denied', ask: 'Always asks' } as const;

/** Per-tool rules: a standing answer for a server's tool (or a `*` glob of tools). */
export function RulesSection() {
  const rules = useAppStore((state) => state.rules);
  const error = useAppStore((state) => state.rulesError);
  const setRule = useAppStore((state) => state.setRule);
  const removeRule = useAppStore((state) => state.removeRule);
  const servers = useAppStore(useShallow(selectServerList));
  const [server, setServer] = useState('');
  const [tool, setTool] = useState('');
  const [action, setAction] = useState<'allow' | 'deny' | 'ask'>('ask');
  const chosenServer = server || servers[0]?.name || '';

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await setRule({ server: chosenServer, tool: tool.trim(), action })) setTool('');
  };
  return (
    <section aria-labelledby="rules-title" className="view">
      <h3 id="rules-title">Rules per tool</h3>
      {rules.status === 'loading' && <Loading what="rules" />}
      {rules.status === 'error' && (
        <ErrorBlock message={`Could not load rules: ${rules.message}`} />
      )}
      {rules.status === 'ready' && rules.value.length === 0 && (
        <p className="muted small">No rules: calls follow your permissions above, or ask.</p>
      )}
      {rules.status === 'ready' && rules.value.length > 0 && (
        <ul className="stack" aria-label="Rules">
          {rules.value.map((rule) => (
            <li key={`${rule.server}/${rule.tool}`} className="card grant" data-testid="rule">
              <p>
                <span className="mono">{rule.tool}</span>{' '}
                <span className="muted">on {rule.server}</span> · {actionWords[rule.action]}
                {rule.source === 'import' && <span className="tag">imported</span>}
              </p>
              <button
                type="button"
                className="button small"
                onClick={() => void removeRule({ server: rule.server, tool: rule.tool })}
                aria-label={`Remove the rule for ${rule.tool} on ${rule.server}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {servers.length > 0 && (
        <form className="filters" onSubmit={(event) => void add(event)} aria-label="Add a rule">
          <select
            aria-label="Server"
            value={chosenServer}
            onChange={(event) => setServer(event.target.value)}
          >
            {servers.map((entry) => (
              <option key={entry.name}>{entry.name}</option>
            ))}
          </select>
          <input
            type="text"
            aria-label="Tool (a name or a * pattern)"
            placeholder="read_*"
            required
            value={tool}
            onChange={(event) => setTool(event.target.value)}
          />
          <select
            aria-label="Action"
            value={action}
            onChange={(event) => setAction(event.target.value as 'allow' | 'deny' | 'ask')}
          >
            <option value="allow">Allow</option>
            <option value="deny">Deny</option>
            <option value="ask">Ask</option>
          </select>
          <button type="submit" className="button small">
            Add rule
          </button>
        </form>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
