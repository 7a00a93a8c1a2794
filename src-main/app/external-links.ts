/**
 * Which links the app may hand to the system browser (`shell.openExternal`).
 *
 * Electron security checklist item 15: `openExternal` with an unchecked URL can run local
 * programs (file:, custom schemes) or send the person to a look-alike site, and the URLs we open
 * come from places we do not control (agent messages, MCP elicitation, OAuth verification URIs;
 * cf. CVE-2025-6514). So: https only, no userinfo, no unexpected port, and an exact host from a
 * short allowlist — compared on the parsed URL, where IDN look-alikes are already punycode and a
 * trailing dot makes a different host.
 */

/** The project's GitHub repository; the one place to change it once the repo is published. */
export const APP_REPOSITORY = 'dust-tt/dust-mcp-tray';

const DUST_HOSTS = ['dust.tt', 'eu.dust.tt', 'docs.dust.tt'] as const;

export interface ExternalLinkSettings {
  /** The custom Dust origin from settings (region "custom"), if any; only an https one counts. */
  customDustUrl?: string | undefined;
  /** `owner/name` on github.com; links under it are allowed. */
  repository?: string;
}

/** Answers the normalised URL to open, or null when the link must not leave the app. */
export type ExternalLinkPolicy = (url: string) => string | null;

export function createExternalLinkPolicy(settings: ExternalLinkSettings = {}): ExternalLinkPolicy {
  const customHost = httpsHost(settings.customDustUrl);
  const localOrigin = loopbackHttpOrigin(settings.customDustUrl);
  const repoPath = (settings.repository ?? APP_REPOSITORY).toLowerCase().split('/');

  return (raw) => {
    const url = parse(raw);
    if (
      url &&
      localOrigin !== null &&
      url.origin === localOrigin &&
      url.username === '' &&
      url.password === ''
    )
      return url.href;
    if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '')
      return null;
    if (customHost !== null && url.host === customHost) return url.href;
    // Fixed hosts are reached on the default port only (the parser drops an explicit :443).
    if (url.port !== '') return null;
    if ((DUST_HOSTS as readonly string[]).includes(url.hostname)) return url.href;
    if (url.hostname === 'github.com' && isUnderRepository(url.pathname, repoPath)) return url.href;
    return null;
  };
}

function isUnderRepository(pathname: string, repoPath: string[]): boolean {
  const [owner, name] = repoPath;
  if (!owner || !name) return false;
  const segments = pathname.toLowerCase().split('/').slice(1);
  // `/owner/name.git` and `/owner/name-evil` are other things; `/owner/name/…` is ours.
  return segments[0] === owner && segments[1] === name;
}

function httpsHost(value: string | undefined): string | null {
  const url = value === undefined ? null : parse(value);
  if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null;
  return url.host;
}

/**
 * A custom Dust on this machine (a dev front, the emulator) may be plain http, as settings allow;
 * its links open on exactly that origin. Nothing on loopback can be a look-alike of dust.tt.
 */
function loopbackHttpOrigin(value: string | undefined): string | null {
  const url = value === undefined ? null : parse(value);
  if (
    !url ||
    url.protocol !== 'http:' ||
    !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  )
    return null;
  return url.origin;
}

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
