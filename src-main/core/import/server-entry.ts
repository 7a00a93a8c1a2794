/**
 * Reads one `mcpServers` / `servers` entry into an `ImportedServer`, or says why it was skipped.
 *
 * Shared by every importer: the stdio shape `{command, args, env, cwd}` is the same everywhere,
 * and so are the ways it goes wrong in hand-edited files. Each problem is reported in words with
 * the entry's path; a fixable one (a number where a string belongs) is fixed and warned about, a
 * hopeless one skips the server rather than the whole import.
 */
import { isRecord } from '../is-record.js';
import { formatPath } from '../settings/parse-settings.js';
import { isRemoteType, readRemoteEntry } from './remote-import.js';
import type { ImportedServer, SkippedServer } from './types.js';

/** Keys every source may use that the shared reader handles itself. */
const SHARED_KEYS = new Set([
  'command',
  'args',
  'env',
  'cwd',
  'type',
  'transportType',
  'disabled',
  'envFile',
  'description',
]);

export type EntryResult =
  | { ok: true; server: ImportedServer; raw: Record<string, unknown> }
  | { ok: false; skipped: SkippedServer };

/** Why `name` cannot be a server name in settings, or undefined (the schema's rules, in words). */
export function checkLocalName(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name === '__proto__') return 'the name is reserved';
  if (name.length > 64) return 'the name is longer than 64 characters';
  if (name !== name.trim()) return 'the name starts or ends with spaces';
  if (/\p{Cc}/u.test(name)) return 'the name contains control characters';
  return undefined;
}

/**
 * @param handledKeys source-specific keys the caller reads (Cline's `autoApprove`…), so they are
 *   not reported as ignored.
 */
export function readServerEntry(
  name: string,
  raw: unknown,
  path: readonly (string | number)[],
  handledKeys: ReadonlySet<string>,
): EntryResult {
  const where = formatPath([...path, name]);
  const skip = (reason: string): EntryResult => ({ ok: false, skipped: { name, reason } });
  const badName = checkLocalName(name);
  if (badName) return skip(`${where}: ${badName}`);
  if (!isRecord(raw)) return skip(`${where}: expected an object with a "command"`);

  const type =
    typeof raw['type'] === 'string'
      ? raw['type']
      : typeof raw['transportType'] === 'string'
        ? raw['transportType']
        : undefined;
  const hasUrl = raw['url'] !== undefined || raw['serverUrl'] !== undefined;
  const hasCommand = typeof raw['command'] === 'string';
  // Cline accepts a stray url on a stdio entry; a command without a remote type wins.
  if ((type !== undefined && isRemoteType(type)) || (hasUrl && !hasCommand)) {
    const remote = readRemoteEntry(name, raw, where, type, handledKeys);
    return remote.ok ? { ok: true, server: remote.server, raw } : remote;
  }
  if (type !== undefined && type !== 'stdio')
    return skip(`${where}.type: "${type}" is not a server type Dust MCP Tray can run`);
  const command = raw['command'];
  if (typeof command !== 'string' || command.trim().length === 0)
    return skip(`${where}.command: missing or not a text`);

  const warnings: string[] = [];
  const args = readArgs(raw['args'], `${where}.args`, warnings);
  if (args === undefined) return skip(`${where}.args: expected a list of texts`);
  const env = readEnv(raw['env'], `${where}.env`, warnings);
  if (env === undefined) return skip(`${where}.env: expected an object of texts`);

  const server: ImportedServer = {
    name,
    command,
    args,
    env,
    enabled: raw['disabled'] !== true,
    secretsToFill: [],
    warnings,
  };
  if (typeof raw['cwd'] === 'string' && raw['cwd'].length > 0) server.cwd = raw['cwd'];
  else if (raw['cwd'] !== undefined) warnings.push(`${where}.cwd: not a text; ignored`);
  if (raw['disabled'] === true) warnings.push('disabled in the source app; imported as disabled');
  if (typeof raw['envFile'] === 'string') {
    warnings.push(
      `envFile "${raw['envFile']}" is not read: add its variables to env (secrets go to the keychain)`,
    );
  }
  for (const key of Object.keys(raw)) {
    if (SHARED_KEYS.has(key) || handledKeys.has(key)) continue;
    if (key === 'url' || key === 'serverUrl' || key === 'headers')
      warnings.push(`"${key}" is ignored: this is run as a local stdio server`);
    else warnings.push(`field "${key}" is not used by Dust MCP Tray; not imported`);
  }
  return { ok: true, server, raw };
}

function readArgs(value: unknown, where: string, warnings: string[]): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const args: string[] = [];
  for (const [index, arg] of value.entries()) {
    if (typeof arg === 'string') args.push(arg);
    else if (typeof arg === 'number' || typeof arg === 'boolean') {
      args.push(String(arg));
      warnings.push(`${where}[${index}]: ${typeof arg} turned into the text "${String(arg)}"`);
    } else return undefined;
  }
  return args;
}

function readEnv(
  value: unknown,
  where: string,
  warnings: string[],
): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return undefined;
  const env: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    const at = `${where}${formatPath([key]).startsWith('[') ? '' : '.'}${formatPath([key])}`;
    if (typeof item === 'string') env[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') {
      env[key] = String(item);
      warnings.push(`${at}: ${typeof item} turned into text`);
    } else if (item === null) warnings.push(`${at}: null (unset) is not supported; left out`);
    else warnings.push(`${at}: not a text; left out`);
  }
  return env;
}
