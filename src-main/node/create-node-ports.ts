import type { RefreshLock } from '../core/auth/token-session.js';
import type {
  Clock,
  Files,
  HttpClient,
  McpProcesses,
  Random,
  SecretStore,
  Timers,
} from '../core/ports.js';
import { FsFiles } from './fs-files.js';
import { DEFAULT_SECRET_SERVICE_NAME, KeyringSecretStore } from './keyring-secret-store.js';
import { McpLaunchers } from './mcp-launchers.js';
import { NodeHttpClient } from './node-http.js';
import { NodeRandom } from './node-random.js';
import { defaultRefreshLockPath, RefreshLockFile } from './refresh-lock-file.js';
import { createCommandPreparer } from './shell-path.js';
import { StdioMcpProcesses } from './stdio-mcp-processes.js';
import { SystemClock } from './system-clock.js';

/** The ports every entry point (Electron, headless, e2e harness) builds the same way. */
export interface NodePorts {
  clock: Clock;
  timers: Timers;
  random: Random;
  http: HttpClient;
  files: Files;
  secrets: SecretStore;
  /**
   * Local stdio MCP servers (commands looked up on the login shell's PATH) and remote ones over
   * HTTP.
   */
  processes: McpProcesses;
  /** Serialises token refreshes with other processes using the same keychain entries. */
  refreshLock: RefreshLock;
}

export interface NodePortsOptions {
  /** Keychain service name; e2e runs pass a unique one so they never share entries. */
  secretServiceName?: string;
}

/** Builds the real adapters; one clock object serves as both Clock and Timers. */
export function createNodePorts(options: NodePortsOptions = {}): NodePorts {
  const clock = new SystemClock();
  const serviceName = options.secretServiceName ?? DEFAULT_SECRET_SERVICE_NAME;
  return {
    clock,
    timers: clock,
    random: new NodeRandom(),
    http: new NodeHttpClient(),
    files: new FsFiles(),
    secrets: new KeyringSecretStore(serviceName),
    refreshLock: new RefreshLockFile(defaultRefreshLockPath(serviceName)),
    processes: new McpLaunchers(new StdioMcpProcesses({ prepare: createCommandPreparer() })),
  };
}
