/**
 * The environment a local server is spawned with.
 *
 * Built at every spawn, so a secret changed in the keychain is used on the next restart and a
 * missing one stops the start with an error that names it (never its value, never an empty
 * string silently passed on). Secrets travel only in the env of the server they belong to:
 *
 * - `${secret:NAME}` placeholders in the server's own env are read from the keychain
 *   (core/secrets/placeholders.ts scopes them per server);
 * - from our own environment we pass what a program expects (HOME, LANG, proxies…) but withhold
 *   variables that other servers are configured with as secrets, our own `DUST_*` (the headless
 *   token), and anything else that looks like a secret. Claude Desktop and the MCP SDK go
 *   further and pass only a short allow-list; we keep the rest so proxies, locales and tool
 *   homes keep working.
 */
import type { LocalServerSpec, SecretStore } from '../ports.js';
import { detectSecret } from '../secrets/detect.js';
import { placeholdersIn, resolvePlaceholders } from '../secrets/placeholders.js';

export interface ServerEnvOptions {
  serverName: string;
  /** The server's env from settings, placeholders included. */
  serverEnv: Readonly<Record<string, string>>;
  /** Our process environment, passed in as data (the core cannot read `process.env`). */
  parentEnv: Readonly<Record<string, string | undefined>>;
  /** The env maps of every OTHER configured server. */
  otherServerEnvs: readonly Readonly<Record<string, string>>[];
  /** An explicit PATH for the child; without it the process adapter sets the login shell's. */
  path?: string;
}

export interface ServerEnv {
  env: Record<string, string>;
  /** Names (never values) of the variables of ours that were withheld, for the log. */
  withheld: string[];
}

export async function buildServerEnv(
  options: ServerEnvOptions,
  store: SecretStore,
): Promise<ServerEnv> {
  const othersSecretKeys = secretKeysOf(options.otherServerEnvs);
  const env: Record<string, string> = {};
  const withheld: string[] = [];
  for (const [key, value] of Object.entries(options.parentEnv)) {
    if (value === undefined) continue;
    if (key in options.serverEnv) continue;
    // PATH is the process adapter's business (the login shell's, see node/shell-path.ts): ours
    // is a GUI app's bare one on macOS, and searching it first would pick /usr/bin's stubs.
    if (key.toUpperCase() === 'PATH') continue;
    if (shouldWithhold(key, value, othersSecretKeys)) withheld.push(key);
    else env[key] = value;
  }
  if (options.path !== undefined) env.PATH = options.path;
  Object.assign(env, await resolvePlaceholders(options.serverEnv, store, options.serverName));
  return { env, withheld: withheld.sort() };
}

/** Keys other servers hold secrets under: a placeholder, or a value that looks like a secret. */
function secretKeysOf(envs: readonly Readonly<Record<string, string>>[]): Set<string> {
  const keys = new Set<string>();
  for (const env of envs) {
    for (const [key, value] of Object.entries(env)) {
      if (placeholdersIn(value).length > 0 || detectSecret(key, value)) keys.add(key.toUpperCase());
    }
  }
  return keys;
}

function shouldWithhold(key: string, value: string, othersSecretKeys: Set<string>): boolean {
  if (othersSecretKeys.has(key.toUpperCase())) return true;
  if (/^DUST_/i.test(key)) return true;
  // Exported shell functions ("() { …") are code, not configuration (the MCP SDK drops them too).
  if (value.startsWith('()')) return true;
  return detectSecret(key, value) !== undefined;
}

export interface ServerLaunchConfig {
  name: string;
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd?: string;
}

/**
 * The supervisor's `spec` function for one server: reads the keychain at each spawn. `context`
 * is called each time too, so the server list and our environment are always current.
 */
export function createSpecResolver(
  server: ServerLaunchConfig,
  store: SecretStore,
  context: () => {
    parentEnv: Readonly<Record<string, string | undefined>>;
    otherServerEnvs: readonly Readonly<Record<string, string>>[];
    path?: string;
  },
  onWithheld: (names: string[]) => void = () => undefined,
): () => Promise<LocalServerSpec> {
  return async () => {
    const { env, withheld } = await buildServerEnv(
      { serverName: server.name, serverEnv: server.env, ...context() },
      store,
    );
    if (withheld.length > 0) onWithheld(withheld);
    return {
      command: server.command,
      args: server.args,
      env,
      ...(server.cwd !== undefined ? { cwd: server.cwd } : {}),
    };
  };
}
