/**
 * The `app://` scheme's handler: files of the renderer folder, as `resolveAppRequest`
 * (app/app-protocol.ts) maps them, with their type, `nosniff`, and the CSP as a real response
 * header on the page (a `file://` page had only the meta tag). Web `Request`/`Response` and
 * `node:fs` only, so it runs (and is tested) without Electron; main.ts hands it to
 * `protocol.handle`.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

import { resolveAppRequest } from '../app/app-protocol.js';

/**
 * What `protocol.registerSchemesAsPrivileged` grants `app:`: a standard URL (relative links,
 * an origin for CSP `'self'`), a secure context, and fetch. Not `bypassCSP`, not
 * `corsEnabled`, not `stream`, not `allowServiceWorkers`.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const;

export function createAppProtocolHandler(
  rendererDir: string,
  contentSecurityPolicy: string,
): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    const mapped = resolveAppRequest(request.url, request.method);
    if (mapped.kind === 'refused') return new Response(null, { status: mapped.status });
    const path = resolve(root, ...mapped.segments);
    // Belt and braces: the mapping already refuses anything that could leave the folder.
    if (!path.startsWith(root + sep)) return new Response(null, { status: 403 });
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      return new Response(null, { status: 404 });
    }
    const headers: Record<string, string> = {
      'content-type': mapped.mimeType,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (mapped.mimeType.startsWith('text/html'))
      headers['content-security-policy'] = contentSecurityPolicy;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers,
    });
  };
}
