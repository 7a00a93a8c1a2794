import { randomBytes } from 'node:crypto';

import { beforeEach, describe, expect, it } from 'vitest';

import { waitForDeviceTokens } from '../../core/auth/device-flow.js';
import { readAccessTokenClaims } from '../../core/auth/jwt-claims.js';
import {
  ACCESS_TOKEN_KEY,
  REFRESH_TOKEN_KEY,
  TokenSession,
} from '../../core/auth/token-session.js';
import { CancellationTokenSource } from '../../core/cancellation.js';
import { fetchMe } from '../../core/dust/dust-api.js';
import { DustHttp } from '../../core/dust/dust-http.js';
import type { SecretStore } from '../../core/ports.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { KeyringSecretStore } from '../keyring-secret-store.js';
import { NodeHttpClient } from '../node-http.js';
import { SystemClock } from '../system-clock.js';
import { useEmulator } from './kits/emulator.js';
import { countingWorkos } from './kits/workos.js';

/** The real keychain where there is one (npm test provides it); CI without it is a failure. */
const hasKeyring = process.env['DUST_TRAY_SECRET_SERVICE'] === 'gnome-keyring';
if (!hasKeyring && process.env['CI'])
  throw new Error(
    'CI must run tests under scripts/with-secret-service.sh (a real Secret Service).',
  );

const env = useEmulator({
  workos: { intervalSeconds: 1 },
  accessTokenLifetimeSeconds: 60,
  region: 'europe-west1',
});
let secrets: SecretStore;
beforeEach(() => {
  secrets = hasKeyring
    ? new KeyringSecretStore(`dust-mcp-tray-test-${randomBytes(6).toString('hex')}`)
    : new InMemorySecretStore();
  env.onClose(async () => {
    await secrets.delete(ACCESS_TOKEN_KEY);
    await secrets.delete(REFRESH_TOKEN_KEY);
  });
});

/** Counts refresh-token grants sent over the real HTTP client. */
let refreshGrants = 0;
function workos() {
  return countingWorkos(env.emulator, () => {
    refreshGrants++;
  });
}

async function signIn(approve: (userCode: string) => void) {
  const client = workos();
  const clock = new SystemClock();
  const authorization = await client.startDeviceAuthorization();
  setTimeout(() => approve(authorization.userCode), 300);
  const result = await waitForDeviceTokens(client, authorization, {
    clock,
    timers: clock,
    cancellation: new CancellationTokenSource().token,
  });
  return { authorization, result };
}

describe('sign-in against the emulated WorkOS, tokens in the keychain', () => {
  it('signs in with the device code, stores the tokens, reads the region and the workspaces', async () => {
    const { authorization, result } = await signIn((code) =>
      env.emulator.identity.approveDeviceCode(code),
    );
    expect(authorization.userCode).toMatch(/\S/);
    expect(authorization.verificationUriComplete).toContain(authorization.userCode);
    if (!result.ok) throw new Error(result.message);
    const session = new TokenSession(secrets, workos(), new SystemClock());
    await session.signIn(result.tokens);
    expect(await secrets.get(REFRESH_TOKEN_KEY)).toBe(result.tokens.refreshToken);
    const claims = readAccessTokenClaims(await session.getAccessToken());
    expect(claims).toMatchObject({ region: 'europe-west1', expiresAt: expect.any(Number) });
    const http = new DustHttp(
      { baseUrl: env.emulator.url, userAgent: 'test' },
      session,
      new NodeHttpClient(),
      new SystemClock(),
    );
    const me = await fetchMe(http);
    expect(me.workspaces.map((workspace) => workspace.sId)).toContain(
      env.emulator.seeds.workspaceId,
    );
  });

  it('says in words when the person declines', async () => {
    const { result } = await signIn((code) => env.emulator.identity.denyDeviceCode(code));
    expect(result).toEqual({
      ok: false,
      code: 'access_denied',
      message: 'Sign-in was declined in the browser.',
    });
  });

  it('refreshes once for concurrent callers after Dust says the token expired, and the old refresh token is dead', async () => {
    const { result } = await signIn((code) => env.emulator.identity.approveDeviceCode(code));
    if (!result.ok) throw new Error(result.message);
    const session = new TokenSession(secrets, workos(), new SystemClock());
    await session.signIn(result.tokens);
    env.emulator.clock.advance(120_000);
    const http = new DustHttp(
      { baseUrl: env.emulator.url, userAgent: 'test' },
      session,
      new NodeHttpClient(),
      new SystemClock(),
    );
    refreshGrants = 0;
    const answers = await Promise.all([fetchMe(http), fetchMe(http), fetchMe(http)]);
    expect(refreshGrants).toBe(1);
    expect(answers.every((me) => me.workspaces.length > 0)).toBe(true);
    const storedRefresh = await secrets.get(REFRESH_TOKEN_KEY);
    expect(storedRefresh).not.toBe(result.tokens.refreshToken);
    await expect(workos().refresh(result.tokens.refreshToken)).resolves.toEqual({
      kind: 'rejected',
      message: 'Your Dust session ended. Sign in again.',
    });
    await expect(workos().refresh(storedRefresh!)).resolves.toMatchObject({ kind: 'tokens' });
  });
});
