import { Empty, ErrorBlock, Loading } from '../../components/StatusBlock';
import { useAppStore } from '../../state/store-context';
import { ServerCard } from './ServerCard';

/** Every configured local server: how it runs here and how Dust sees it. */
export function ServersView() {
  const servers = useAppStore((state) => state.servers);
  const retry = useAppStore((state) => state.retry);
  return (
    <section aria-labelledby="servers-title" className="view">
      <div className="view-head">
        <h2 id="servers-title">Servers</h2>
      </div>
      {servers.status === 'loading' && <Loading what="servers" />}
      {servers.status === 'error' && <ErrorBlock message={`Could not load servers: ${servers.message}`} onRetry={retry} />}
      {servers.status === 'ready' && servers.value.length === 0 && (
        <Empty title="No local servers yet">Add an MCP server to settings.json under "mcpServers"; it appears here as soon as it is saved.</Empty>
      )}
      {servers.status === 'ready' && (
        <ul className="stack" aria-label="Local servers">
          {servers.value.map((server) => (
            <li key={server.name}>
              <ServerCard server={server} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
