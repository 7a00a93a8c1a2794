import { describe, expect, it } from 'vitest';

import { openRawSse } from '../test-support/raw-sse.js';
import { useEmulator } from '../test-support/start.js';

const MESSAGE = 'The request does not have valid authentication credentials.';

describe('bearer authentication on the public API (mcp-4, chat-3)', () => {
  const emu = useEmulator();
  const heartbeat = (token: string | null, wId?: string) =>
    emu().api('POST', `/api/v1/w/${wId ?? emu().seeds.workspaceId}/mcp/heartbeat`, {
      body: { serverId: 'x' },
      token,
    });

  it('mcp-4 no Authorization header → 401 not_authenticated', async () => {
    const response = await heartbeat(null);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe(
      `{"error":{"type":"not_authenticated","message":"${MESSAGE}"}}`,
    );
  });

  it('chat-3 an expired JWT → 401 expired_oauth_token_error with the standard message', async () => {
    const token = emu().identity.mintAccessToken(emu().seeds.users.ada.sId, {
      lifetimeSeconds: 300,
    });
    expect((await heartbeat(token)).status).toBe(404);
    emu().clock.advance(300_000);
    const response = await heartbeat(token);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe(
      `{"error":{"type":"expired_oauth_token_error","message":"${MESSAGE}"}}`,
    );
  });

  it('chat-3 garbage → 401 not_authenticated; a forged signature → 401 invalid_oauth_token_error', async () => {
    const garbage = await heartbeat('garbage');
    expect(garbage.status).toBe(401);
    expect(((await garbage.json()) as { error: { type: string } }).error.type).toBe(
      'not_authenticated',
    );
    const [header, payload] = emu().seeds.userToken.split('.');
    const forged = await heartbeat(`${header}.${payload}.AAAA`);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({
      error: { type: 'invalid_oauth_token_error', message: MESSAGE },
    });
  });

  it('chat-3 a token of the other region → 401 user_not_found', async () => {
    const token = emu().identity.mintAccessToken(emu().seeds.users.ada.sId, {
      region: 'europe-west1',
    });
    const response = await heartbeat(token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe(
      'user_not_found',
    );
    const me = await emu().api('GET', '/api/v1/me', { token });
    expect(me.status).toBe(401);
  });

  it('mcp-4 unknown workspace → 404 workspace_not_found; non-member → 401 workspace_auth_error', async () => {
    const unknown = await heartbeat(emu().seeds.userToken, 'nope000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe(
      '{"error":{"type":"workspace_not_found","message":"The workspace was not found."}}',
    );
    const eve = emu().identity.mintAccessToken(emu().seeds.users.eve.sId);
    const outsider = await heartbeat(eve);
    expect(outsider.status).toBe(401);
    expect(await outsider.text()).toBe(
      '{"error":{"type":"workspace_auth_error","message":"Only users of the workspace can access this content."}}',
    );
  });

  it('mcp-1 an unknown sk- key → 401 invalid_api_key_error; a valid key is a workspace principal', async () => {
    const bad = await heartbeat('sk-0000');
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_api_key_error',
    );
    expect((await heartbeat(emu().seeds.apiKey)).status).toBe(500);
  });
});

describe('workspace-level refusals and tokens expiring mid-stream', () => {
  const emu = useEmulator();

  it('mcp-4 workspace in maintenance → 503 service_unavailable; plan without API → 403 workspace_can_use_product_required_error', async () => {
    emu().faults.set({ workspaceMode: 'maintenance' });
    const maintenance = await emu().api('POST', emu().ws('/mcp/register'), {
      body: { serverName: 'my sidekick' },
    });
    expect(maintenance.status).toBe(503);
    expect(((await maintenance.json()) as { error: { type: string } }).error.type).toBe(
      'service_unavailable',
    );
    emu().faults.set({ workspaceMode: 'api_disallowed' });
    const plan = await emu().api('POST', emu().ws('/mcp/register'), {
      body: { serverName: 'my sidekick' },
    });
    expect(plan.status).toBe(403);
    expect(((await plan.json()) as { error: { type: string } }).error.type).toBe(
      'workspace_can_use_product_required_error',
    );
    emu().faults.clear();
    expect(
      (await emu().api('POST', emu().ws('/mcp/register'), { body: { serverName: 'my sidekick' } }))
        .status,
    ).toBe(200);
  });

  it('chat-19 a token expiring mid-stream keeps the open stream; the next reconnect gets 401 expired_oauth_token_error', async () => {
    const token = emu().identity.mintAccessToken(emu().seeds.users.ada.sId, {
      lifetimeSeconds: 60,
    });
    const serverId = await emu().register('my sidekick', token);
    const url = `${emu().url}${emu().ws(`/mcp/requests?serverId=${encodeURIComponent(serverId)}`)}`;
    const sse = await openRawSse(url, { headers: { Authorization: `Bearer ${token}` } });
    await sse.nextFrame();
    emu().clock.advance(61_000);
    emu().mcp.publish(serverId, { method: 'ping', jsonrpc: '2.0', id: 'x' });
    expect(await sse.nextFrame()).toMatch(/^data: \{"eventId"/);
    sse.close();
    const again = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { type: string } }).error.type).toBe(
      'expired_oauth_token_error',
    );
  });
});

describe('GET /api/v1/me (chat-4)', () => {
  const emu = useEmulator();

  it('chat-4 returns the user with workspaces, organizations and selectedWorkspace', async () => {
    const response = await emu().api('GET', '/api/v1/me');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: {
        sId: '3f9a1c0b7e',
        id: 4242,
        createdAt: 1735689600000,
        provider: 'google',
        username: 'ada',
        email: 'ada@acme.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        fullName: 'Ada Lovelace',
        image: null,
        workspaces: [
          {
            id: 77,
            sId: '0ec9852c2f',
            name: 'Acme',
            role: 'admin',
            segmentation: null,
            whiteListedProviders: null,
            defaultEmbeddingProvider: null,
            regionalModelsOnly: false,
            ssoEnforced: false,
          },
        ],
        organizations: [
          {
            id: 'org_01HACME0000000000000000000',
            name: 'Acme',
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-01-01T00:00:00.000Z',
            externalId: null,
            metadata: {},
          },
        ],
        selectedWorkspace: '0ec9852c2f',
      },
    });
  });

  it('chat-4 Grace is a plain user; an sk- key or no token → 401 not_authenticated', async () => {
    const grace = (await (
      await emu().api('GET', '/api/v1/me', { token: emu().seeds.otherUserToken })
    ).json()) as {
      user: { workspaces: Array<{ role: string }> };
    };
    expect(grace.user.workspaces[0]?.role).toBe('user');
    for (const token of [emu().seeds.apiKey, null]) {
      const response = await emu().api('GET', '/api/v1/me', { token });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe(
        `{"error":{"type":"not_authenticated","message":"${MESSAGE}"}}`,
      );
    }
  });
});
