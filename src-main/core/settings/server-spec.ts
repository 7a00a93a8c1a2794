/**
 * From a settings entry to what the supervisor spawns and what Dust registers.
 *
 * The one seam where `${secret:NAME}` placeholders become values: the resolved spec goes straight
 * to `McpProcesses.spawn` and must not be logged, stored or sent to the renderer.
 */
import type { LocalServerSpec, RemoteServerSpec, SecretStore, ServerLaunchSpec } from '../ports.js';
import { detectSecret } from '../secrets/detect.js';
import { placeholdersIn, resolvePlaceholders, secretStoreKey } from '../secrets/placeholders.js';
import { effectiveDustName } from './dust-name.js';
import { isRemoteEntry } from './remote-entry.js';
import type { ServerEntry, Settings } from './schema.js';

/** The spawn spec with secrets resolved; rejects with `MissingSecretError` naming a missing one. */
export async function resolveServerSpec(
  name: string,
  entry: ServerEntry,
  store: SecretStore,
): Promise<ServerLaunchSpec> {
  if (isRemoteEntry(entry)) {
    // Headers are resolved here, at connect time, like a stdio server's env at spawn.
    const headers = await resolvePlaceholders(entry.headers, store, name);
    const secrets = await secretValues(name, entry.headers, store);
    const spec: RemoteServerSpec = {
      url: entry.url,
      transport: entry.type === 'sse' ? 'sse' : 'auto',
      headers,
      secrets,
    };
    return spec;
  }
  const env = await resolvePlaceholders(entry.env, store, name);
  const spec: LocalServerSpec = {
    command: entry.command,
    args: [...entry.args],
    env,
    secrets: await secretValues(name, entry.env, store),
  };
  return entry.cwd === undefined ? spec : { ...spec, cwd: entry.cwd };
}

/**
 * The keychain values behind the env's (or headers') placeholders, and plain values that look like
 * secrets.
 */
async function secretValues(
  name: string,
  env: Readonly<Record<string, string>>,
  store: SecretStore,
): Promise<string[]> {
  const values: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    const names = placeholdersIn(value);
    for (const secretName of names) {
      const secret = await store.get(secretStoreKey(name, secretName));
      if (secret !== null) values.push(secret);
    }
    if (names.length === 0 && detectSecret(key, value)) values.push(value);
  }
  return values;
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
