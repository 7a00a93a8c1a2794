import type { NodePorts } from '../node/create-node-ports.js';
import { FsFiles } from '../node/fs-files.js';
import { LazySecretStore } from '../node/lazy-secret-store.js';
import { McpLaunchers } from '../node/mcp-launchers.js';
import { NodeHttpClient } from '../node/node-http.js';
import { NodeRandom } from '../node/node-random.js';
import { defaultRefreshLockPath, RefreshLockFile } from '../node/refresh-lock-file.js';
import { DEFAULT_SECRET_SERVICE_NAME } from '../node/secret-service-name.js';
import { createCommandPreparer } from '../node/shell-path.js';
import { StdioMcpProcesses } from '../node/stdio-mcp-processes.js';
import { SystemClock } from '../node/system-clock.js';

/**
 * The same adapters as createNodePorts, except the keychain: loaded on first use only, so the
 * bundled `dust-mcp-bridge` given a DUST_TOKEN never loads (or needs) the native addon.
 */
export function createHeadlessPorts(): NodePorts {
  const clock = new SystemClock();
  return {
    clock,
    timers: clock,
    random: new NodeRandom(),
    http: new NodeHttpClient(),
    files: new FsFiles(),
    secrets: new LazySecretStore(),
    // Refreshes are taken in turn with the desktop app, which shares the same keychain entries.
    refreshLock: new RefreshLockFile(defaultRefreshLockPath(DEFAULT_SECRET_SERVICE_NAME)),
    // Local stdio servers and remote ones over HTTP (a servers file may hold both).
    processes: new McpLaunchers(new StdioMcpProcesses({ prepare: createCommandPreparer() })),
  };
}
