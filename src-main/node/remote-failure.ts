/**
 * Why a remote MCP server could not be used, in words a person can act on. The text follows
 * the server's name: `The remote server "wiki" <reason>.` (core/servers/wording.ts).
 *
 * The causes people meet with intranet servers each get their own words: a name that does not
 * resolve (off the VPN), a refused connection (the dev server is not running), a certificate
 * the system does not trust (an internal CA), and credentials that are missing or refused.
 * Texts never include header values: only statuses, hosts and error codes.
 */
import { errorMessage } from '../core/error-message.js';
import { MessageTooLargeError, type RemoteFetchRecord } from './remote-fetch.js';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const ROUTE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/** An `error.code` (or `error.cause.code`…) string, however deep the fetch wrapped it. */
export function errorCode(error: unknown): string | undefined {
  for (
    let current = error, depth = 0;
    current !== undefined && current !== null && depth < 5;
    depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH/.test(code);
}

/**
 * True when a 401 carries an authorization challenge (RFC 6750 `Bearer`, as MCP authorization
 * uses).
 */
export function isAuthChallenge(wwwAuthenticate: string | undefined): boolean {
  return wwwAuthenticate !== undefined && /^\s*bearer\b/i.test(wwwAuthenticate);
}

/** The network-level reason, or undefined when fetch did not fail. */
export function describeNetworkError(error: unknown, url: URL): string | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  const host = url.hostname;
  if (DNS_CODES.has(code))
    return `is unreachable: the name "${host}" could not be resolved (DNS ${code}); are you on the right network or VPN?`;
  if (code === 'ECONNREFUSED')
    return `is unreachable: ${url.host} refused the connection (is the server running?)`;
  if (TIMEOUT_CODES.has(code)) return `is unreachable: connecting to ${url.host} timed out`;
  if (ROUTE_CODES.has(code))
    return `is unreachable: there is no route to ${host} (${code}); are you on the right network or VPN?`;
  if (RESET_CODES.has(code)) return `closed the connection unexpectedly (${code})`;
  if (isTlsCode(code))
    return `is unreachable: its TLS certificate was not accepted (${code}); an internal certificate authority must be trusted by this computer`;
  return `is unreachable: ${code}`;
}

/** The HTTP-level reason for a status the server answered. */
export function describeHttpStatus(status: number, record: RemoteFetchRecord, url: URL): string {
  if (status === 401) {
    return isAuthChallenge(record.wwwAuthenticate)
      ? 'needs sign-in: it answered 401 with an authorization challenge; signing in with OAuth is not supported yet, so put a token in its headers as ${secret:NAME}'
      : 'needs sign-in: it refused the request as unauthenticated (HTTP 401); check the credentials in its headers';
  }
  if (status === 403)
    return 'refused access (HTTP 403 Forbidden): the credentials in its headers are not allowed to use it';
  if (status >= 300 && status < 400) {
    const target =
      record.location !== undefined && URL.canParse(record.location, url.href)
        ? new URL(record.location, url)
        : undefined;
    const where = target ? ` to ${target.origin}` : '';
    return `redirected elsewhere${where} (HTTP ${status}); only redirects within ${url.origin} are followed, so set the new URL in its settings`;
  }
  if (status === 404) return `has no MCP endpoint at ${url.origin}${url.pathname} (HTTP 404)`;
  if (status === 429) return 'is rate limiting requests (HTTP 429)';
  if (status >= 500) return `failed with HTTP ${status}`;
  return `answered HTTP ${status}`;
}

/** The reason a connect or a request failed: size, network, then the HTTP answer, then the text. */
export function describeRemoteFailure(error: unknown, record: RemoteFetchRecord, url: URL): string {
  const limit =
    record.tooLarge ?? (error instanceof MessageTooLargeError ? error.limit : undefined);
  if (limit !== undefined) {
    return `sent a message larger than ${formatBytes(limit)} (the most Dust accepts for a tool result is 16 MiB); the connection was closed`;
  }
  const network =
    describeNetworkError(error, url) ??
    (record.networkError !== undefined
      ? describeNetworkError(record.networkError, url)
      : undefined);
  if (network) return network;
  const status = httpStatusOf(error) ?? record.failedStatus;
  if (status !== undefined) return describeHttpStatus(status, record, url);
  const message = errorMessage(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `could not be reached: ${`${message}${cause}`.slice(0, 300)}`;
}

/** The status in the SDK's errors (`StreamableHTTPError.code`, `SseError.code`), if it is one. */
export function httpStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && code >= 100 && code < 600) return code;
  const match = error instanceof Error ? /\(HTTP (\d{3})\)/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`
    : `${bytes} bytes`;
}
