import { describe, expect, it } from 'vitest';

import { openRawSse, parseDataFrame, type RawSse } from '../test-support/raw-sse.js';
import { type TestEmulator, useEmulator } from '../test-support/start.js';

const HANDSHAKE = 'event: dust-handshake\ndata: {}\n\n';
const DONE = 'data: done\n\n';

function connect(
  emu: TestEmulator,
  query: string,
  token = emu.seeds.userToken,
  base = '/api/v1',
): Promise<RawSse> {
  return openRawSse(`${emu.url}${base}/w/${emu.seeds.workspaceId}/mcp/requests?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}
const q = (serverId: string, lastEventId?: string): string =>
  `serverId=${encodeURIComponent(serverId)}${lastEventId === undefined ? '' : `&lastEventId=${encodeURIComponent(lastEventId)}`}`;
const rpc = (n: number) => ({
  method: 'tools/call',
  params: { n },
  jsonrpc: '2.0',
  id: `mcp_req_c_m_u_${n}`,
});

describe('GET /api/v1/w/{wId}/mcp/requests (SSE)', () => {
  const emu = useEmulator();

  it('mcp-15 sends exactly the five SSE headers, then the dust-handshake frame', async () => {
    const serverId = await emu().register();
    const sse = await connect(emu(), q(serverId));
    expect(sse.response.status).toBe(200);
    const h = sse.response.headers;
    expect(h.get('content-type')).toBe('text/event-stream');
    expect(h.get('cache-control')).toBe('no-cache');
    expect(h.get('connection')).toBe('keep-alive');
    expect(h.get('x-accel-buffering')).toBe('no');
    expect(h.get('content-encoding')).toBe('none');
    expect(h.get('content-length')).toBeNull();
    expect(await sse.nextFrame()).toBe(HANDSHAKE);
    sse.close();
  });

  it('mcp-15 handshake variants: ": connected" comment, or nothing at all', async () => {
    const serverId = await emu().register();
    emu().faults.set({ handshake: 'comment' });
    const comment = await connect(emu(), q(serverId));
    expect(await comment.nextFrame()).toBe(': connected\n\n');
    comment.close();
    emu().faults.set({ handshake: 'none' });
    const none = await connect(emu(), q(serverId));
    expect(none.response.status).toBe(200);
    emu().mcp.publish(serverId, rpc(1));
    const first = await none.nextFrame();
    expect(first.startsWith('data: {"eventId":')).toBe(true);
    none.close();
  });

  it('mcp-16 one unnamed data frame per event: exact bytes, no id:/event:/retry: lines', async () => {
    const serverId = await emu().register();
    const sse = await connect(emu(), q(serverId));
    await sse.nextFrame();
    const event = emu().mcp.publish(serverId, {
      method: 'initialize',
      params: { a: 1 },
      jsonrpc: '2.0',
      id: 'mcp_req_c_m_u_0',
    });
    const frame = await sse.nextFrame();
    expect(event?.id).toMatch(/^\d+-\d+$/);
    expect(frame).toBe(
      `data: {"eventId":"${event?.id}","data":{"method":"initialize","params":{"a":1},"jsonrpc":"2.0","id":"mcp_req_c_m_u_0"}}\n\n`,
    );
    expect(sse.text()).not.toMatch(/^(id|retry):/m);
    expect(
      sse
        .text()
        .split('\n')
        .filter((l) => l.startsWith('event:')),
    ).toEqual(['event: dust-handshake']);
    sse.close();
  });

  it('mcp-14 400 without serverId; 403 mcp_auth_error JSON (no stream) for an unknown or other-user server', async () => {
    const missing = await emu().api('GET', emu().ws('/mcp/requests'));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toBe(
      '{"error":{"type":"invalid_request_error","message":"Invalid query parameters: Validation error: Required at \\"serverId\\""}}',
    );
    const unknown = await emu().api(
      'GET',
      emu().ws('/mcp/requests?serverId=mcp-client-side:x.0123456789abcdef'),
    );
    expect(unknown.status).toBe(403);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unknown.text()).toBe(
      '{"error":{"type":"mcp_auth_error","message":"You don\'t have access to this MCP server or it has expired."}}',
    );
    const serverId = await emu().register();
    const other = await emu().api('GET', emu().ws(`/mcp/requests?${q(serverId)}`), {
      token: emu().seeds.otherUserToken,
    });
    expect(other.status).toBe(403);
    const key = await emu().api('GET', emu().ws(`/mcp/requests?${q(serverId)}`), {
      token: emu().seeds.apiKey,
    });
    expect(key.status).toBe(500);
    emu().clock.advance(600_001);
    expect((await emu().api('GET', emu().ws(`/mcp/requests?${q(serverId)}`))).status).toBe(403);
  });

  it('mcp-17 mcp-18 closes with data: done after the idle timeout and sends no keep-alive before', async () => {
    const serverId = await emu().register();
    const sse = await connect(emu(), q(serverId));
    await sse.nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sse.frames).toEqual([HANDSHAKE]);
    emu().clock.advance(299_000);
    emu().mcp.publish(serverId, rpc(1)); // an event restarts the idle timer
    await sse.nextFrame();
    emu().clock.advance(299_000);
    expect(sse.isEnded()).toBe(false);
    emu().clock.advance(1_001);
    expect(await sse.nextFrame()).toBe(DONE);
    expect(await sse.ended).toBe('end');
  });

  it('mcp-17 idle close duration is configurable (60 s legacy mode)', async () => {
    const serverId = await emu().register();
    emu().faults.set({ idleCloseMs: 60_000 });
    const sse = await connect(emu(), q(serverId));
    await sse.nextFrame();
    emu().clock.advance(60_000);
    expect(await sse.nextFrame()).toBe(DONE);
  });

  it('mcp-17 mcp-19 a full history page of 50 with more pending ends with done; the cursor fetches the next page', async () => {
    const serverId = await emu().register();
    for (let n = 0; n < 120; n++) emu().mcp.publish(serverId, rpc(n));
    const first = await connect(emu(), q(serverId));
    const frames = await first.waitForFrames(52);
    expect(await first.ended).toBe('end');
    expect(frames[51]).toBe(DONE);
    const page1 = frames.slice(1, 51).map(parseDataFrame);
    expect(page1.map((f) => f.data.params)).toEqual(Array.from({ length: 50 }, (_, n) => ({ n })));
    const second = await connect(emu(), q(serverId, page1[49]?.eventId));
    const page2 = (await second.waitForFrames(52)).slice(1, 51).map(parseDataFrame);
    expect(page2[0]?.data.params).toEqual({ n: 50 });
    const third = await connect(emu(), q(serverId, page2[49]?.eventId));
    const rest = await third.waitForFrames(21);
    expect(rest.slice(1).map((f) => parseDataFrame(f).data.params)).toEqual(
      Array.from({ length: 20 }, (_, n) => ({ n: n + 100 })),
    );
    emu().mcp.publish(serverId, rpc(999)); // the last page is not full: the stream stays live
    expect(parseDataFrame((await third.waitForFrames(22))[21] ?? '').data.params).toEqual({
      n: 999,
    });
    third.close();
  });

  it('mcp-17 the page size is configurable', async () => {
    const serverId = await emu().register();
    emu().faults.set({ historyPageSize: 2 });
    for (let n = 0; n < 3; n++) emu().mcp.publish(serverId, rpc(n));
    const sse = await connect(emu(), q(serverId));
    expect((await sse.waitForFrames(4))[3]).toBe(DONE);
  });

  it('mcp-19 lastEventId is exclusive; empty means from the start; unparseable means live only', async () => {
    const serverId = await emu().register();
    const ids = [1, 2, 3].map((n) => emu().mcp.publish(serverId, rpc(n))?.id ?? '');
    const after = await connect(emu(), q(serverId, ids[0]));
    expect((await after.waitForFrames(3)).slice(1).map((f) => parseDataFrame(f).eventId)).toEqual(
      ids.slice(1),
    );
    after.close();
    const empty = await connect(emu(), q(serverId, ''));
    expect((await empty.waitForFrames(4)).slice(1).map((f) => parseDataFrame(f).eventId)).toEqual(
      ids,
    );
    empty.close();
    const garbage = await connect(emu(), q(serverId, 'not-a-cursor'));
    expect(garbage.response.status).toBe(200);
    await garbage.nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(garbage.frames).toEqual([HANDSHAKE]);
    const live = emu().mcp.publish(serverId, rpc(4));
    expect(parseDataFrame(await garbage.nextFrame()).eventId).toBe(live?.id);
    garbage.close();
  });

  it('mcp-19 history then live with no gap and no duplicate', async () => {
    const serverId = await emu().register();
    for (let n = 0; n < 5; n++) emu().mcp.publish(serverId, rpc(n));
    const sse = await connect(emu(), q(serverId));
    for (let n = 5; n < 10; n++) emu().mcp.publish(serverId, rpc(n));
    const frames = await sse.waitForFrames(11);
    expect(frames.slice(1).map((f) => parseDataFrame(f).data.params)).toEqual(
      Array.from({ length: 10 }, (_, n) => ({ n })),
    );
    sse.close();
  });

  it('mcp-20 two concurrent streams on one serverId both get live events, each with its own history', async () => {
    const serverId = await emu().register();
    const old = emu().mcp.publish(serverId, rpc(0));
    const a = await connect(emu(), q(serverId));
    const b = await connect(emu(), q(serverId, old?.id));
    await a.waitForFrames(2);
    await b.waitForFrames(1);
    emu().mcp.publish(serverId, rpc(1));
    expect(parseDataFrame((await a.waitForFrames(3))[2] ?? '').data.params).toEqual({ n: 1 });
    expect(parseDataFrame((await b.waitForFrames(2))[1] ?? '').data.params).toEqual({ n: 1 });
    a.close();
    b.close();
  });

  it('mcp-19 answered requests leave the log: a reconnect without cursor replays only unanswered ones', async () => {
    const serverId = await emu().register();
    emu().mcp.publish(serverId, rpc(1));
    emu().mcp.publish(serverId, { method: 'notifications/initialized', jsonrpc: '2.0' });
    emu().mcp.publish(serverId, rpc(2));
    await emu().api('POST', emu().ws('/mcp/results'), {
      body: { serverId, result: { jsonrpc: '2.0', id: 'mcp_req_c_m_u_1', result: {} } },
    });
    const sse = await connect(emu(), q(serverId));
    const frames = await sse.waitForFrames(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sse.frames.slice(1).map((f) => parseDataFrame(f).data.id)).toEqual(['mcp_req_c_m_u_2']);
    expect(frames).toHaveLength(2);
    sse.close();
  });

  it('mcp-19 the log expires 10 min after the last publish', async () => {
    const serverId = await emu().register();
    emu().mcp.publish(serverId, rpc(1));
    emu().clock.advance(300_000);
    await emu().api('POST', emu().ws('/mcp/heartbeat'), { body: { serverId } });
    emu().mcp.publish(serverId, rpc(2)); // refreshes the log TTL
    emu().clock.advance(599_000);
    expect(emu().mcp.pending(serverId)).toHaveLength(2);
    await emu().api('POST', emu().ws('/mcp/heartbeat'), { body: { serverId } });
    emu().clock.advance(1_000);
    expect(emu().mcp.pending(serverId)).toHaveLength(0);
  });

  it('mcp-21 the /api/sse/v1 twin serves the same stream; 307 mode redirects the v1 path keeping the query', async () => {
    const serverId = await emu().register();
    const twin = await connect(emu(), q(serverId), emu().seeds.userToken, '/api/sse/v1');
    expect(await twin.nextFrame()).toBe(HANDSHAKE);
    twin.close();
    emu().faults.set({ redirectRequests307: true });
    const redirect = await emu().api('GET', emu().ws(`/mcp/requests?${q(serverId, '5-0')}`), {
      redirect: 'manual',
    });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(
      `/api/sse/v1/w/${emu().seeds.workspaceId}/mcp/requests?${q(serverId, '5-0')}`,
    );
    const followed = await connect(emu(), q(serverId));
    expect(followed.response.url).toContain('/api/sse/v1/');
    expect(await followed.nextFrame()).toBe(HANDSHAKE);
    followed.close();
    expect(emu().counters.get('requestsRedirected')).toBe(2);
  });

  it('mcp-35 drop all streams: clean close without done, or torn connection; shutdown ends with done', async () => {
    const serverId = await emu().register();
    const a = await connect(emu(), q(serverId));
    await a.nextFrame();
    expect(emu().faults.dropStreams('close')).toBe(1);
    expect(await a.ended).toBe('end');
    expect(a.frames).toEqual([HANDSHAKE]);
    const b = await connect(emu(), q(serverId));
    await b.nextFrame();
    emu().faults.dropStreams('abort');
    expect(await b.ended).toBe('error');
    const c = await connect(emu(), q(serverId));
    await c.nextFrame();
    await emu().close();
    expect(await c.ended).toBe('end');
    expect(c.frames).toEqual([HANDSHAKE, DONE]);
  });

  it('a client disconnect ends the server side: no open stream, no subscriber left', async () => {
    const serverId = await emu().register();
    const sse = await connect(emu(), q(serverId));
    await sse.nextFrame();
    expect(emu().context.streams.count('mcp-requests')).toBe(1);
    sse.close();
    for (let i = 0; i < 100 && emu().context.streams.count() > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(emu().context.streams.count()).toBe(0);
    const channel = `w:${emu().seeds.workspaceId}:u:${emu().seeds.users.ada.sId}:mcp:${serverId}`;
    expect(emu().context.mcp.hub.log.subscriberCount(channel)).toBe(0);
  });

  it('mcp-35 done right after the handshake, for the next connection only', async () => {
    const serverId = await emu().register();
    emu().mcp.publish(serverId, rpc(1));
    emu().faults.armStream({ doneAfterHandshake: 1 });
    const first = await connect(emu(), q(serverId));
    expect(await first.ended).toBe('end');
    expect(first.frames).toEqual([HANDSHAKE, DONE]);
    const second = await connect(emu(), q(serverId));
    expect((await second.waitForFrames(2))[1]).toMatch(/^data: \{"eventId"/);
    second.close();
  });

  it('mcp-35 a malformed frame before the real one; a half-written frame then a torn connection', async () => {
    const serverId = await emu().register();
    emu().faults.armStream({ malformedFrames: 1 });
    const sse = await connect(emu(), q(serverId));
    await sse.nextFrame();
    emu().mcp.publish(serverId, rpc(1));
    expect(await sse.nextFrame()).toBe('data: {"eventId":\n\n');
    expect(parseDataFrame(await sse.nextFrame()).data.params).toEqual({ n: 1 });
    emu().faults.armStream({ halfFrameThenDrop: 1 });
    emu().mcp.publish(serverId, rpc(2));
    expect(await sse.ended).toBe('error');
    expect(sse.text().endsWith('\n\n')).toBe(false);
    const again = await connect(emu(), q(serverId));
    const frames = await again.waitForFrames(3);
    expect(frames.slice(1).map((f) => parseDataFrame(f).data.params)).toEqual([{ n: 1 }, { n: 2 }]);
    again.close();
    expect(emu().counters.get('requestsConnects')).toBe(2);
  });
});
