import { describe, expect, it } from 'vitest';

import { CancellationTokenSource } from '../cancellation.js';
import { FakeClock } from '../testing/fake-clock.js';
import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import { fakeJwt, ScriptedHttp } from '../testing/scripted-http.js';
import { waitForDeviceTokens } from './device-flow.js';
import { decodeBase64Url, readAccessTokenClaims } from './jwt-claims.js';
import { dustBaseUrl, parseCustomDustUrl } from './regions.js';
import {
  ACCESS_TOKEN_KEY,
  NotSignedInError,
  REFRESH_TOKEN_KEY,
  TokenSession,
} from './token-session.js';
import { WorkosClient } from './workos-client.js';

const workosConfig = { baseUrl: 'https://auth.test', clientId: 'client_test' };

describe('jwt claims', () => {
  it('reads exp, region and workspace without verifying', () => {
    const token = fakeJwt({
      exp: 1_800_000_000,
      sub: 'user_1',
      'https://dust.tt/region': 'europe-west1',
      'https://dust.tt/workspaceId': 'w1',
    });
    expect(readAccessTokenClaims(token)).toEqual({
      expiresAt: 1_800_000_000_000,
      region: 'europe-west1',
      workspaceId: 'w1',
      subject: 'user_1',
    });
  });

  it('returns null for garbage and rejects bad base64url', () => {
    expect(readAccessTokenClaims('not-a-jwt')).toBeNull();
    expect(readAccessTokenClaims('a.!!!.c')).toBeNull();
    expect(() => decodeBase64Url('a$b')).toThrow();
    expect(new TextDecoder().decode(decodeBase64Url('aGVsbG8gd29ybGQ'))).toBe('hello world');
  });
});

describe('regions', () => {
  it.each([
    [{ kind: 'us' } as const, undefined, 'https://dust.tt'],
    [{ kind: 'us' } as const, 'europe-west1', 'https://eu.dust.tt'],
    [{ kind: 'eu' } as const, 'us-central1', 'https://eu.dust.tt'],
    [
      { kind: 'custom', url: 'http://127.0.0.1:4000/' } as const,
      'europe-west1',
      'http://127.0.0.1:4000',
    ],
  ])('%o with claim %s → %s', (choice, claim, url) => {
    expect(dustBaseUrl(choice, claim)).toBe(url);
  });

  it('accepts https and loopback http only, in words', () => {
    expect(parseCustomDustUrl('https://dust.example.com/x')).toEqual({
      ok: true,
      url: 'https://dust.example.com',
    });
    expect(parseCustomDustUrl('http://localhost:3000')).toEqual({
      ok: true,
      url: 'http://localhost:3000',
    });
    expect(parseCustomDustUrl('http://dust.example.com')).toMatchObject({
      ok: false,
      message: expect.stringContaining('https'),
    });
    expect(parseCustomDustUrl('dust')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a URL'),
    });
  });
});

