/**
 * Reads a JWT's claims without verifying it, as Dust's CLI does: the token is only ever sent
 * back to the issuer, which verifies it; we read `exp` (when to refresh) and Dust's region and
 * workspace claims (where to send API calls).
 */
export interface AccessTokenClaims {
  /** Expiry, epoch ms; undefined when the token has no `exp`. */
  expiresAt: number | undefined;
  region: string | undefined;
  workspaceId: string | undefined;
  subject: string | undefined;
}

const REGION_CLAIM = 'https://dust.tt/region';
const WORKSPACE_CLAIM = 'https://dust.tt/workspaceId';

export function readAccessTokenClaims(token: string): AccessTokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64Url(payload)));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const record = claims as Record<string, unknown>;
  return {
    expiresAt: typeof record['exp'] === 'number' ? record['exp'] * 1000 : undefined,
    region: stringClaim(record[REGION_CLAIM]),
    workspaceId: stringClaim(record[WORKSPACE_CLAIM]),
    subject: stringClaim(record['sub']),
  };
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (no padding) → bytes; throws on a character outside the alphabet. */
export function decodeBase64Url(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    if (value === -1) throw new Error('Invalid base64url');
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
