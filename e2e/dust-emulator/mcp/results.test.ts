import { describe, expect, it } from 'vitest';

import { useEmulator } from '../test-support/start.js';

describe('POST /api/v1/w/{wId}/mcp/results', () => {
  const emu = useEmulator();
  const post = (body: unknown, token?: string) =>
    emu().api('POST', emu().ws('/mcp/results'), {
      body,
      ...(token === undefined ? {} : { token }),
    });
  const forbidden =
    '{"error":{"type":"mcp_auth_error","message":"You don\'t have access to this MCP server or it has expired."}}';

  it('mcp-23 always 200 {"success":true}, even for an unknown request id or no result at all', async () => {
    const serverId = await emu().register();
    const unknown = await post({
      serverId,
      result: { jsonrpc: '2.0', id: 'mcp_req_x_y_z_0', result: {} },
    });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toBe('{"success":true}');
    const absent = await post({ serverId });
    expect(absent.status).toBe(200);
    expect(emu().counters.get('unknownIdResults')).toBe(1);
    expect(emu().counters.read().byKey.resultsById).toEqual({ mcp_req_x_y_z_0: 1 });
  });

  it('mcp-22 serverId missing → 400; unregistered or expired serverId → 403 mcp_auth_error', async () => {
    expect((await post({ result: {} })).status).toBe(400);
    const unknown = await post({ serverId: 'mcp-client-side:nope.0123456789abcdef', result: {} });
    expect(unknown.status).toBe(403);
    expect(await unknown.text()).toBe(forbidden);
    const serverId = await emu().register();
    emu().clock.advance(600_001);
    expect((await post({ serverId, result: {} })).status).toBe(403);
  });

  it("mcp-3 another user's serverId → 403, like an unknown one", async () => {
    const serverId = await emu().register();
    const response = await post({ serverId, result: {} }, emu().seeds.otherUserToken);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(forbidden);
  });

  it('mcp-2 an sk- API key → 500', async () => {
    const serverId = await emu().register();
    expect((await post({ serverId, result: {} }, emu().seeds.apiKey)).status).toBe(500);
  });

  it('mcp-24 a body over the limit → 413 content_too_large', async () => {
    const serverId = await emu().register();
    emu().faults.set({ resultsBodyLimitBytes: 1000 });
    const response = await post({ serverId, result: { text: 'x'.repeat(2000) } });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe(
      '{"error":{"type":"content_too_large","message":"Request body too large."}}',
    );
    expect((await post({ serverId, result: { text: 'small' } })).status).toBe(200);
  });

  it("mcp-24 the default limit is Dust's 16 MiB (MCP_RESULTS_MAX_SIZE_BYTES): 15 MiB → 200, 17 MiB → 413", async () => {
    const serverId = await emu().register();
    const mib = 1024 * 1024;
    expect((await post({ serverId, result: { text: 'x'.repeat(15 * mib) } })).status).toBe(200);
    expect((await post({ serverId, result: { text: 'x'.repeat(16 * mib - 100) } })).status).toBe(
      200,
    );
    expect((await post({ serverId, result: { text: 'x'.repeat(16 * mib) } })).status).toBe(413);
    expect((await post({ serverId, result: { text: 'x'.repeat(17 * mib) } })).status).toBe(413);
  });

  it('mcp-19 a result deletes the answered request and every notification from the log, not other requests', async () => {
    const serverId = await emu().register();
    emu().mcp.publish(serverId, { method: 'tools/list', jsonrpc: '2.0', id: 'mcp_req_a_b_u_1' });
    emu().mcp.publish(serverId, { method: 'notifications/initialized', jsonrpc: '2.0' });
    emu().mcp.publish(serverId, { method: 'tools/call', jsonrpc: '2.0', id: 'mcp_req_a_b_u_2' });
    await post({
      serverId,
      result: { jsonrpc: '2.0', id: 'mcp_req_a_b_u_1', result: { tools: [] } },
    });
    expect(
      emu()
        .mcp.pending(serverId)
        .map((e) => e.data.id),
    ).toEqual(['mcp_req_a_b_u_2']);
  });

  it('mcp-35 an added delay holds the answer back', async () => {
    const serverId = await emu().register();
    emu().faults.set({ delaysMs: { results: 150 } });
    const started = Date.now();
    expect((await post({ serverId, result: {} })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('mcp-35 injected statuses: 503 then 429 with Retry-After, consumed one request each', async () => {
    const serverId = await emu().register();
    emu().faults.injectStatus({ endpoint: 'results', status: 503 });
    emu().faults.injectStatus({ endpoint: 'results', status: 429, retryAfterSeconds: 7 });
    const first = await post({ serverId, result: {} });
    expect(first.status).toBe(503);
    const second = await post({ serverId, result: {} });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('7');
    expect(((await second.json()) as { error: { type: string } }).error.type).toBe(
      'rate_limit_error',
    );
    expect((await post({ serverId, result: {} })).status).toBe(200);
  });
});
