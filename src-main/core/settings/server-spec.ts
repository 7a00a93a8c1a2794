/**
 * From a settings entry to what the supervisor spawns and what Dust registers.
 *
 * The one seam where `${secret:NAME}` placeholders become values: the resolved spec goes straight
 * to `McpProcesses.spawn` and must not be logged, stored or sent to the renderer.
 */
import type { LocalServerSpec, RemoteServerSpec, SecretStore, ServerLaunchSpec } from '../ports.js';
import { resolvePlaceholders } from '../secrets/placeholders.js';
import { effectiveDustName } from './dust-name.js';
import { isRemoteEntry } from './remote-entry.js';
import type { ServerEntry, Settings } from './schema.js';

/** The spawn spec with secrets resolved; rejects with `MissingSecretError` naming a missing one. */
export async function resolveServerSpec(name: string, entry: ServerEntry, store: SecretStore): Promise<ServerLaunchSpec> {
  if (isRemoteEntry(entry)) {
    // Headers are resolved here, at connect time, like a stdio server's env at spawn.
    const headers = await resolvePlaceholders(entry.headers, store, name);
    const spec: RemoteServerSpec = { url: entry.url, transport: entry.type === 'sse' ? 'sse' : 'auto', headers };
    return spec;
  }
  const env = await resolvePlaceholders(entry.env, store, name);
  const spec: LocalServerSpec = { command: entry.command, args: [...entry.args], env };
  return entry.cwd === undefined ? spec : { ...spec, cwd: entry.cwd };
}

export interface EnabledServer {
  name: string;
  dustName: string;
  entry: ServerEntry;
}

/** The servers to run, in settings order, each with the name it registers under in Dust. */
export function enabledServers(settings: Settings): EnabledServer[] {
  return Object.entries(settings.mcpServers)
    .filter(([, entry]) => entry.enabled)
    .map(([name, entry]) => ({ name, dustName: effectiveDustName(name, entry), entry }));
}
