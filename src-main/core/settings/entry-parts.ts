/**
 * What the code around a server needs from its settings entry, for both shapes: a local stdio
 * server (`command`) and a remote one (`url`, remote-entry.ts).
 */
import type { RemoteServerEntry } from './remote-entry.js';
import { isRemoteEntry } from './remote-entry.js';
import type { ServerEntry } from './schema.js';

/**
 * The values that may hold `${secret:NAME}` placeholders: a stdio server's env, a remote
 * server's headers. Keychain entries, secret rename/delete and redaction all go through this.
 */
export function secretBearingValues(entry: ServerEntry): Readonly<Record<string, string>> {
  return isRemoteEntry(entry) ? entry.headers : entry.env;
}

/** The folders a server may see (MCP roots); only local servers have them. */
export function rootsOf(entry: ServerEntry | undefined): readonly string[] {
  return entry === undefined || isRemoteEntry(entry) ? [] : (entry.roots ?? []);
}

/**
 * The URL a remote server is bound to: origin and path, without query, fragment or user info.
 * A grant or a trust decision given to `https://mcp.acme.com/mcp` must not carry over to
 * another host or another path on it; a changed query string (a version flag) does not matter.
 */
export function remoteIdentity(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * What grants, trust and "same server?" checks are bound to: the command line of a stdio
 * server, the URL (origin + path) of a remote one. A remote server's identity is its URL with
 * no arguments; a stdio command can never be an `https://…` URL that runs.
 */
export function launchIdentity(entry: ServerEntry): { command: string; args: readonly string[] } {
  return isRemoteEntry(entry)
    ? { command: remoteIdentity(entry.url), args: [] }
    : { command: entry.command, args: entry.args };
}

/** Whether two launch identities are the same (command line, or URL origin + path). */
export function sameIdentity(
  a: { command: string; args: readonly string[] },
  b: { command: string; args: readonly string[] },
): boolean {
  return (
    a.command === b.command &&
    a.args.length === b.args.length &&
    a.args.every((arg, i) => arg === b.args[i])
  );
}

/**
 * How the trust prompt (main's confirmation dialog) describes a remote server before the first
 * connection: the host shown on its own, because that is what a person checks ("mcp.acme.com", not
 * a long URL that hides a look-alike host in the middle), and which credentials headers it sends
 * (names only).
 */
export function describeRemoteForConfirmation(
  name: string,
  entry: Pick<RemoteServerEntry, 'url' | 'type' | 'headers'>,
): { title: string; detail: string; host: string } {
  const url = new URL(entry.url);
  const headerNames = Object.keys(entry.headers);
  const transport = entry.type === 'sse' ? 'HTTP+SSE (legacy)' : 'Streamable HTTP';
  const lines = [
    `Host: ${url.host}`,
    `URL: ${url.origin}${url.pathname}`,
    `Transport: ${transport}`,
    headerNames.length > 0 ? `Sends headers: ${headerNames.join(', ')}` : 'Sends no extra headers',
  ];
  return {
    title: `Connect to the remote server "${name}" at ${url.host}?`,
    detail: lines.join('\n'),
    host: url.host,
  };
}
