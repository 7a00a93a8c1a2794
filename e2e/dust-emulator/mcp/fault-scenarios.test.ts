import { describe, expect, it } from 'vitest';

import { openRawSse, parseDataFrame, type RawSse } from '../test-support/raw-sse.js';
import { type TestEmulator, useEmulator } from '../test-support/start.js';
import { waitFor } from '../test-support/wait-for.js';

const connect = (emu: TestEmulator, serverId: string, lastEventId?: string): Promise<RawSse> =>
  openRawSse(
    `${emu.url}${emu.ws(`/mcp/requests?serverId=${encodeURIComponent(serverId)}${lastEventId ? `&lastEventId=${lastEventId}` : ''}`)}`,
    { headers: { Authorization: `Bearer ${emu.seeds.userToken}` } },
  );

const INIT_RESULT = {
  protocolVersion: '2025-06-18',
  capabilities: {},
  serverInfo: { name: 'x', version: '1' },
};

describe('mcp-35 fault scenarios', () => {
  const emu = useEmulator();
  const input = (serverId: string) => ({
    serverId,
    workspaceId: emu().seeds.workspaceId,
    userId: emu().seeds.users.ada.sId,
    conversationId: 'conv',
    messageId: 'msg',
  });

  it('mcp-35 heartbeat 404 after expiry → re-registration yields a new id; the old id is 403 on reconnect', async () => {
    const old = await emu().register('dust desktop');
    emu().clock.advance(600_000);
    expect(
      (await emu().api('POST', emu().ws('/mcp/heartbeat'), { body: { serverId: old } })).status,
    ).toBe(404);
    const reconnect = await emu().api(
      'GET',
      emu().ws(`/mcp/requests?serverId=${encodeURIComponent(old)}`),
    );
    expect(reconnect.status).toBe(403);
    const fresh = await emu().register('dust desktop');
    expect(fresh).not.toBe(old);
    expect(fresh.replace(/\.[0-9a-f]{16}$/, '')).toBe(old.replace(/\.[0-9a-f]{16}$/, ''));
  });

  it('mcp-35 a request published while no SSE is connected, after the 5-s window: initialize_timeout, then a stale replay', async () => {
    const serverId = await emu().register();
    const listing = emu().agent.listTools(input(serverId));
    await waitFor('initialize stored', () => emu().mcp.pending(serverId).length === 1);
    emu().clock.advance(5_000);
    expect(await listing).toMatchObject({ ok: false, reason: 'initialize_timeout' });
    const sse = await connect(emu(), serverId);
    const frames = await sse.waitForFrames(3);
    expect(frames.slice(1).map((f) => parseDataFrame(f).data.method)).toEqual([
      'initialize',
      'notifications/cancelled',
    ]);
    const stale = parseDataFrame(frames[1] ?? '').data;
    const late = await emu().api('POST', emu().ws('/mcp/results'), {
      body: { serverId, result: { jsonrpc: '2.0', id: stale.id, result: INIT_RESULT } },
    });
    expect(late.status).toBe(200);
    expect(emu().counters.get('lateResults')).toBe(1);
    expect(emu().mcp.pending(serverId)).toEqual([]);
    sse.close();
  });

  it('mcp-35 a reconnect without cursor after a call timeout replays the stale tools/call, the cancel and unacknowledged notifications', async () => {
    const serverId = await emu().register();
    const sse = await connect(emu(), serverId);
    const answering = (async () => {
      const init = parseDataFrame((await sse.waitForFrames(2))[1] ?? '').data;
      await emu().api('POST', emu().ws('/mcp/results'), {
        body: { serverId, result: { jsonrpc: '2.0', id: init.id, result: INIT_RESULT } },
      });
    })();
    const call = emu().agent.callTool({ ...input(serverId), toolName: 'slow', arguments: {} });
    await answering;
    await waitFor('tools/call', () =>
      emu()
        .mcp.pending(serverId)
        .some((e) => e.data.method === 'tools/call'),
    );
    sse.close();
    emu().clock.advance(180_000);
    expect(await call).toMatchObject({ ok: false, reason: 'timeout' });
    const again = await connect(emu(), serverId);
    const replay = (await again.waitForFrames(4)).slice(1).map((f) => parseDataFrame(f).data);
    // notifications/initialized was published after the initialize result deleted notifications,
    // and no result came since: Dust would replay it too.
    expect(replay.map((m) => m.method)).toEqual([
      'notifications/initialized',
      'tools/call',
      'notifications/cancelled',
    ]);
    expect((replay[2]?.params as { requestId: number }).requestId).toBe(1);
    again.close();
  });

  it('mcp-28 strict mode logs a result with an unknown id loudly', async () => {
    const lines: string[] = [];
    await emu().close();
    const { startTestEmulator } = await import('../test-support/start.js');
    const strict = await startTestEmulator({
      faults: { strictIds: true },
      log: (line) => lines.push(line),
    });
    try {
      const serverId = await strict.register();
      await strict.api('POST', strict.ws('/mcp/results'), {
        body: { serverId, result: { jsonrpc: '2.0', id: 'mcp_req_x', result: {} } },
      });
      expect(lines).toEqual([`emulator STRICT: result for unknown id "mcp_req_x" on ${serverId}`]);
    } finally {
      await strict.close();
    }
  });
});

describe('an emulator running as europe-west1', () => {
  const emu = useEmulator({ region: 'europe-west1' });

  it('chat-3 accepts its own region and refuses a us-central1 token with 401 user_not_found', async () => {
    expect((await emu().api('GET', '/api/v1/me')).status).toBe(200);
    const us = emu().identity.mintAccessToken(emu().seeds.users.ada.sId, { region: 'us-central1' });
    const response = await emu().api('POST', emu().ws('/mcp/register'), {
      body: { serverName: 'my sidekick' },
      token: us,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe(
      'user_not_found',
    );
  });
});
