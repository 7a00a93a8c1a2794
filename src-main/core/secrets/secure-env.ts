/**
 * Plain-text secrets already in settings (typed in a form, pasted into the file, kept plain at
 * import), and moving them into the keychain on request.
 *
 * The import does this for new servers; these helpers serve the rest: a banner "2 secrets are
 * stored in plain text" and a "Move to keychain" button per server.
 */
import type { SecretStore } from '../ports.js';
import { detectSecretsInEnv } from './detect.js';
import {
  placeholdersIn,
  secretNameForEnvKey,
  secretPlaceholder,
  secretStoreKey,
} from './placeholders.js';

export interface PlainSecret {
  server: string;
  envKey: string;
  reason: string;
}

interface ServersWithEnv {
  mcpServers: Readonly<Record<string, { env: Readonly<Record<string, string>> }>>;
}

/** Every env value in settings that looks like a secret and is not a placeholder. */
export function findPlainSecrets(settings: ServersWithEnv): PlainSecret[] {
  return Object.entries(settings.mcpServers).flatMap(([server, entry]) =>
    detectSecretsInEnv(entry.env)
      .filter((finding) => finding.signal !== 'placeholder')
      .map(({ envKey, reason }) => ({ server, envKey, reason })),
  );
}

/**
 * A copy of `env` with the values of `envKeys` moved to the keychain under `serverName` and
 * replaced by placeholders. Values that already are or contain placeholders are left alone
 * (storing "${secret:X}" text as a secret would be wrong here: in settings it IS a reference).
 * The caller saves the returned env; until then the old settings still work.
 */
export async function secureServerEnv(
  store: SecretStore,
  serverName: string,
  env: Readonly<Record<string, string>>,
  envKeys: readonly string[],
): Promise<Record<string, string>> {
  const next = { ...env };
  const used = new Set(Object.values(env).flatMap(placeholdersIn));
  for (const envKey of envKeys) {
    const value = env[envKey];
    if (value === undefined || placeholdersIn(value).length > 0) continue;
    let name = secretNameForEnvKey(envKey);
    for (let n = 2; used.has(name); n++) name = `${secretNameForEnvKey(envKey)}_${n}`;
    used.add(name);
    await store.set(secretStoreKey(serverName, name), value);
    next[envKey] = secretPlaceholder(name);
  }
  return next;
}
