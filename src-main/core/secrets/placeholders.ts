/**
 * `${secret:NAME}` placeholders: secrets live in the keychain, settings hold only the reference.
 *
 * A placeholder is scoped to its server: `${secret:GITHUB_TOKEN}` in server "github" is the
 * keychain entry `server/github/GITHUB_TOKEN`, so two servers can each have their own
 * `API_KEY`, and removing a server can remove exactly its entries. Placeholders may sit inside
 * a longer value ("Bearer ${secret:TOKEN}"); only the placeholder is replaced.
 *
 * Resolution happens once, at spawn (`resolvePlaceholders`), which is the only function here
 * that returns a secret value. A missing entry fails with an error that names the placeholder
 * and the server, never with an empty value silently passed to the server.
 */
import type { SecretStore } from '../ports.js';

/** Placeholder names: env-key-like, so they read well and never contain "/" or "}". */
const NAME = '[A-Za-z0-9_.-]+';
const PLACEHOLDER = new RegExp(`\\$\\{secret:(${NAME})\\}`, 'g');
const WHOLE_PLACEHOLDER = new RegExp(`^\\$\\{secret:(${NAME})\\}$`);

export function secretPlaceholder(name: string): string {
  if (!new RegExp(`^${NAME}$`).test(name))
    throw new Error(`"${name}" cannot be a secret name (letters, digits, _ . - only)`);
  return `\${secret:${name}}`;
}

/** A placeholder name derived from an env key (keys with odd characters get them replaced). */
export function secretNameForEnvKey(envKey: string): string {
  const name = envKey.replace(/[^A-Za-z0-9_.-]/g, '_');
  return name.length > 0 ? name : 'SECRET';
}

/**
 * The keychain account for a server's secret; the server name is encoded so "/" stays a separator.
 */
export function secretStoreKey(serverName: string, name: string): string {
  return `server/${encodeURIComponent(serverName)}/${name}`;
}

/** The secret names a value refers to, in order, without duplicates. */
export function placeholdersIn(value: string): string[] {
  return [...new Set([...value.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/** The name if the whole value is one placeholder, else undefined. */
export function wholePlaceholder(value: string): string | undefined {
  return WHOLE_PLACEHOLDER.exec(value)?.[1];
}

/** Every secret name an env map refers to. */
export function placeholdersInEnv(env: Readonly<Record<string, string>>): string[] {
  return [...new Set(Object.values(env).flatMap(placeholdersIn))];
}

/** A placeholder whose secret is not in the keychain. The message names it, never a value. */
export class MissingSecretError extends Error {
  constructor(
    readonly serverName: string,
    readonly envKey: string,
    readonly secretName: string,
  ) {
    super(
      `Server "${serverName}" needs the secret \${secret:${secretName}} (for ${envKey}), but it is not in the system keychain. Enter it in the server's settings.`,
    );
    this.name = 'MissingSecretError';
  }
}

/**
 * The env to spawn `serverName` with: every placeholder replaced by its keychain value.
 *
 * Reads each secret once even if several keys use it; rejects with `MissingSecretError` for
 * the first missing one (in key order), so the server is never started half-configured.
 */
export async function resolvePlaceholders(
  env: Readonly<Record<string, string>>,
  store: SecretStore,
  serverName: string,
): Promise<Record<string, string>> {
  const values = new Map<string, string>();
  for (const key of Object.keys(env).sort()) {
    for (const name of placeholdersIn(env[key] ?? '')) {
      if (values.has(name)) continue;
      const value = await store.get(secretStoreKey(serverName, name));
      if (value === null) throw new MissingSecretError(serverName, key, name);
      values.set(name, value);
    }
  }
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    resolved[key] = value.replace(PLACEHOLDER, (_whole, name: string) => values.get(name) ?? '');
  }
  return resolved;
}
