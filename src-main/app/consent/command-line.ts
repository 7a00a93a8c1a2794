/**
 * A server's command line as the person confirms it: command, arguments, working directory and
 * environment. Values that come from the keychain count only as "a secret" (rotating a token asks
 * nothing); plain values count in full, because `NODE_OPTIONS` or `LD_PRELOAD` can run any program
 * as surely as the command itself. The window never sees this; the dialog shows env keys only.
 *
 * A remote server's "command line" is where it connects: the URL's origin and path (a changed
 * query string asks nothing, another host or path asks again), the transport and the names of
 * the headers it sends (never their values), shown with the host on its own line.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

import { canonicalJson } from '../../core/policy/canonical-json.js';
import { detectSecretsInArgs } from '../../core/secrets/detect.js';
import { maskValue } from '../../core/secrets/mask.js';
import { placeholdersIn } from '../../core/secrets/placeholders.js';
import { describeRemoteForConfirmation, remoteIdentity } from '../../core/settings/entry-parts.js';
import type { RemoteServerEntry, StdioServerEntry } from '../../core/settings/schema.js';
import type { EnvPlanItem, FormPlan } from '../services/server-form.js';

/** How any keychain reference counts in the identity (its name and value do not). */
const FROM_KEYCHAIN = '${secret}';

export interface LocalCommandLine {
  kind?: 'local';
  command: string;
  args: readonly string[];
  cwd?: string;
  /** By key; a keychain value is `${secret}`, a plain one itself. */
  env: Readonly<Record<string, string>>;
}

/** Where a remote server connects, as the person confirms it. */
export interface RemoteCommandLine {
  kind: 'remote';
  /** Origin and path only: no query, fragment or user info. */
  url: string;
  transport: 'http' | 'sse';
  /** The names of the headers it sends, sorted; their values never count and are never shown. */
  headerNames: readonly string[];
}

export type CommandLine = LocalCommandLine | RemoteCommandLine;

const keychainValue = (value: string): string =>
  placeholdersIn(value).length > 0 ? FROM_KEYCHAIN : value;

type LocalParts = Pick<StdioServerEntry, 'command' | 'args' | 'env'> & { cwd?: string | undefined };
type RemoteParts = Pick<RemoteServerEntry, 'url' | 'headers'> & {
  type?: 'http' | 'sse' | undefined;
};

function remoteLine(
  url: string,
  type: 'http' | 'sse' | undefined,
  headerNames: readonly string[],
): RemoteCommandLine {
  return {
    kind: 'remote',
    url: remoteIdentity(url),
    transport: type === 'sse' ? 'sse' : 'http',
    headerNames: [...headerNames].sort(),
  };
}

/** The command line a saved entry starts (or the URL it connects to). */
export function commandLineOfEntry(entry: LocalParts | RemoteParts): CommandLine {
  if ('url' in entry) return remoteLine(entry.url, entry.type, Object.keys(entry.headers));
  const env = Object.fromEntries(
    Object.entries(entry.env).map(([key, value]) => [key, keychainValue(value)]),
  );
  return {
    command: entry.command,
    args: [...entry.args],
    ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
    env,
  };
}

/** The command line a form would start (tested now, or once saved: both give the same identity). */
export function commandLineOfPlan(plan: FormPlan): CommandLine {
  if (plan.remote)
    return remoteLine(
      plan.remote.url,
      plan.remote.type,
      plan.env.map((item) => item.key),
    );
  const value = (item: EnvPlanItem): string =>
    item.kind === 'new-secret'
      ? FROM_KEYCHAIN
      : item.kind === 'keep'
        ? keychainValue(item.stored)
        : item.value;
  const env = Object.fromEntries(plan.env.map((item) => [item.key, value(item)]));
  return {
    command: plan.base.command,
    args: [...plan.base.args],
    ...(plan.base.cwd !== undefined ? { cwd: plan.base.cwd } : {}),
    env,
  };
}

