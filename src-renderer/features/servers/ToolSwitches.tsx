import type { ServerStatusDto } from '../../../src-main/shared/contract/servers';
import { useAppStore } from '../../state/store-context';

/**
 * The server's tools, each with a switch: a tool switched off is not offered to Dust's agents,
 * and a call to it is refused. For servers with dozens of tools where agents should see a few.
 */
export function ToolSwitches({ server }: { server: ServerStatusDto }) {
  const busy = useAppStore((state) => Boolean(state.serverBusy[server.name]));
  const setToolEnabled = useAppStore((state) => state.setToolEnabled);
  const off = server.tools.filter((tool) => tool.enabled === false).length;
  const count = `${server.tools.length} ${server.tools.length === 1 ? 'tool' : 'tools'}`;
  return (
    <details className="details" data-testid="server-tools">
      <summary>{off > 0 ? `${count}, ${off} switched off` : count}</summary>
      <ul className="tools">
        {server.tools.map((tool) => {
          const on = tool.enabled !== false;
          return (
            <li key={tool.name} className={on ? undefined : 'muted'}>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  disabled={busy}
                  onChange={(event) =>
                    void setToolEnabled(server.name, tool.name, event.target.checked)
                  }
                  aria-label={`${tool.name} offered to Dust`}
                />
              </label>
              <span className="mono">{tool.name}</span>
              {tool.readOnly && <span className="tag">read-only</span>}
              {!on && <span className="tag">off: agents don’t see it</span>}
              {tool.description && <span className="muted"> — {tool.description}</span>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
