/**
 * The app page's Content-Security-Policy (Electron security checklist item 7).
 *
 * `src-renderer/index.html` carries it as a meta tag (the guarantee for `file://`, which has no
 * response headers of its own); the shell also sets it as a response header where it can, and the
 * e2e harness serves it as one. A test keeps the meta tag and this string identical.
 * `connect-src 'self'` also covers the harness's same-host WebSocket.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