/** SHA-256 hex of the canonical command line: what "confirmed" is remembered by. */
export function commandLineHash(line: CommandLine): string {
  if (line.kind === 'remote') {
    // Header names are case-insensitive in HTTP: "authorization" is the same header.
    const headers = [...new Set(line.headerNames.map((name) => name.toLowerCase()))].sort();
    return bytesToHex(
      sha256(utf8ToBytes(canonicalJson({ remote: line.url, transport: line.transport, headers }))),
    );
  }
  return bytesToHex(
    sha256(
      utf8ToBytes(
        canonicalJson({
          command: line.command,
          args: line.args,
          cwd: line.cwd ?? null,
          env: line.env,
        }),
      ),
    ),
  );
}

export function sameCommandLine(a: CommandLine, b: CommandLine): boolean {
  return commandLineHash(a) === commandLineHash(b);
}

/**
 * What a confirmation shows of a command line: secret-looking args masked, env keys without values.
 */
export type CommandLineView =
  | { command: string; args: readonly string[]; cwd?: string; envKeys: readonly string[] }
  /** A remote server: its host on its own, the URL (origin + path), transport, header names. */
  | {
      kind: 'remote';
      host: string;
      url: string;
      transport: 'http' | 'sse';
      headerNames: readonly string[];
    };

export function viewOf(line: CommandLine): CommandLineView {
  if (line.kind === 'remote')
    return {
      kind: 'remote',
      host: new URL(line.url).host,
      url: line.url,
      transport: line.transport,
      headerNames: line.headerNames,
    };
  const masked = new Set(detectSecretsInArgs(line.args).map((finding) => finding.index));
  return {
    command: line.command,
    args: line.args.map((arg, index) => (masked.has(index) ? maskValue(arg) : arg)),
    ...(line.cwd !== undefined ? { cwd: line.cwd } : {}),
    envKeys: Object.keys(line.env).sort(),
  };
}

/** Beyond this, an argument is cut in the dialog, saying how much is not shown. */
const MAX_ARG_CHARS = 600;
const MAX_LINE_CHARS = 4000;

/**
 * The command line for the dialog: shell-like quoting, secret-looking arguments masked, invisible
 * and direction-changing characters shown as `⟨U+202E⟩` (so `evil\u202Egpj.sh` cannot pose as
 * `evilhs.jpg`), env keys only — never a value.
 */
export function describeCommandLine(line: CommandLine): string {
  if (line.kind === 'remote') {
    const headers = Object.fromEntries(line.headerNames.map((name) => [name, '']));
    return describeRemoteForConfirmation('', { url: line.url, type: line.transport, headers })
      .detail;
  }
  const masked = new Set(detectSecretsInArgs(line.args).map((finding) => finding.index));
  const words = [
    line.command,
    ...line.args.map((arg, index) => (masked.has(index) ? maskValue(arg) : arg)),
  ].map((word) => quote(cut(revealInvisible(word), MAX_ARG_CHARS)));
  const lines = [cut(words.join(' '), MAX_LINE_CHARS)];
  lines.push(
    `Working directory: ${line.cwd === undefined ? "the app's own" : revealInvisible(line.cwd)}`,
  );
  const keys = Object.keys(line.env).sort();
  const described = keys.map(
    (key) =>
      `${revealInvisible(key)}${line.env[key] === FROM_KEYCHAIN ? ' (from the keychain)' : ''}`,
  );
  lines.push(
    `Environment: ${keys.length === 0 ? 'nothing added' : described.join(', ')} (values not shown)`,
  );
  if (masked.size > 0)
    lines.push(`${masked.size} argument(s) that look like secrets are shown masked.`);
  return lines.join('\n');
}

function cut(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters not shown)`;
}

function quote(word: string): string {
  if (word.length > 0 && /^[\w@%+=:,./~-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Controls, bidi overrides and zero-width characters, which would make the text lie. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/gu;

export function revealInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}
