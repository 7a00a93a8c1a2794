/**
 * Finds secrets in a server's environment (and arguments), conservatively, explaining each.
 *
 * People paste API keys into `env` of `claude_desktop_config.json` and friends, where any process
 * can read them (e.g. CakeRepository/1Password-MCP issue #5). The importer offers to move what is
 * found here into the keychain. Flagging a harmless value costs one click; missing a key leaks it,
 * but flagging every `AUTH_URL` would train people to ignore us, so a suspicious NAME is flagged
 * only when its VALUE could be a secret (not a URL, path, number, flag or placeholder). A
 * suspicious VALUE (a known token prefix, a JWT, a URL with a password, a private key, a long
 * random string) is flagged whatever its name.
 *
 * Reasons never quote the value.
 */
import { describeKnownPrefix } from './known-prefixes.js';

export type SecretSignal =
  'name' | 'prefix' | 'jwt' | 'url-password' | 'private-key' | 'entropy' | 'placeholder';

export interface SecretFinding {
  envKey: string;
  signal: SecretSignal;
  /** Why it was flagged, in words, never containing the value. */
  reason: string;
}

/** Name parts that mean "secret"; matched on whole words of the key, so AUTHOR and PWD pass. */
const SECRET_WORDS = new Set([
  'TOKEN',
  'TOKENS',
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'AUTH',
  'PAT',
]);
const SECRET_PAIRS = [
  ['API', 'KEY'],
  ['ACCESS', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['SECRET', 'KEY'],
  ['CLIENT', 'SECRET'],
];
/** Last words that make a secret-sounding name harmless: AUTH_URL, TOKEN_PATH, PASSWORD_FILE. */
const HARMLESS_LAST_WORDS = new Set([
  'URL',
  'URI',
  'HOST',
  'ENDPOINT',
  'PATH',
  'FILE',
  'DIR',
  'TYPE',
  'MODE',
  'METHOD',
  'ENABLED',
  'DISABLED',
  'LIMIT',
  'TIMEOUT',
  'TTL',
  'EXPIRY',
  'HEADER',
  'PROVIDER',
  'SCOPE',
  'SCOPES',
  'USER',
  'USERNAME',
  'ID',
  'LENGTH',
  'COUNT',
  'NAME',
  'REGION',
]);

/** The words of an env key: GITHUB_PERSONAL_ACCESS_TOKEN, githubToken, api-key. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toUpperCase());
}

function secretNameMatch(key: string): string | undefined {
  const words = keyWords(key);
  const last = words.at(-1);
  if (last !== undefined && HARMLESS_LAST_WORDS.has(last)) return undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    const pair = SECRET_PAIRS.find(([a, b]) => a === word && b === next);
    if (pair) return pair.join('_');
    if (SECRET_WORDS.has(word)) return word;
  }
  return undefined;
}

/** Values that cannot be a secret even under a secret-sounding name. */
function isObviouslyNotSecret(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (/^(true|false|yes|no|on|off|none|null|undefined|0|1)$/i.test(v)) return true;
  if (/^-?\d+(\.\d+)?$/.test(v)) return true;
  if (/^(\/|~\/|\.{1,2}[/\\]|[A-Za-z]:[\\/]|\\\\)/.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v)) return true;
  if (/^\$\{(env|input|workspaceFolder|userHome)[:}]/.test(v)) return true;
  return false;
}

export const SECRET_PLACEHOLDER_TEST = /\$\{secret:[^}]*\}/;

/** Bits of Shannon entropy per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const length = [...value].length;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function valueSignal(value: string): { signal: SecretSignal; reason: string } | undefined {
  const v = value.trim();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v))
    return { signal: 'private-key', reason: 'value contains a PEM private key' };
  const prefix = describeKnownPrefix(v);
  if (prefix)
    return {
      signal: 'prefix',
      reason: `value starts with "${prefix.prefix}", the prefix of ${prefix.what}`,
    };
  if (/^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/.test(v)) {
    return {
      signal: 'jwt',
      reason: 'value is a JSON Web Token (three base64url parts starting with "eyJ")',
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i.test(v)) {
    return {
      signal: 'url-password',
      reason: 'value is a URL with a password in it (user:password@host)',
    };
  }
  return entropySignal(v);
}

/**
 * Long random-looking strings. Pure hex can carry at most 4 bits per character and is often a
 * commit hash or an id, so it needs 64+ characters; UUIDs (ids, not secrets) never count.
 */
function entropySignal(v: string): { signal: SecretSignal; reason: string } | undefined {
  if (v.length < 32 || /\s/.test(v) || !/^[A-Za-z0-9+/=_.~-]+$/.test(v)) return undefined;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return undefined;
  if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v)) return undefined;
  const entropy = shannonEntropy(v);
  const isHex = /^[0-9a-fA-F]+$/.test(v);
  const strong = isHex ? v.length >= 64 && entropy >= 3.5 : entropy >= 4.2;
  if (!strong) return undefined;
  return {
    signal: 'entropy',
    reason: `value is a ${v.length}-character random-looking string (${entropy.toFixed(1)} bits per character)`,
  };
}

/** Why `value` under `key` looks like a secret, or undefined. */
export function detectSecret(key: string, value: string): SecretFinding | undefined {
  if (SECRET_PLACEHOLDER_TEST.test(value) && !/^\$\{secret:[A-Za-z0-9_.-]+\}$/.test(value)) {
    return {
      envKey: key,
      signal: 'placeholder',
      reason:
        'value contains "${secret:…}" text, so it is stored whole to reach the server unchanged',
    };
  }
  if (/^\$\{secret:[A-Za-z0-9_.-]+\}$/.test(value)) return undefined;
  const byValue = valueSignal(value);
  if (byValue) return { envKey: key, ...byValue };
  const word = secretNameMatch(key);
  if (word !== undefined && !isObviouslyNotSecret(value)) {
    return { envKey: key, signal: 'name', reason: `name "${key}" contains ${word}` };
  }
  return undefined;
}

/** Every finding in an env map, in key order. */
export function detectSecretsInEnv(env: Readonly<Record<string, string>>): SecretFinding[] {
  return Object.keys(env)
    .sort()
    .flatMap((key) => {
      const finding = detectSecret(key, env[key] ?? '');
      return finding ? [finding] : [];
    });
}

/**
 * Arguments that look like secrets: a value signal, or the word after `--token`, `--api-key`….
 *
 * Arguments cannot hold placeholders (they are visible to every process through `ps`), so these
 * become warnings that suggest moving the value to an env variable.
 */
export function detectSecretsInArgs(args: readonly string[]): { index: number; reason: string }[] {
  const found: { index: number; reason: string }[] = [];
  args.forEach((arg, index) => {
    // `docker run -e KEY=value`, `--env KEY=value`: judge the pair like an env entry.
    const pair = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(arg);
    if (pair) {
      const finding = detectSecret(pair[1] ?? '', pair[2] ?? '');
      if (finding) found.push({ index, reason: finding.reason });
      return;
    }
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const signal = valueSignal(inline ?? arg);
    if (signal) return void found.push({ index, reason: signal.reason });
    const previous = index > 0 ? args[index - 1] : undefined;
    const flagName = inline !== undefined ? flag : previous?.startsWith('-') ? previous : undefined;
    const word = flagName !== undefined ? secretNameMatch(flagName.replace(/^-+/, '')) : undefined;
    if (word !== undefined && !isObviouslyNotSecret(inline ?? arg)) {
      found.push({ index, reason: `follows the option "${flagName}", which contains ${word}` });
    }
  });
  return found;
}
