/**
 * The `McpProcesses` port for every kind of server: a local stdio server is spawned as a child
 * process, a remote one (a spec with `url`) gets a session over HTTP. The supervisor above does
 * not care which; it sees raw JSON-RPC and an "exit" either way.
 */
import type {
  LocalServerProcess,
  LocalServerSpec,
  McpProcesses,
  RemoteServerSpec,
  ServerLaunchSpec,
} from '../core/ports.js';
import { checkRemoteUrl } from '../core/settings/remote-entry.js';
import type { RemoteConnectionOptions } from './remote-mcp-connection.js';

export class McpLaunchers implements McpProcesses {
  constructor(
    private readonly stdio: McpProcesses,
    private readonly remoteOptions: RemoteConnectionOptions = {},
  ) {}

  spawn(spec: ServerLaunchSpec): Promise<LocalServerProcess> {
    if (!isRemoteSpec(spec)) return this.stdio.spawn(spec);
    // Checked again here, not only in settings: the form's Test button connects to unsaved input.
    const problem = checkRemoteUrl(spec.url);
    if (problem) return Promise.reject(new Error(`The URL ${problem}.`));
    // Loaded on first use: it brings the MCP SDK's HTTP transports and message schemas (~11 MB of
    // RSS), which a bridge with only stdio servers never needs.
    return import('./remote-mcp-connection.js').then(
      ({ RemoteMcpConnection }) => new RemoteMcpConnection(spec, this.remoteOptions),
    );
  }

  commandAvailable(spec: LocalServerSpec): Promise<boolean> {
    // Unknown (treated as available) when the stdio launcher cannot tell.
    return this.stdio.commandAvailable ? this.stdio.commandAvailable(spec) : Promise.resolve(true);
  }
}

export function isRemoteSpec(spec: ServerLaunchSpec): spec is RemoteServerSpec {
  return 'url' in spec;
}
