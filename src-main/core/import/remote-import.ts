/**
 * Reads a remote server entry from another app's config: Cursor's `{"url": …}`, VS Code's
 * `{"type": "http" | "sse", "url": …}`, Cline's `serverUrl` / `transportType`, each with
 * optional `headers`.
 *
 * The imported server carries its headers in `env`, so the importer's secret handling (the
 * detector, VS Code `${input:…}` → `${secret:…}`, moving values to the keychain, the preview's
 * masking) applies to them unchanged; `import-apply` writes them back as `headers`.
 */
import { formatPath } from '../settings/parse-settings.js';
import { checkRemoteUrl, isCredentialHeader } from '../settings/remote-entry.js';
import type { ImportedServer, SkippedServer } from './types.js';

type RemoteResult = { ok: true; server: ImportedServer } | { ok: false; skipped: SkippedServer };

const STREAMABLE_TYPES = new Set([
  'http',
  'streamableHttp',
  'streamable-http',
  'streamable_http',
  'streamablehttp',
]);
const REMOTE_KEYS = new Set([
  'url',
  'serverUrl',
  'headers',
  'type',
  'transportType',
  'disabled',
  'description',
]);

/** Whether another app's type names a remote transport (WebSocket included, to say we cannot). */
export function isRemoteType(type: string): boolean {
  return STREAMABLE_TYPES.has(type) || type === 'sse' || type === 'ws' || type === 'websocket';
}

export function readRemoteEntry(
  name: string,
  raw: Record<string, unknown>,
  where: string,
  type: string | undefined,
  handledKeys: ReadonlySet<string>,
): RemoteResult {
  const skip = (reason: string): RemoteResult => ({ ok: false, skipped: { name, reason } });
  if (type === 'ws' || type === 'websocket')
    return skip(
      `${where}.type: the WebSocket transport is not supported; use the server's Streamable HTTP URL`,
    );
  const url = raw['url'] ?? raw['serverUrl'];
  const urlKey = raw['url'] !== undefined ? 'url' : 'serverUrl';
  if (typeof url !== 'string') return skip(`${where}.${urlKey}: missing or not a text`);
  // The URL is not quoted: it may carry a key in its query string.
  const problem = checkRemoteUrl(url);
  if (problem) return skip(`${where}.${urlKey}: ${problem}`);

  const warnings: string[] = [];
  const headers: Record<string, string> = {};
  const rawHeaders = raw['headers'];
  if (rawHeaders !== undefined && rawHeaders !== null) {
    if (typeof rawHeaders !== 'object' || Array.isArray(rawHeaders))
      return skip(`${where}.headers: expected an object of texts`);
    for (const [key, value] of Object.entries(rawHeaders as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number') headers[key] = String(value);
      else
        warnings.push(
          `${where}.headers${formatPath([key]).startsWith('[') ? '' : '.'}${formatPath([key])}: not a text; left out`,
        );
    }
  }
  if (new URL(url).search !== '' && Object.keys(headers).every((key) => !isCredentialHeader(key))) {
    warnings.push(
      'the URL has a query string; if it holds a key, move it to a header so it can be kept in the keychain',
    );
  }
  const server: ImportedServer = {
    name,
    command: '',
    args: [],
    env: headers,
    enabled: raw['disabled'] !== true,
    secretsToFill: [],
    warnings,
  };
  server.remote = {
    url,
    ...(type === 'sse'
      ? { type: 'sse' as const }
      : type !== undefined
        ? { type: 'http' as const }
        : {}),
  };
  if (raw['disabled'] === true) warnings.push('disabled in the source app; imported as disabled');
  for (const key of Object.keys(raw)) {
    if (REMOTE_KEYS.has(key) || handledKeys.has(key)) continue;
    if (key === 'env' || key === 'command' || key === 'args')
      warnings.push(`"${key}" is ignored: this is a remote server`);
    else warnings.push(`field "${key}" is not used by Dust MCP Tray; not imported`);
  }
  return { ok: true, server };
}
