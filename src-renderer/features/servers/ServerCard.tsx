import type { ServerStatusDto } from '../../../src-main/shared/contract/servers';
import { CopyButton } from '../../components/CopyButton';
import { plural } from '../../components/words';
import { useAppStore } from '../../state/store-context';
import type { ServerFormText } from './server-form-text';
import { ServerActions } from './ServerActions';
import { ServerStatusLine } from './ServerStatusLine';
import { besides, dustStateWord, localStateWord } from './state-words';
import { ToolSwitches } from './ToolSwitches';

/** A state word → a tone, so "crashed" is red and "ready" green in both themes. */
export function tone(state: string): 'good' | 'warn' | 'bad' | 'idle' {
  if (/ready|streaming|online/i.test(state)) return 'good';
  if (/crash|fail|error|unauthori/i.test(state)) return 'bad';
  if (/stopped|disabled/i.test(state)) return 'idle';
  return 'warn';
}

/** One local server: toggle, restart, local state (stderr on failure), Dust registration. */
export function ServerCard({
  server,
  onEdit,
}: {
  server: ServerStatusDto;
  onEdit: (form: ServerFormText, masked: Record<string, string>) => void;
}) {
  const busy = useAppStore((state) => Boolean(state.serverBusy[server.name]));
  const error = useAppStore((state) => state.serverErrors[server.name]);
  const setEnabled = useAppStore((state) => state.setServerEnabled);
  const titleId = `server-${server.name}-title`;
  return (
    <article className="card" aria-labelledby={titleId} data-testid="server-card">
      <header className="card-head">
        <h3 id={titleId} className="card-title">
          {server.name}
          {server.dustName !== server.name && (
            <span className="muted"> as “{server.dustName}” in Dust</span>
          )}
        </h3>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={server.enabled}
            disabled={busy}
            onChange={(event) => void setEnabled(server.name, event.target.checked)}
            aria-label={`${server.name} enabled`}
          />
          <span>{server.enabled ? 'On' : 'Off'}</span>
        </label>
      </header>
      {server.status && <ServerStatusLine status={server.status} />}
      {server.remote ? (
        <p
          className="mono small command"
          title={`Remote server at ${server.remote.host} (${server.remote.transport === 'sse' ? 'HTTP+SSE' : 'Streamable HTTP'})`}
        >
          Remote: {server.remote.url}
        </p>
      ) : (
        <p className="mono small command" title="Command line (secret-looking arguments masked)">
          {[server.command, ...server.args].join(' ')}
        </p>
      )}
      <dl className="facts">
        <dt>On this computer</dt>
        <dd>
          <span className={`pill pill-${tone(server.local.state)}`}>
            {localStateWord(server.local.state)}
          </span>{' '}
          {besides(localStateWord(server.local.state), server.local.words)}
        </dd>
        <dt>Agents in Dust</dt>
        <dd>
          <span className={`pill pill-${tone(server.dust.state)}`}>
            {dustStateWord(server.dust.state)}
          </span>{' '}
          {besides(dustStateWord(server.dust.state), server.dust.words)}
        </dd>
        {server.dust.serverId && (
          <>
            <dt>Server id</dt>
            <dd className="row">
              <code className="mono small" data-testid="server-id">
                {server.dust.serverId}
              </code>
              <CopyButton
                value={server.dust.serverId}
                label={`Copy the server id of ${server.name}`}
              />
            </dd>
          </>
        )}
      </dl>
      {server.local.stderrTail.length > 0 && (
        <details className="details" open={tone(server.local.state) === 'bad'}>
          <summary>
            Last{' '}
            {server.local.stderrTail.length === 1
              ? 'line'
              : plural(server.local.stderrTail.length, 'line')}{' '}
            of its error output
          </summary>
          <pre className="log">{server.local.stderrTail.join('\n')}</pre>
        </details>
      )}
      {server.tools.length > 0 && <ToolSwitches server={server} />}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <ServerActions server={server} onEdit={onEdit} />
    </article>
  );
}
