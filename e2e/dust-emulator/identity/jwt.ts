/**
 * RS256 JWTs with node:crypto, shaped like WorkOS AuthKit access tokens plus Dust's JWT template.
 *
 * One RSA key pair per process: generating 2048-bit keys costs tens of milliseconds, and tests
 * start many emulators. Clients decode tokens without verifying (the Dust CLI uses `jwt-decode`),
 * so the key only matters to the emulator itself and to `/sso/jwks/{clientId}`.
 */
import {
  createSign,
  createVerify,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

import { isRecord } from '../values.js';

export type Region = 'us-central1' | 'europe-west1';

export const REGION_CLAIM = 'https://dust.tt/region';
export const WORKSPACE_CLAIM = 'https://dust.tt/workspaceId';

export interface AccessTokenClaims {
  readonly sub: string;
  readonly sid: string;
  readonly iss: string;
  readonly org_id: string;
  readonly iat: number;
  readonly exp: number;
  readonly [REGION_CLAIM]: string;
  readonly [WORKSPACE_CLAIM]: string;
}

const KEY_ID = 'sso_oidc_key_pair_emulator';

let keys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keys;
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

export function signJwt(claims: AccessTokenClaims): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' }));
  const payload = b64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${signer.sign(keyPair().privateKey).toString('base64url')}`;
}

/** Why a bearer token was refused, before any user lookup. */
export type JwtFailure = 'malformed' | 'bad_signature' | 'bad_issuer' | 'expired';

export type JwtCheck = { ok: true; claims: AccessTokenClaims } | { ok: false; failure: JwtFailure };

/**
 * Tokens whose header, payload and signature already checked out. With one key pair per process
 * the signature's validity depends on the token alone, so it is computed once: an RSA verify per
 * request was the emulator's top cost under load (bench/). Issuer and `exp` are still checked on
 * every call. Bounded: cleared when full (tests mint a handful of tokens, the bench one).
 */
const verified = new Map<string, { ok: true; claims: AccessTokenClaims }>();
const VERIFIED_MAX = 1_000;

/** Verifies like `verifyWorkOSToken`: RS256 only, signature, issuer, then `exp` against `nowMs`. */
export function verifyJwt(token: string, issuer: string, nowMs: number): JwtCheck {
  const known = verified.get(token);
  const checked = known ?? verifySignature(token);
  if (!checked.ok) return checked;
  if (known === undefined) {
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, checked);
  }
  const { claims } = checked;
  if (claims.iss !== issuer) return { ok: false, failure: 'bad_issuer' };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs)
    return { ok: false, failure: 'expired' };
  return checked;
}

/** Shape and RS256 signature only; the claims as they are (issuer and expiry unchecked). */
function verifySignature(token: string): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, failure: 'malformed' };
  const [header = '', payload = '', signature = ''] = parts;
  let parsedHeader: unknown;
  let claims: unknown;
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, failure: 'malformed' };
  }
  if (!isRecord(parsedHeader) || !isRecord(claims)) return { ok: false, failure: 'malformed' };
  if (parsedHeader.alg !== 'RS256') return { ok: false, failure: 'bad_signature' };
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(keyPair().publicKey, Buffer.from(signature, 'base64url'))) {
    return { ok: false, failure: 'bad_signature' };
  }
  return { ok: true, claims: claims as unknown as AccessTokenClaims };
}

/** Decodes without verifying, as Dust's clients do. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    );
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The public key as a JWKS document (`GET /sso/jwks/{clientId}`). */
export function jwks(): { keys: JsonWebKey[] } {
  const jwk = keyPair().publicKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, alg: 'RS256', kid: KEY_ID, use: 'sig' }] };
}
