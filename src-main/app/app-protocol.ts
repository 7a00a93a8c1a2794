/**
 * The renderer is served from `app://renderer/…`, a custom scheme the shell registers as
 * standard and secure, instead of `file://`: under `file://`, CSP `'self'` matches every local
 * file, and the page could load or frame any of them. Under `app://renderer` it matches only
 * what this mapping serves, from the renderer's own folder.
 *
 * Pure request → file mapping, so the rules are tested without Electron: only GET of a known
 * file type under the renderer folder; traversal (`..`, encoded or not), encoded slashes or
 * backslashes, dotfiles, other hosts, credentials and ports are refused.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const MIME_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
};

export type AppRequest =
  | { kind: 'file'; segments: string[]; mimeType: string }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405; reason: string };

export function resolveAppRequest(url: string, method = 'GET'): AppRequest {
  if (method !== 'GET' && method !== 'HEAD')
    return { kind: 'refused', status: 405, reason: `${method} is not served` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', status: 400, reason: 'not a URL' };
  }
  if (
    parsed.protocol !== `${APP_SCHEME}:` ||
    parsed.hostname !== APP_HOST ||
    parsed.port !== '' ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return { kind: 'refused', status: 403, reason: 'not the app page host' };
  }
  // The raw path, split before decoding: an encoded "/" or "\" must not make a new segment.
  const raw = rawPath(url);
  const rawSegments =
    raw === '' || raw === '/' ? ['index.html'] : raw.replace(/^\//, '').split('/');
  const segments: string[] = [];
  for (const rawSegment of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return { kind: 'refused', status: 400, reason: 'bad percent-encoding' };
    }
    if (segment === '' || segment.startsWith('.') || /[/\\:\0]/.test(segment))
      return { kind: 'refused', status: 403, reason: 'path outside the renderer folder' };
    segments.push(segment);
  }
  const extension = segments.at(-1)!.split('.').pop()!.toLowerCase();
  const mimeType = MIME_TYPES[extension];
  if (!mimeType) return { kind: 'refused', status: 404, reason: 'not a file type the page uses' };
  return { kind: 'file', segments, mimeType };
}

/** The path as written in the URL (no dot-segment resolution, no query or fragment). */
function rawPath(url: string): string {
  const afterHost = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  return afterHost.split(/[?#]/)[0] ?? '';
}