describe('device flow', () => {
  const authorization = {
    deviceCode: 'dc',
    userCode: 'ABCD-EFGH',
    verificationUri: 'https://v',
    verificationUriComplete: 'https://v?c',
    expiresInMs: 300_000,
    intervalMs: 5_000,
  };

  it('polls at the interval, slows down for good after slow_down, then returns the tokens', async () => {
    const clock = new FakeClock();
    const answers = [
      { error: 'authorization_pending' },
      { error: 'slow_down' },
      { error: 'authorization_pending' },
      { access_token: 'a', refresh_token: 'r' },
    ];
    const pollTimes: number[] = [];
    const http = new ScriptedHttp(() => {
      pollTimes.push(clock.now());
      const body = answers.shift()!;
      return { status: 'error' in body ? 400 : 200, body };
    });
    const source = new CancellationTokenSource();
    const done = waitForDeviceTokens(new WorkosClient(workosConfig, http), authorization, {
      clock,
      timers: clock,
      cancellation: source.token,
    });
    await clock.advance(60_000);
    await expect(done).resolves.toEqual({
      ok: true,
      tokens: { accessToken: 'a', refreshToken: 'r' },
    });
    const gaps = pollTimes.slice(1).map((t, i) => t - pollTimes[i]!);
    expect(gaps).toEqual([5_000, 10_000, 10_000]);
    const body = http.requests[0]!.body!;
    expect(new URLSearchParams(body).get('grant_type')).toBe(
      'urn:ietf:params:oauth:grant-type:device_code',
    );
    expect(http.requests[0]!.headers!['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('explains a refusal and an expiry in words, and stops when cancelled', async () => {
    const clock = new FakeClock();
    const denied = new ScriptedHttp(() => ({ status: 400, body: { error: 'access_denied' } }));
    const source = new CancellationTokenSource();
    const refusal = waitForDeviceTokens(new WorkosClient(workosConfig, denied), authorization, {
      clock,
      timers: clock,
      cancellation: source.token,
    });
    await clock.advance(5_000);
    await expect(refusal).resolves.toMatchObject({
      ok: false,
      code: 'access_denied',
      message: 'Sign-in was declined in the browser.',
    });

    const pending = new ScriptedHttp(() => ({
      status: 400,
      body: { error: 'authorization_pending' },
    }));
    const expiry = waitForDeviceTokens(new WorkosClient(workosConfig, pending), authorization, {
      clock,
      timers: clock,
      cancellation: source.token,
    });
    await clock.advance(400_000);
    await expect(expiry).resolves.toMatchObject({ ok: false, code: 'expired' });

    const cancelled = waitForDeviceTokens(new WorkosClient(workosConfig, pending), authorization, {
      clock,
      timers: clock,
      cancellation: source.token,
    });
    source.cancel();
    await expect(cancelled).resolves.toMatchObject({ ok: false, code: 'cancelled' });
    expect(clock.pendingTimerCount).toBe(0);
  });
});

describe('token session', () => {
  function setup(refreshAnswer: () => { status: number; body: unknown }) {
    const clock = new FakeClock();
    const secrets = new InMemorySecretStore();
    const http = new ScriptedHttp(async () => {
      await Promise.resolve();
      return refreshAnswer();
    });
    const session = new TokenSession(secrets, new WorkosClient(workosConfig, http), clock);
    return { clock, secrets, http, session };
  }

  it('refreshes once for concurrent callers and stores the new pair before handing it out', async () => {
    let n = 0;
    const { clock, secrets, http, session } = setup(() => ({
      status: 200,
      body: { access_token: fakeJwt({ exp: 2_000_000_000, n: ++n }), refresh_token: `r${n}` },
    }));
    await session.signIn({
      accessToken: fakeJwt({ exp: clock.now() / 1000 + 10 }),
      refreshToken: 'r0',
    });
    const tokens = await Promise.all([
      session.getAccessToken(),
      session.getAccessToken(),
      session.getAccessToken(),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(http.requests).toHaveLength(1);
    expect(new URLSearchParams(http.requests[0]!.body).get('refresh_token')).toBe('r0');
    expect(secrets.values.get(REFRESH_TOKEN_KEY)).toBe('r1');
    expect(secrets.values.get(ACCESS_TOKEN_KEY)).toBe(tokens[0]);
  });

  it('uses a valid token as is, and a token refreshed by someone else after a rejection', async () => {
    const { clock, http, session } = setup(() => ({
      status: 200,
      body: { access_token: fakeJwt({ exp: 2_000_000_000 }), refresh_token: 'r1' },
    }));
    const first = fakeJwt({ exp: clock.now() / 1000 + 3600 });
    await session.signIn({ accessToken: first, refreshToken: 'r0' });
    expect(await session.getAccessToken()).toBe(first);
    expect(http.requests).toHaveLength(0);
    const fresh = await session.refreshAfterRejection(first);
    expect(fresh).not.toBe(first);
    expect(await session.refreshAfterRejection(first)).toBe(fresh);
    expect(http.requests).toHaveLength(1);
  });

  it('signs out with a reason when the refresh token is refused, clearing the keychain', async () => {
    const { clock, secrets, session } = setup(() => ({
      status: 400,
      body: { error: 'invalid_grant' },
    }));
    const events: unknown[] = [];
    session.onDidChange((event) => events.push(event));
    await session.signIn({
      accessToken: fakeJwt({ exp: clock.now() / 1000 - 1 }),
      refreshToken: 'r0',
    });
    await expect(session.getAccessToken()).rejects.toBeInstanceOf(NotSignedInError);
    expect(secrets.values.size).toBe(0);
    expect(events.at(-1)).toEqual({
      kind: 'signed-out',
      reason: 'Your Dust session ended. Sign in again.',
    });
  });

  it('loads tokens from the keychain after a restart', async () => {
    const { secrets, clock } = setup(() => ({ status: 500, body: {} }));
    const token = fakeJwt({ exp: clock.now() / 1000 + 3600 });
    secrets.values.set(ACCESS_TOKEN_KEY, token);
    secrets.values.set(REFRESH_TOKEN_KEY, 'r');
    const session = new TokenSession(
      secrets,
      new WorkosClient(workosConfig, new ScriptedHttp(() => ({ status: 500 }))),
      clock,
    );
    expect(await session.isSignedIn()).toBe(true);
    expect(await session.getAccessToken()).toBe(token);
  });
});
