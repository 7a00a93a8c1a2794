import { describe, expect, it } from 'vitest';

import { openRawSse } from '../test-support/raw-sse.js';
import { useEmulator } from '../test-support/start.js';

describe('POST /api/v1/w/{wId}/mcp/heartbeat and the registration TTL', () => {
  const emu = useEmulator();
  const heartbeat = (serverId: string, token?: string) =>
    emu().api('POST', emu().ws('/mcp/heartbeat'), {
      body: { serverId },
      ...(token === undefined ? {} : { token }),
    });
  const notFound =
    '{"error":{"type":"mcp_server_connection_not_found","message":"MCP server not registered or expired"}}';

  it('mcp-10 a live registration → 200 {success:true, expiresAt} and the TTL restarts at 600 s', async () => {
    const serverId = await emu().register();
    emu().clock.advance(500_000);
    const response = await heartbeat(serverId);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^\{"success":true,"expiresAt":"\d{4}-[^"]+\.\d{3}Z"\}$/);
    expect(
      Date.parse((JSON.parse(text) as { expiresAt: string }).expiresAt),
    ).toBeGreaterThanOrEqual(emu().clock.now() + 599_000);
    emu().clock.advance(500_000); // 1000 s after register, 500 s after the heartbeat
    expect((await heartbeat(serverId)).status).toBe(200);
    expect(emu().counters.get('heartbeats')).toBe(2);
  });

  it('mcp-11 mcp-13 after 601 s without refresh → 404 mcp_server_connection_not_found', async () => {
    const serverId = await emu().register();
    emu().clock.advance(601_000);
    const response = await heartbeat(serverId);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(notFound);
  });

  it('mcp-11 an unknown serverId → 404; the private-API variant answers 200 {"success":false}', async () => {
    expect(await (await heartbeat('mcp-client-side:nope.0123456789abcdef')).text()).toBe(notFound);
    emu().faults.set({ heartbeatVariant: 'private' });
    const response = await heartbeat('mcp-client-side:nope.0123456789abcdef');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"success":false}');
  });

  it("mcp-3 another user's serverId behaves exactly like an unknown one (404)", async () => {
    const serverId = await emu().register();
    const response = await heartbeat(serverId, emu().seeds.otherUserToken);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(notFound);
  });

  it('mcp-2 an sk- API key → 500 internal_server_error', async () => {
    const serverId = await emu().register();
    const response = await heartbeat(serverId, emu().seeds.apiKey);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('internal_server_error');
    expect(body.error.message).toMatch(/^Unhandled internal server error: /);
  });

  it('mcp-12 a requests connect and a results post each refresh the TTL to 600 s', async () => {
    const serverId = await emu().register();
    emu().clock.advance(500_000);
    const sse = await openRawSse(
      `${emu().url}${emu().ws(`/mcp/requests?serverId=${encodeURIComponent(serverId)}`)}`,
      {
        headers: { Authorization: `Bearer ${emu().seeds.userToken}` },
      },
    );
    expect(sse.response.status).toBe(200);
    sse.close();
    emu().clock.advance(500_000); // 1000 s after register, 500 s after the connect
    const results = await emu().api('POST', emu().ws('/mcp/results'), {
      body: { serverId, result: null },
    });
    expect(results.status).toBe(200);
    emu().clock.advance(500_000); // 500 s after the results post
    expect((await heartbeat(serverId)).status).toBe(200);
  });

  it('mcp-34 deregister → always 200 {"success":true}; the server is then gone', async () => {
    const serverId = await emu().register();
    const first = await emu().api('POST', emu().ws('/mcp/deregister'), { body: { serverId } });
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('{"success":true}');
    const again = await emu().api('POST', emu().ws('/mcp/deregister'), { body: { serverId } });
    expect(await again.text()).toBe('{"success":true}');
    expect((await heartbeat(serverId)).status).toBe(404);
    const missing = await emu().api('POST', emu().ws('/mcp/deregister'), { body: {} });
    expect(missing.status).toBe(400);
    expect(emu().counters.get('deregistrations')).toBe(2);
  });

  it('mcp-35 expiring a registration now (fault) makes the next heartbeat 404', async () => {
    const serverId = await emu().register();
    expect(emu().faults.expireRegistration(serverId)).toBe(true);
    expect((await heartbeat(serverId)).status).toBe(404);
  });
});
