/**
 * Which Dust host serves a user. Dust's CLI maps the token's region claim: `europe-west1` →
 * eu.dust.tt, anything else → dust.tt (docs/protocol/sign-in.md#summary, #regions). A custom URL
 * (self-hosted, staging, the emulator) always wins.
 */
export type RegionChoice = { kind: 'us' } | { kind: 'eu' } | { kind: 'custom'; url: string };

export const DUST_US_URL = 'https://dust.tt';
export const DUST_EU_URL = 'https://eu.dust.tt';

/** Dust CLI's public WorkOS settings; both are configurable so the emulator can stand in. */
export const DEFAULT_WORKOS_BASE_URL = 'https://api.workos.com';
export const DEFAULT_WORKOS_CLIENT_ID = 'client_01JGCT55T7FVDG9XF74925R1KT';

export function dustBaseUrl(choice: RegionChoice, regionClaim: string | undefined): string {
  switch (choice.kind) {
    case 'custom':
      return choice.url.replace(/\/+$/, '');
    case 'eu':
      return DUST_EU_URL;
    case 'us':
      // The token knows better than a default: an EU user on the US host gets 401 user_not_found.
      return regionClaim === 'europe-west1' ? DUST_EU_URL : DUST_US_URL;
  }
}

/** Validates a user-typed custom URL: https only, except loopback http for local development. */
export function parseCustomDustUrl(
  input: string,
): { ok: true; url: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: 'That is not a URL. Example: https://dust.example.com' };
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return {
      ok: false,
      message: 'Use an https:// URL (plain http is allowed only for localhost).',
    };
  }
  return { ok: true, url: url.origin };
}
