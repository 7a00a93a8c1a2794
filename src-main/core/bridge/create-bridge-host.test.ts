import { describe, expect, it } from 'vitest';

import type { DeliveryOutcome } from '../dust/result-poster.js';
import type { JsonRpcResponse } from '../jsonrpc.js';
import type { EventStreamHandlers, EventStreamOptions, EventStreams } from '../ports.js';
import type { GateDecision } from '../relay/relay-ports.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeMcpProcesses } from '../testing/fake-mcp-processes.js';
import { FakeRandom } from '../testing/fake-random.js';
import { ScriptedHttp } from '../testing/scripted-http.js';
import { createBridgeHost } from './create-bridge-host.js';

/** Dust's request streams as the connection opens them; a test pushes frames into them. */
class RecordingStreams implements EventStreams {
  readonly opened: Array<{ options: EventStreamOptions; handlers: EventStreamHandlers }> = [];
  open(options: EventStreamOptions, handlers: EventStreamHandlers) {
    this.opened.push({ options, handlers });
    return { dispose: () => undefined };
  }
  frame(index: number, eventId: string, message: unknown): void {
    this.opened[index]!.handlers.onMessage(JSON.stringify({ eventId, data: message }), undefined);
  }
}

function setup() {
  const clock = new FakeClock();
  let registrations = 0;
  const http = new ScriptedHttp((request) => {
    if (request.url.endsWith('/mcp/register'))
      return {
        status: 200,
        body: { serverId: `s${++registrations}`, expiresAt: new Date(clock.now() + 3_600_000) },
      };
    return { status: 200, body: { success: true } };
  });
  const streams = new RecordingStreams();
  const decisions: Array<(decision: GateDecision) => void> = [];
  const deliveries: Array<{ id: JsonRpcResponse['id']; outcome: DeliveryOutcome['kind'] }> = [];
  const { host, api } = createBridgeHost({
    dust: { baseUrl: 'https://dust.test', workspaceId: 'w1' },
    http,
    tokens: {
      getAccessToken: () => Promise.resolve('token-1'),
      refreshAfterRejection: () => Promise.resolve(null),
    },
    clock,
    timers: clock,
    random: new FakeRandom([0.5]),
    logger: { log: () => undefined },
    processes: new FakeMcpProcesses(),
    streams,
    gate: { decide: () => new Promise((resolve) => decisions.push(resolve)) },
    observer: {
      onCallReceived: () => undefined,
      onCallDecided: () => undefined,
      onCallFinished: () => undefined,
      onRequestAnswered: () => undefined,
      onDelivery: (response, outcome) =>
        deliveries.push({ id: response.id, outcome: outcome.kind }),
    },
    appVersion: '1.2.3',
    userAgent: 'Dust-MCP-Tray/1.2.3',
  });
  const results = () =>
    http.requests
      .filter((request) => request.url.endsWith('/mcp/results'))
      .map((request) => JSON.parse(request.body!) as { serverId: string; result: { id: string } })
      .map((body) => ({ serverId: body.serverId, id: body.result.id }));
  const call = (n: number) => ({
    jsonrpc: '2.0',
    id: `mcp_req_c1_m1_u${n}_1`,
    method: 'tools/call',
    params: { name: 'echo', arguments: { n } },
  });
  const allow = (index: number) => decisions[index]!({ allow: true, reason: 'test', by: 'policy' });
  return { clock, http, streams, host, api, results, call, allow, deliveries };
}

describe('createBridgeHost', () => {
  it('registers with the workspace through the given HTTP client, tokens and user agent', async () => {
    const { clock, http, streams, host, api } = setup();
    await host.add({
      name: 'files',
      dustName: 'Local files',
      spec: () => Promise.resolve({ command: 'files', args: [], env: {} }),
    });
    await clock.advance(0);
    const register = http.requests.find((request) => request.url.endsWith('/mcp/register'));
    expect(register?.url).toBe('https://dust.test/api/v1/w/w1/mcp/register');
    expect(register?.headers).toMatchObject({
      authorization: 'Bearer token-1',
      'user-agent': 'Dust-MCP-Tray/1.2.3',
    });
    expect(streams.opened[0]?.options.url()).toBe(api.requestsUrl('s1', undefined));
    host.dispose();
  });

  it('answers each request on the registration it came from, also after Dust re-registers it', async () => {
    const { clock, streams, host, results, call, allow, deliveries } = setup();
    await host.add({
      name: 'files',
      dustName: 'Local files',
      spec: () => Promise.resolve({ command: 'files', args: [], env: {} }),
    });
    await clock.advance(0);
    streams.frame(0, '1-0', call(1));
    await clock.advance(0);
    // Dust forgets the first registration while the call waits for the gate: new id, new stream.
    streams.opened[0]!.handlers.onError({ status: 404, message: 'gone' });
    await clock.advance(0);
    expect(streams.opened).toHaveLength(2);
    streams.frame(1, '2-0', call(2));
    await clock.advance(0);
    allow(1);
    await clock.advance(0);
    allow(0);
    await clock.advance(0);
    expect(results()).toEqual([
      { serverId: 's2', id: 'mcp_req_c1_m1_u2_1' },
      { serverId: 's1', id: 'mcp_req_c1_m1_u1_1' },
    ]);
    expect(deliveries.map((delivery) => delivery.outcome)).toEqual(['delivered', 'delivered']);
    // A replay of an answered request is answered again, on the stream that replayed it.
    streams.frame(1, '3-0', call(1));
    await clock.advance(0);
    expect(results().at(-1)).toEqual({ serverId: 's2', id: 'mcp_req_c1_m1_u1_1' });
    host.dispose();
  });
});
