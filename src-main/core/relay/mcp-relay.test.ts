import { describe, expect, it } from 'vitest';

import type { CancellationToken } from '../cancellation.js';
import type { JsonRpcAnyMessage, JsonRpcResponse } from '../jsonrpc.js';
import { FakeClock } from '../testing/fake-clock.js';
import { DEFAULT_RELAY_OPTIONS, McpRelay } from './mcp-relay.js';
import type {
  CallGate,
  GateDecision,
  LocalTool,
  RelayObserver,
  RelayTarget,
} from './relay-ports.js';

const echoTool: LocalTool = {
  name: 'echo',
  description: 'Echoes',
  inputSchema: { type: 'object' },
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(
  options: { ready?: boolean; decide?: (token: CancellationToken) => Promise<GateDecision> } = {},
) {
  const clock = new FakeClock();
  const posted: JsonRpcResponse[] = [];
  const localCalls: Array<{ params: unknown; cancellation: CancellationToken }> = [];
  let localAnswer: (params: unknown) => Promise<JsonRpcResponse> = (params) =>
    Promise.resolve({
      jsonrpc: '2.0',
      id: 99,
      result: { content: [{ type: 'text', text: JSON.stringify(params) }] },
    });
  const target: RelayTarget = {
    serverName: 'everything',
    tools: () => (options.ready === false ? undefined : [echoTool, { name: 'other' }]),
    initializeInfo: () =>
      options.ready === false
        ? undefined
        : { instructions: 'Use echo.', serverInfo: { name: 'everything', version: '2.0.0' } },
    whenReady: () => Promise.resolve(options.ready !== false),
    describeProblem: () => 'exited with code 1: boom',
    request: (_method, params, requestOptions) => {
      localCalls.push({ params, cancellation: requestOptions.cancellation });
      return localAnswer(params);
    },
  };
  const gateCalls: unknown[] = [];
  const gate: CallGate = {
    decide: (call, cancellation) => {
      gateCalls.push(call);
      return options.decide
        ? options.decide(cancellation)
        : Promise.resolve({ allow: true, reason: 'test', by: 'policy' });
    },
  };
  const outcomes: string[] = [];
  const observer: RelayObserver = {
    onCallReceived: () => undefined,
    onCallDecided: () => undefined,
    onCallFinished: (_call, outcome) => outcomes.push(outcome.kind),
    onRequestAnswered: () => undefined,
  };
  const relay = new McpRelay(target, gate, clock, observer, {
    ...DEFAULT_RELAY_OPTIONS,
    appVersion: '1.0.0',
  });
  /** Dust's stream: every answer is collected in `posted`. */
  const fromDust = {
    reply: (response: JsonRpcResponse) => (posted.push(response), Promise.resolve()),
  };
  const handle = (message: JsonRpcAnyMessage) => relay.handle(message, fromDust);
  const settle = () => clock.advance(0);
  return {
    relay,
    handle,
    posted,
    localCalls,
    gateCalls,
    outcomes,
    settle,
    setLocalAnswer: (fn: typeof localAnswer) => (localAnswer = fn),
  };
}

const dustId = (n: number, unique = 'a1b2-c3') => `mcp_req_conv1_msg1_${unique}_${n}`;

describe('McpRelay', () => {
  it('answers initialize at once, echoing a supported protocol version, even before the server is ready', async () => {
    const { handle, posted, settle } = setup({ ready: false });
    handle({
      jsonrpc: '2.0',
      id: dustId(0),
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'dust-mcp-client', version: '1.0.0' },
      },
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(0, 'x'),
      method: 'initialize',
      params: { protocolVersion: '1999-01-01' },
    });
    await settle();
    expect(posted[0]).toEqual({
      jsonrpc: '2.0',
      id: dustId(0),
      result: {
        protocolVersion: '2025-06-18',
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: 'everything', version: '1.0.0' },
      },
    });
    expect((posted[1] as { result: { protocolVersion: string } }).result.protocolVersion).toBe(
      '2025-11-25',
    );
  });

  it("answers Dust's 2025-11-25, negotiates down to an older supported version, and offers its latest for an unknown one", async () => {
    const { handle, posted, settle } = setup();
    const versions = ['2025-11-25', '2025-03-26', '2024-10-07', '2026-07-28'];
    versions.forEach((protocolVersion, n) =>
      handle({
        jsonrpc: '2.0',
        id: dustId(0, `v${n}`),
        method: 'initialize',
        params: { protocolVersion },
      }),
    );
    await settle();
    expect(
      posted.map(
        (answer) => (answer as { result: { protocolVersion: string } }).result.protocolVersion,
      ),
    ).toEqual(['2025-11-25', '2025-03-26', '2024-10-07', '2025-11-25']);
  });

  it('lists every tool in one page, with the local server instructions in initialize', async () => {
    const { handle, posted, settle } = setup();
    handle({
      jsonrpc: '2.0',
      id: dustId(0),
      method: 'initialize',
      params: { protocolVersion: '2025-06-18' },
    });
    handle({ jsonrpc: '2.0', id: dustId(1), method: 'tools/list' });
    await settle();
    expect(posted[0]).toMatchObject({
      result: { instructions: 'Use echo.', serverInfo: { name: 'everything', version: '2.0.0' } },
    });
    expect(posted[1]).toEqual({
      jsonrpc: '2.0',
      id: dustId(1),
      result: { tools: [echoTool, { name: 'other' }] },
    });
  });

  it('says in words why tools cannot be listed', async () => {
    const { handle, posted, settle } = setup({ ready: false });
    handle({ jsonrpc: '2.0', id: 7, method: 'tools/list' });
    await settle();
    expect(posted[0]).toMatchObject({
      id: 7,
      error: { code: -32603, message: expect.stringContaining('exited with code 1: boom') },
    });
  });

  it('runs an allowed call and answers with Dust’s id byte for byte', async () => {
    const { handle, posted, localCalls, outcomes, settle } = setup();
    const id = 'mcp_req_c_m_ünïcode "quoted"_1';
    handle({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'hi' }, _meta: { progressToken: 5 } },
    });
    await settle();
    expect(localCalls).toHaveLength(1);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.id).toBe(id);
    expect(posted[0]).toMatchObject({ result: { content: [{ type: 'text' }] } });
    expect(outcomes).toEqual(['result']);
  });

  it('answers a denial as an isError result with the reason, without running the tool', async () => {
    const { handle, posted, localCalls, outcomes, settle } = setup({
      decide: () => Promise.resolve({ allow: false, reason: 'Denied by you.', by: 'user' }),
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: {} },
    });
    await settle();
    expect(localCalls).toHaveLength(0);
    expect(posted[0]).toEqual({
      jsonrpc: '2.0',
      id: dustId(1),
      result: {
        content: [{ type: 'text', text: 'This call was not run: Denied by you.' }],
        isError: true,
      },
    });
    expect(outcomes).toEqual(['denied']);
  });

  it('passes edited arguments from the gate to the local server', async () => {
    const { handle, localCalls, settle } = setup({
      decide: () =>
        Promise.resolve({ allow: true, reason: 'ok', by: 'user', arguments: { text: 'edited' } }),
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'original' } },
    });
    await settle();
    expect(localCalls[0]!.params).toMatchObject({ name: 'echo', arguments: { text: 'edited' } });
  });

  it('tells the agent, first in the result, that the person changed the arguments', async () => {
    const { handle, posted, settle } = setup({
      decide: () =>
        Promise.resolve({ allow: true, reason: 'ok', by: 'user', arguments: { text: 'edited' } }),
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'original' } },
    });
    await settle();
    const content = (posted[0] as { result: { content: Array<{ text: string }> } }).result.content;
    expect(content[0]!.text).toBe(
      'Note: the person changed the arguments before approving; the tool ran with {"text":"edited"}.',
    );
    expect(content[1]!.text).toContain('"edited"');
  });

  it('leaves the result as the tool gave it when the arguments were not edited', async () => {
    const { handle, posted, settle } = setup();
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'same' } },
    });
    await settle();
    expect(JSON.stringify(posted[0])).not.toContain('changed the arguments');
  });

  it('stops a running call when the person asks: the local server is cancelled and the agent is told why', async () => {
    const { relay, handle, posted, localCalls, outcomes, setLocalAnswer, settle } = setup();
    const local = deferred<JsonRpcResponse>();
    setLocalAnswer(() => local.promise);
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: {} },
    });
    await settle();
    expect(relay.stopCall('mcp_req_unknown')).toBe(false);
    expect(relay.stopCall(dustId(1))).toBe(true);
    expect(localCalls[0]!.cancellation.isCancelled).toBe(true);
    // The local session answers a cancelled request with an error; the agent hears the person
    // instead.
    local.resolve({ jsonrpc: '2.0', id: 9, error: { code: -32800, message: 'cancelled' } });
    await settle();
    expect(posted[0]).toEqual({
      jsonrpc: '2.0',
      id: dustId(1),
      result: {
        content: [
          {
            type: 'text',
            text: expect.stringContaining('The person stopped this call while it was running'),
          },
        ],
        isError: true,
      },
    });
    expect(outcomes).toEqual(['cancelled']);
    expect(relay.stopCall(dustId(1))).toBe(false);
  });

  it('maps local errors to JSON-RPC errors and keeps tool errors as isError results', async () => {
    const { handle, posted, setLocalAnswer, outcomes, settle } = setup();
    setLocalAnswer(() =>
      Promise.resolve({ jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'bad args' } }),
    );
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'a'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    setLocalAnswer(() => Promise.reject(new Error('exited with code 3')));
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'b'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    setLocalAnswer(() =>
      Promise.resolve({ jsonrpc: '2.0', id: 4, result: { content: [], isError: true } }),
    );
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'c'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'd'),
      method: 'tools/call',
      params: { name: 'missing' },
    });
    await settle();
    const byId = (unique: string) => posted.find((response) => response.id === dustId(1, unique));
    expect(byId('a')).toEqual({
      jsonrpc: '2.0',
      id: dustId(1, 'a'),
      error: { code: -32602, message: 'bad args' },
    });
    expect(byId('b')).toMatchObject({
      error: { code: -32603, message: expect.stringContaining('exited with code 3') },
    });
    expect(byId('c')).toEqual({
      jsonrpc: '2.0',
      id: dustId(1, 'c'),
      result: { content: [], isError: true },
    });
    expect(byId('d')).toMatchObject({
      error: { code: -32602, message: expect.stringContaining('no tool named "missing"') },
    });
    expect(outcomes).toEqual(['failed', 'failed', 'tool_error']);
  });

  it('executes a request id once: a replay in flight is ignored, a later replay gets the same answer again', async () => {
    const approval = deferred<GateDecision>();
    const { handle, posted, localCalls, gateCalls, settle } = setup({
      decide: () => approval.promise,
    });
    const call = {
      jsonrpc: '2.0' as const,
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: {} },
    };
    handle(call);
    handle(call);
    await settle();
    expect(gateCalls).toHaveLength(1);
    approval.resolve({ allow: true, reason: 'ok', by: 'user' });
    await settle();
    handle(call);
    await settle();
    expect(localCalls).toHaveLength(1);
    expect(posted).toHaveLength(2);
    expect(posted[1]).toEqual(posted[0]);
  });

  it('maps notifications/cancelled (original numeric id) to the oldest matching call and answers nothing', async () => {
    const tokens: CancellationToken[] = [];
    const { relay, handle, posted, outcomes, settle } = setup({
      decide: (token) => {
        tokens.push(token);
        return new Promise((resolve) =>
          token.onCancelled(() => resolve({ allow: false, reason: 'cancelled', by: 'cancelled' })),
        );
      },
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'first'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'second'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    handle({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 1, reason: 'timeout' },
    });
    await settle();
    expect(tokens.map((token) => token.isCancelled)).toEqual([true, false]);
    expect(posted).toEqual([]);
    expect(outcomes).toEqual(['cancelled']);
    expect(relay.pendingCallCount).toBe(1);
  });

  it('posts nothing for a call cancelled while the local server runs it (the server is still told)', async () => {
    const { relay, handle, posted, outcomes, localCalls, settle, setLocalAnswer } = setup();
    // Like RpcSession: a cancelled request resolves with -32800 and tells the server to stop.
    setLocalAnswer(() => {
      const { cancellation } = localCalls[localCalls.length - 1]!;
      return new Promise((resolve) =>
        cancellation.onCancelled(() =>
          resolve({
            jsonrpc: '2.0',
            id: 99,
            error: { code: -32800, message: 'The request was cancelled.' },
          }),
        ),
      );
    });
    handle({ jsonrpc: '2.0', id: dustId(1), method: 'tools/call', params: { name: 'echo' } });
    await settle();
    expect(localCalls).toHaveLength(1);
    handle({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 1, reason: 'timeout' },
    });
    await settle();
    await relay.drain();
    expect(localCalls[0]!.cancellation.isCancelled).toBe(true);
    expect(posted).toEqual([]);
    expect(outcomes).toEqual(['cancelled']);
  });

  it('keeps answers for replays within a text budget: a second huge result pushes the first out', async () => {
    const { handle, posted, localCalls, settle, setLocalAnswer } = setup();
    setLocalAnswer(() =>
      Promise.resolve({
        jsonrpc: '2.0',
        id: 99,
        result: { content: [{ type: 'text', text: 'x'.repeat(30 * 1024 * 1024) }] },
      }),
    );
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'a'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'a'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    expect(localCalls).toHaveLength(1);
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'b'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'a'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    // The first answer no longer fits beside the second: its replay runs the tool again.
    expect(localCalls).toHaveLength(3);
    expect(posted).toHaveLength(4);
  });

  it('counts as running on the local server only the calls it was sent, not those waiting for a decision', async () => {
    const waiting: Array<(decision: GateDecision) => void> = [];
    const { relay, handle, settle, setLocalAnswer } = setup({
      decide: () => new Promise((resolve) => waiting.push(resolve)),
    });
    setLocalAnswer(() => new Promise(() => undefined));
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'first'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'second'),
      method: 'tools/call',
      params: { name: 'other' },
    });
    await settle();
    expect(relay.runningCalls()).toEqual([]);
    waiting[1]!({ allow: true, reason: 'ok', by: 'user' });
    await settle();
    expect(relay.runningCalls().map((running) => running.call.tool.name)).toEqual(['other']);
  });

  it('refuses methods it does not serve, and answers ping', async () => {
    const { handle, posted, settle } = setup();
    handle({ jsonrpc: '2.0', id: 1, method: 'resources/list' });
    handle({ jsonrpc: '2.0', id: 2, method: 'ping' });
    await settle();
    expect(posted[0]).toMatchObject({ id: 1, error: { code: -32601 } });
    expect(posted[1]).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
  });

  it('answers each request through the reply that came with it, and a repeat through its own', async () => {
    const { relay, posted, settle } = setup();
    const replies = {
      a: [] as JsonRpcResponse[],
      b: [] as JsonRpcResponse[],
      again: [] as JsonRpcResponse[],
    };
    const to = (list: JsonRpcResponse[]) => ({
      reply: (response: JsonRpcResponse) => (list.push(response), Promise.resolve()),
    });
    const call = {
      jsonrpc: '2.0' as const,
      id: dustId(1, 'a'),
      method: 'tools/call',
      params: { name: 'echo', arguments: {} },
    };
    relay.handle(call, to(replies.a));
    relay.handle({ jsonrpc: '2.0', id: dustId(1, 'b'), method: 'ping' }, to(replies.b));
    await settle();
    expect(replies.a.map((response) => response.id)).toEqual([dustId(1, 'a')]);
    expect(replies.b).toEqual([{ jsonrpc: '2.0', id: dustId(1, 'b'), result: {} }]);
    relay.handle(call, to(replies.again));
    await settle();
    expect(replies.again).toEqual(replies.a);
    expect(replies.a).toHaveLength(1);
    expect(posted).toEqual([]);
  });

  it('keeps going when a reply fails (the poster reports its own failures)', async () => {
    const { relay, handle, posted, settle } = setup();
    relay.handle(
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { reply: () => Promise.reject(new Error('network down')) },
    );
    handle({ jsonrpc: '2.0', id: 2, method: 'ping' });
    await settle();
    await relay.drain();
    expect(posted).toEqual([{ jsonrpc: '2.0', id: 2, result: {} }]);
  });
});
