import { request } from 'node:http';

import { describe, expect, it } from 'vitest';

import { openRawSse, parseDataFrame } from '../test-support/raw-sse.js';
import { useEmulator } from '../test-support/start.js';
import { isLoopbackRequest } from './routes.js';

describe('control routes under /__emulator/', () => {
  const emu = useEmulator();
  const control = (method: string, path: string, body?: unknown) =>
    emu().api(method, `/__emulator${path}`, {
      token: null,
      ...(body === undefined ? {} : { body }),
    });

  it('GET /__emulator gives url, seeds, registrations, faults and counters without Dust auth', async () => {
    const serverId = await emu().register();
    const state = (await (await control('GET', '')).json()) as Record<string, unknown> & {
      seeds: { workspaceId: string; userToken: string };
      registrations: Array<{ serverId: string }>;
    };
    expect(state.url).toBe(emu().url);
    expect(state.seeds.workspaceId).toBe('0ec9852c2f');
    expect(state.seeds.userToken).toBe(emu().seeds.userToken);
    expect(state.registrations.map((r) => r.serverId)).toEqual([serverId]);
    expect(state).toHaveProperty('faults.settings.handshake', 'dust-handshake');
    expect(state).toHaveProperty('counters.totals.registrations', 1);
  });

  it('mcp-13 POST /clock/advance moves the clock: a registration expires after 601 s', async () => {
    const serverId = await emu().register();
    const advanced = (await (await control('POST', '/clock/advance', { ms: 601_000 })).json()) as {
      now: number;
    };
    expect(advanced.now).toBeGreaterThanOrEqual(Date.now() + 600_000);
    expect(
      (await emu().api('POST', emu().ws('/mcp/heartbeat'), { body: { serverId } })).status,
    ).toBe(404);
    expect((await control('POST', '/clock/advance', { ms: -1 })).status).toBe(400);
  });

  it('PUT/DELETE /faults, POST /faults/status and /faults/stream, GET+reset /counters', async () => {
    const serverId = await emu().register();
    await control('PUT', '/faults', { handshake: 'comment', delaysMs: { heartbeat: 1 } });
    const sse = await openRawSse(
      `${emu().url}${emu().ws(`/mcp/requests?serverId=${encodeURIComponent(serverId)}`)}`,
      {
        headers: { Authorization: `Bearer ${emu().seeds.userToken}` },
      },
    );
    expect(await sse.nextFrame()).toBe(': connected\n\n');
    sse.close();
    await control('POST', '/faults/status', { endpoint: 'heartbeat', status: 502, html: true });
    const injected = await emu().api('POST', emu().ws('/mcp/heartbeat'), { body: { serverId } });
    expect(injected.status).toBe(502);
    expect(injected.headers.get('content-type')).toMatch(/^text\/html/);
    await control('POST', '/faults/stream', { doneAfterHandshake: 1 });
    expect(emu().faults.snapshot().stream.doneAfterHandshake).toBe(1);
    await control('DELETE', '/faults');
    expect(emu().faults.snapshot().settings.handshake).toBe('dust-handshake');
    expect(emu().faults.snapshot().stream.doneAfterHandshake).toBe(0);
    const counters = (await (await control('GET', '/counters')).json()) as {
      totals: Record<string, number>;
    };
    expect(counters.totals).toMatchObject({
      registrations: 1,
      requestsConnects: 1,
      injectedFaults: 1,
    });
    await control('POST', '/counters/reset');
    expect(emu().counters.read().totals).toEqual({});
  });

  it('/mcp/publish, /mcp/pending, /mcp/expire, /streams/drop and /tokens', async () => {
    const serverId = await emu().register();
    const sse = await openRawSse(
      `${emu().url}${emu().ws(`/mcp/requests?serverId=${encodeURIComponent(serverId)}`)}`,
      {
        headers: { Authorization: `Bearer ${emu().seeds.userToken}` },
      },
    );
    await sse.nextFrame();
    const published = await control('POST', '/mcp/publish', {
      serverId,
      message: { method: 'ping', jsonrpc: '2.0', id: 'p1' },
    });
    expect(published.status).toBe(200);
    expect(parseDataFrame(await sse.nextFrame()).data).toEqual({
      method: 'ping',
      jsonrpc: '2.0',
      id: 'p1',
    });
    const pending = (await (
      await control('GET', `/mcp/pending?serverId=${encodeURIComponent(serverId)}`)
    ).json()) as { events: unknown[] };
    expect(pending.events).toHaveLength(1);
    expect(await (await control('POST', '/streams/drop', { mode: 'close' })).json()).toEqual({
      dropped: 1,
    });
    expect(await sse.ended).toBe('end');
    expect(await (await control('POST', '/mcp/expire', { serverId })).json()).toEqual({
      expired: true,
    });
    expect((await control('POST', '/mcp/publish', { serverId, message: {} })).status).toBe(404);
    const minted = (await (
      await control('POST', '/tokens', { userId: emu().seeds.users.grace.sId, lifetimeSeconds: 10 })
    ).json()) as {
      accessToken: string;
    };
    expect((await emu().api('GET', '/api/v1/me', { token: minted.accessToken })).status).toBe(200);
    emu().clock.advance(10_000);
    expect((await emu().api('GET', '/api/v1/me', { token: minted.accessToken })).status).toBe(401);
  });

  it('POST /agent/list-tools and /agent/call-tool drive the fake agent over HTTP', async () => {
    const serverId = await emu().register('http driven');
    const sse = await openRawSse(
      `${emu().url}${emu().ws(`/mcp/requests?serverId=${encodeURIComponent(serverId)}`)}`,
      {
        headers: { Authorization: `Bearer ${emu().seeds.userToken}` },
      },
    );
    void (async () => {
      for (;;) {
        const frame = await sse.nextFrame(10_000).catch(() => undefined);
        if (frame === undefined) return;
        if (!frame.startsWith('data: {')) continue;
        const msg = parseDataFrame(frame).data as { id?: string; method: string };
        if (msg.id === undefined) continue;
        const result =
          msg.method === 'initialize'
            ? {
                protocolVersion: '2025-06-18',
                capabilities: {},
                serverInfo: { name: 's', version: '1' },
              }
            : msg.method === 'tools/list'
              ? { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] }
              : { content: [{ type: 'text', text: 'echoed' }] };
        await emu().api('POST', emu().ws('/mcp/results'), {
          body: { serverId, result: { jsonrpc: '2.0', id: msg.id, result } },
        });
      }
    })();
    const list = (await (await control('POST', '/agent/list-tools', { serverId })).json()) as {
      ok: boolean;
      tools: Array<{ prefixedName: string }>;
    };
    expect(list.ok).toBe(true);
    expect(list.tools[0]?.prefixedName).toBe('http_driven__echo');
    const call = await (
      await control('POST', '/agent/call-tool', { serverId, toolName: 'echo', arguments: { a: 1 } })
    ).json();
    expect(call).toEqual({ ok: true, result: { content: [{ type: 'text', text: 'echoed' }] } });
    expect((await control('POST', '/agent/list-tools', { serverId: 'nope' })).status).toBe(404);
    sse.close();
  });

  it('control routes are only served to 127.0.0.1: the server binds loopback and refuses foreign Host headers', async () => {
    expect(new URL(emu().url).hostname).toBe('127.0.0.1');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: emu().port,
          path: '/__emulator',
          headers: { Host: 'evil.example:80' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(isLoopbackRequest('127.0.0.1', '127.0.0.1:4000')).toBe(true);
    expect(isLoopbackRequest('::1', 'localhost')).toBe(true);
    expect(isLoopbackRequest('10.0.0.2', '127.0.0.1')).toBe(false);
    expect(isLoopbackRequest(undefined, '127.0.0.1')).toBe(false);
  });
});

describe('control routes refuse what a web page could send', () => {
  const emu = useEmulator();

  it('refuses a request whose Origin is another site, and allows its own and none', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${emu().url}/__emulator/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ ms: 1000 }),
      });
    const before = emu().clock.now();
    const hostile = await post({ origin: 'https://evil.example' });
    expect(hostile.status).toBe(403);
    expect(await hostile.text()).toMatch(/refuse requests from https:\/\/evil\.example/);
    expect(emu().clock.now() - before).toBeLessThan(1000);
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ origin: new URL(emu().url).origin })).status).toBe(200);
    expect((await post({})).status).toBe(200);
  });

  it('refuses bodies that are not JSON (a cross-site form post), and keeps body-less posts working', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await fetch(`${emu().url}/__emulator/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"ms":1000}',
      });
      expect(response.status, type).toBe(415);
    }
    expect((await fetch(`${emu().url}/__emulator/counters/reset`, { method: 'POST' })).status).toBe(
      200,
    );
  });
});
