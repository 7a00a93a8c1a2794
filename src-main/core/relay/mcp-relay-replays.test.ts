import { describe, expect, it } from 'vitest';

import type { CancellationToken } from '../cancellation.js';
import type { JsonRpcResponse } from '../jsonrpc.js';
import type { GateDecision } from './relay-ports.js';
import { deferred, dustId, setup } from './relay-test-kit.js';

describe('McpRelay: replays, cancellations and the replies it answers through', () => {
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
