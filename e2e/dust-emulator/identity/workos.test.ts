import { describe, expect, it } from 'vitest';

import { type TestEmulator, useEmulator } from '../test-support/start.js';
import { decodeJwtPayload } from './jwt.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const form = (emu: TestEmulator, path: string, fields: Record<string, string>) =>
  fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

async function startDevice(emu: TestEmulator) {
  const response = await form(emu, '/user_management/authorize/device', {
    client_id: emu.seeds.workosClientId,
    scope: 'openid profile email',
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown> & {
    device_code: string;
    user_code: string;
  };
}

const poll = (emu: TestEmulator, deviceCode: string) =>
  form(emu, '/user_management/authenticate', {
    grant_type: DEVICE_GRANT,
    device_code: deviceCode,
    client_id: emu.seeds.workosClientId,
  });

describe('fake WorkOS device flow (chat-1)', () => {
  const emu = useEmulator();

  it('chat-1 authorize/device returns the six fields; the verification uri points at the emulator', async () => {
    const body = await startDevice(emu());
    expect(Object.keys(body)).toEqual([
      'device_code',
      'user_code',
      'verification_uri',
      'verification_uri_complete',
      'expires_in',
      'interval',
    ]);
    expect(body.user_code).toMatch(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/);
    expect(body.verification_uri).toBe(`${emu().url}/device`);
    expect(body.verification_uri_complete).toBe(`${emu().url}/device?user_code=${body.user_code}`);
    expect(body.expires_in).toBe(300);
    expect(body.interval).toBe(5);
    const wrongClient = await form(emu(), '/user_management/authorize/device', {
      client_id: 'client_nope',
    });
    expect(wrongClient.status).toBe(400);
    expect(((await wrongClient.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('chat-1 pending → slow_down when polled too fast → approve → tokens (no expires_in), then the code is spent', async () => {
    const { device_code, user_code } = await startDevice(emu());
    emu().clock.advance(5_000);
    const pending = await poll(emu(), device_code);
    expect(pending.status).toBe(400);
    expect(await pending.json()).toEqual({
      error: 'authorization_pending',
      error_description:
        "The authorization request is still pending as the user hasn't yet completed the user interaction flow.",
    });
    const tooFast = await poll(emu(), device_code);
    expect(tooFast.status).toBe(400);
    expect(((await tooFast.json()) as { error: string }).error).toBe('slow_down');
    expect(emu().identity.approveDeviceCode(user_code)).toBe(true);
    emu().clock.advance(5_000);
    const ok = await poll(emu(), device_code);
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as Record<string, unknown> & {
      access_token: string;
      user: Record<string, unknown>;
    };
    expect(Object.keys(tokens)).toEqual([
      'user',
      'organization_id',
      'access_token',
      'refresh_token',
      'authentication_method',
    ]);
    expect(tokens).not.toHaveProperty('expires_in');
    expect(tokens.user).toMatchObject({
      object: 'user',
      email: 'ada@acme.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
    });
    const claims = decodeJwtPayload(tokens.access_token);
    expect(claims).toMatchObject({
      'https://dust.tt/region': 'us-central1',
      'https://dust.tt/workspaceId': '0ec9852c2f',
    });
    expect(Object.keys(claims ?? {}).sort()).toEqual(
      [
        'exp',
        'https://dust.tt/region',
        'https://dust.tt/workspaceId',
        'iat',
        'iss',
        'org_id',
        'sid',
        'sub',
      ].sort(),
    );
    expect((claims?.exp as number) - (claims?.iat as number)).toBe(300);
    const me = await emu().api('GET', '/api/v1/me', { token: tokens.access_token });
    expect(me.status).toBe(200);
    emu().clock.advance(5_000);
    const reused = await poll(emu(), device_code);
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('chat-1 approval for another user (Grace) through the control route', async () => {
    const { device_code, user_code } = await startDevice(emu());
    const approve = await emu().api('POST', '/__emulator/device/approve', {
      body: { userCode: user_code.toLowerCase(), userId: emu().seeds.users.grace.sId },
      token: null,
    });
    expect(approve.status).toBe(200);
    emu().clock.advance(5_000);
    const tokens = (await (await poll(emu(), device_code)).json()) as { user: { email: string } };
    expect(tokens.user.email).toBe('grace@acme.com');
  });

  it('chat-1 access_denied and expired_token end the flow', async () => {
    const denied = await startDevice(emu());
    emu().identity.denyDeviceCode(denied.user_code);
    emu().clock.advance(5_000);
    expect(
      ((await (await poll(emu(), denied.device_code)).json()) as { error: string }).error,
    ).toBe('access_denied');
    const expired = await startDevice(emu());
    emu().clock.advance(300_000);
    const response = await poll(emu(), expired.device_code);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('expired_token');
    const forced = await startDevice(emu());
    emu().identity.expireDeviceCode(forced.user_code);
    expect(
      ((await (await poll(emu(), forced.device_code)).json()) as { error: string }).error,
    ).toBe('expired_token');
    expect(((await (await poll(emu(), 'garbage')).json()) as { error: string }).error).toBe(
      'invalid_grant',
    );
  });

  it('chat-1 refresh rotates: new pair, the old refresh token → 400 invalid_grant', async () => {
    const { device_code, user_code } = await startDevice(emu());
    emu().identity.approveDeviceCode(user_code);
    emu().clock.advance(5_000);
    const first = (await (await poll(emu(), device_code)).json()) as {
      refresh_token: string;
      access_token: string;
    };
    const refresh = (token: string) =>
      form(emu(), '/user_management/authenticate', {
        grant_type: 'refresh_token',
        client_id: emu().seeds.workosClientId,
        refresh_token: token,
      });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const rotated = (await second.json()) as { refresh_token: string; access_token: string };
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect(rotated).not.toHaveProperty('expires_in');
    expect(decodeJwtPayload(rotated.access_token)?.sid).toBe(
      decodeJwtPayload(first.access_token)?.sid,
    );
    const replay = await refresh(first.refresh_token);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await refresh(rotated.refresh_token)).status).toBe(200);
    const unsupported = await form(emu(), '/user_management/authenticate', {
      grant_type: 'password',
      client_id: emu().seeds.workosClientId,
    });
    expect(((await unsupported.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('chat-19 a refresh race on one rotating token: exactly one of two concurrent refreshes wins', async () => {
    const { device_code, user_code } = await startDevice(emu());
    emu().identity.approveDeviceCode(user_code);
    emu().clock.advance(5_000);
    const { refresh_token } = (await (await poll(emu(), device_code)).json()) as {
      refresh_token: string;
    };
    const race = await Promise.all(
      [1, 2].map(() =>
        form(emu(), '/user_management/authenticate', {
          grant_type: 'refresh_token',
          client_id: emu().seeds.workosClientId,
          refresh_token,
        }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('chat-2 the JWKS document is served for the client id', async () => {
    const response = await fetch(`${emu().url}/sso/jwks/${emu().seeds.workosClientId}`);
    const body = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect((await fetch(`${emu().url}/sso/jwks/other`)).status).toBe(404);
  });
});

describe('fake WorkOS with a short interval and the EU region', () => {
  const emu = useEmulator({
    region: 'europe-west1',
    workos: { intervalSeconds: 1, deviceCodeExpiresInSeconds: 30 },
    accessTokenLifetimeSeconds: 60,
  });

  it('chat-2 options drive interval, expiry, token lifetime and the region claim', async () => {
    const body = await startDevice(emu());
    expect([body.expires_in, body.interval]).toEqual([30, 1]);
    emu().identity.approveDeviceCode(body.user_code);
    emu().clock.advance(1_000);
    const tokens = (await (await poll(emu(), body.device_code)).json()) as { access_token: string };
    const claims = decodeJwtPayload(tokens.access_token);
    expect(claims?.['https://dust.tt/region']).toBe('europe-west1');
    expect((claims?.exp as number) - (claims?.iat as number)).toBe(60);
  });
});
