import { describe, expect, it } from 'vitest';

import { StaticTokenSource } from '../../core/auth/token-session.js';
import { DustApi, fetchMe } from '../../core/dust/dust-api.js';
import { DustApiError } from '../../core/dust/dust-errors.js';
import { DustHttp } from '../../core/dust/dust-http.js';
import { EventSourceStreams } from '../eventsource-streams.js';
import { NodeHttpClient } from '../node-http.js';
import { SystemClock } from '../system-clock.js';
import { useEmulator } from './kits/emulator.js';

const env = useEmulator();

function apiFor(token: string) {
  const http = new DustHttp(
    { baseUrl: env.emulator.url, userAgent: 'Dust-MCP-Tray/test' },
    new StaticTokenSource(token),
    new NodeHttpClient(),
    new SystemClock(),
  );
  return { http, api: new DustApi(http, env.emulator.seeds.workspaceId) };
}

async function expectDustError(promise: Promise<unknown>, status: number, type: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DustApiError);
  expect(error).toMatchObject({ status, type });
}

describe('DustApi against the emulator', () => {
  it('registers, heartbeats, posts a result and deregisters', async () => {
    const { api } = apiFor(env.emulator.seeds.userToken);
    const registration = await api.register('Dust MCP Tray test');
    expect(registration.serverId).toMatch(/^mcp-client-side:dust_mcp_tray_test\.[0-9a-f]{16}$/);
    await expect(api.heartbeat(registration.serverId)).resolves.toMatchObject({
      alive: true,
      expiresAt: expect.any(String),
    });
    await api.postResult(registration.serverId, {
      jsonrpc: '2.0',
      id: 'mcp_req_x_y_z_1',
      result: {},
    });
    await api.deregister(registration.serverId);
    await expectDustError(
      api.heartbeat(registration.serverId),
      404,
      'mcp_server_connection_not_found',
    );
  });

  it('surfaces Dust’s refusals as typed errors', async () => {
    await expectDustError(
      apiFor(env.emulator.seeds.apiKey).api.register('with a key'),
      403,
      'invalid_request_error',
    );
    await expectDustError(
      apiFor(env.emulator.seeds.userToken).api.register('abc'),
      400,
      'invalid_request_error',
    );
    await expectDustError(apiFor('garbage').api.register('valid name'), 401, 'not_authenticated');
    const ada = apiFor(env.emulator.seeds.userToken).api;
    const grace = apiFor(env.emulator.seeds.otherUserToken).api;
    const { serverId } = await ada.register('adas server');
    await expectDustError(grace.heartbeat(serverId), 404, 'mcp_server_connection_not_found');
    await expectDustError(grace.postResult(serverId, {}), 403, 'mcp_auth_error');
  });

  it('sees a registration expire when the emulated clock passes the TTL', async () => {
    const { api } = apiFor(env.emulator.seeds.userToken);
    const { serverId } = await api.register('expiring server');
    env.emulator.clock.advance(601_000);
    await expectDustError(api.heartbeat(serverId), 404, 'mcp_server_connection_not_found');
  });

  it('reads /me, spaces and server views', async () => {
    const { http, api } = apiFor(env.emulator.seeds.userToken);
    const me = await fetchMe(http);
    expect(me.workspaces.map((w) => w.sId)).toContain(env.emulator.seeds.workspaceId);
    const spaces = await api.listSpaces();
    expect(spaces.length).toBeGreaterThan(0);
    await expectDustError(api.listServerViews('vlt_does_not_exist'), 404, 'space_not_found');
  });

  it('streams requests over SSE, following the 307 to /api/sse with the token', async () => {
    env.emulator.faults.set({ redirectRequests307: true });
    const { api } = apiFor(env.emulator.seeds.userToken);
    const { serverId } = await api.register('streaming server');
    env.emulator.mcp.publish(serverId, { jsonrpc: '2.0', id: 'mcp_req_a_b_c_0', method: 'ping' });
    const frames: string[] = [];
    const received = new Promise<void>((resolve, reject) => {
      const stream = new EventSourceStreams().open(
        {
          url: () => api.requestsUrl(serverId, undefined),
          headers: () => ({ authorization: `Bearer ${env.emulator.seeds.userToken}` }),
        },
        {
          onOpen: () => undefined,
          onMessage: (data) => {
            frames.push(data);
            stream.dispose();
            resolve();
          },
          onError: (error) => reject(new Error(`${error.status}: ${error.message}`)),
        },
      );
    });
    await received;
    expect(JSON.parse(frames[0]!)).toEqual({
      eventId: expect.any(String),
      data: { jsonrpc: '2.0', id: 'mcp_req_a_b_c_0', method: 'ping' },
    });
  });
});
