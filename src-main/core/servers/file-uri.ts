/**
 * `file://` URIs for folder paths (MCP roots must be `file://` URIs), without Node's `url` module:
 * the core stays free of Node built-ins. POSIX `/home/ada/My Docs` → `file:///home/ada/My%20Docs`;
 * Windows `C:\Users\ada` → `file:///C:/Users/ada`; `\\server\share` → `file://server/share`.
 */
export function folderToFileUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  if (slashed.startsWith('//')) {
    const [host = '', ...rest] = slashed.slice(2).split('/');
    return `file://${host}/${rest.map(encodeSegment).join('/')}`;
  }
  const segments = slashed.split('/');
  // `C:` stays as written; every other segment is percent-encoded.
  const drive = /^[A-Za-z]:$/.test(segments[0] ?? '') ? segments.shift()! : undefined;
  const rest = segments.map(encodeSegment).join('/');
  return drive === undefined
    ? `file://${rest.startsWith('/') ? '' : '/'}${rest}`
    : `file:///${drive}/${rest}`;
}

/** The folder's last name, for the root's `name`. */
export function folderName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
