/**
 * A remote MCP server in settings: the `mcpServers` entry Cursor writes (`{"url": …}`) or the one
 * VS Code writes (`{"type": "http" | "sse", "url": …}`), with `headers` for static credentials.
 *
 * Dust's cloud cannot reach a server on this machine or behind the company's VPN; the tray can,
 * so it connects to it and relays it like a local one. Rules that keep that safe:
 * - only `https:` URLs, except plain `http:` to this machine (a dev server on localhost): an
 *   intranet server over plain http would send its token readable to anyone on the network;
 * - no user name or password in the URL (it would be written to disk and shown);
 * - a header that carries a credential (Authorization, a key, a token, a cookie) must hold a
 *   `${secret:NAME}` placeholder: the value lives in the keychain and is put in only at connect
 *   time (server-spec.ts), never in this file, the logs or the window.
 */
import { z } from 'zod';

import { entryCommonFields } from './entry-common.js';

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http may go to. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(?:\.\d{1,3}){3}$/.test(host)
  );
}

/** Why `value` cannot be a remote server's URL, or undefined when it can. */
export function checkRemoteUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a full URL such as https://mcp.example.com/mcp';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https:// URL';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'must be an https:// URL (plain http:// is allowed only to this machine: localhost, 127.0.0.1, [::1])';
  }
  if (url.username !== '' || url.password !== '')
    return 'must not contain a user name or password; put credentials in headers with ${secret:NAME}';
  return undefined;
}

/** Header names that carry a credential: their value must come from the keychain. */
const CREDENTIAL_HEADER =
  /authorization|token|secret|password|passwd|api[-_]?key|^x-.*key$|cookie|credential/i;
const PLACEHOLDER = /\$\{secret:[A-Za-z0-9_.-]+\}/;
/** RFC 9110 field-name characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the transport sets itself; letting settings override them would break the protocol. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-type',
  'content-length',
  'accept',
  'mcp-session-id',
  'mcp-protocol-version',
  'last-event-id',
]);

/** Whether the MCP transport sets this header itself (settings may not). */
export function isReservedHeader(name: string): boolean {
  return RESERVED_HEADERS.has(name.toLowerCase());
}

/** Whether a header carries a credential, so its value must live in the keychain. */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

const headers = z.record(z.string(), z.string()).superRefine((record, ctx) => {
  for (const [name, value] of Object.entries(record)) {
    if (!HEADER_NAME.test(name))
      ctx.addIssue({ code: 'custom', path: [name], message: 'is not a valid HTTP header name' });
    else if (RESERVED_HEADERS.has(name.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'is set by the MCP transport itself; remove it',
      });
    } else if (/[\r\n\0]/.test(value))
      ctx.addIssue({ code: 'custom', path: [name], message: 'must be one line' });
    else if (CREDENTIAL_HEADER.test(name) && !PLACEHOLDER.test(value)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message:
          'carries a credential: keep it in the system keychain and write ${secret:NAME} here (Servers → Edit stores it for you)',
      });
    }
  }
});

export const RemoteEntry = z.strictObject({
  /** VS Code's form. Absent (Cursor's form) or "http": Streamable HTTP, falling back to SSE. */
  type: z.enum(['http', 'sse']).optional(),
  url: z.string().superRefine((value, ctx) => {
    const problem = checkRemoteUrl(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  headers: headers.default({}),
  ...entryCommonFields,
});

export type RemoteServerEntry = z.output<typeof RemoteEntry>;

/** An entry with `url` (or a remote `type`) is remote; everything else is read as stdio. */
export function isRemoteShape(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return 'url' in record || record['type'] === 'http' || record['type'] === 'sse';
}

export function isRemoteEntry<T extends object>(entry: T): entry is Extract<T, { url: string }> {
  return 'url' in entry;
}

/** A remote server entry with defaults for everything but the URL. */
export function remoteServerEntry(fields: z.input<typeof RemoteEntry>): RemoteServerEntry {
  return RemoteEntry.parse(fields);
}
