import { describe, expect, it } from 'vitest';

import { CancellationTokenSource } from '../cancellation.js';
import type { JsonRpcMessage } from '../jsonrpc.js';
import { FakeClock } from '../testing/fake-clock.js';
import { RpcSession } from './rpc-session.js';

function setup(send?: (message: JsonRpcMessage) => Promise<void>) {
  const clock = new FakeClock();
  const sent: JsonRpcMessage[] = [];
  const session = new RpcSession(
    send ?? ((m) => (sent.push(m), Promise.resolve())),
    clock,
    'The local server "s"',
  );
  return { clock, sent, session };
}

describe('RpcSession', () => {
  it('numbers requests itself and resolves with the matching response, untouched', async () => {
    const { session, sent } = setup();
    const first = session.request('tools/list', {});
    const second = session.request('ping', undefined);
    expect(sent).toEqual([
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} },
      { jsonrpc: '2.0', id: 2, method: 'ping' },
    ]);
    expect(session.handleResponse({ jsonrpc: '2.0', id: 2, result: {}, extra: 1 })).toBe(true);
    expect(session.handleResponse({ jsonrpc: '2.0', id: 99, result: {} })).toBe(false);
    expect(session.handleResponse({ jsonrpc: '2.0', id: 1, method: 'not/a-response' })).toBe(false);
    session.handleResponse({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'nope' } });
    expect(await second).toEqual({ jsonrpc: '2.0', id: 2, result: {}, extra: 1 });
    expect(await first).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32601, message: 'nope' },
    });
    expect(session.pendingCount).toBe(0);
  });

  it('times out in words, tells the server, and releases the timer', async () => {
    const { session, sent, clock } = setup();
    const pending = session.request('tools/call', { name: 'x' }, { timeoutMs: 1_500 });
    await clock.advance(1_500);
    expect(await pending).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: {
        code: -32001,
        message: 'The local server "s" did not answer tools/call within 1.5 s.',
      },
    });
    expect(sent.at(-1)).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 1, reason: 'timed out' },
    });
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('cancels: answers at once and sends notifications/cancelled with our id', async () => {
    const { session, sent, clock } = setup();
    const source = new CancellationTokenSource();
    const pending = session.request(
      'tools/call',
      {},
      { cancellation: source.token, timeoutMs: 60_000 },
    );
    source.cancel();
    expect(await pending).toMatchObject({ id: 1, error: { code: -32800 } });
    expect(sent.at(-1)).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 1, reason: 'cancelled by the client' },
    });
    expect(clock.pendingTimerCount).toBe(0);
    expect(session.handleResponse({ jsonrpc: '2.0', id: 1, result: {} })).toBe(false);
    const already = await session.request('tools/call', {}, { cancellation: source.token });
    expect(already).toMatchObject({ error: { code: -32800 } });
  });

  it('never sends notifications/cancelled for initialize', async () => {
    const { session, sent, clock } = setup();
    const pending = session.request('initialize', {}, { timeoutMs: 100 });
    await clock.advance(100);
    await pending;
    expect(sent.map((m) => m.method)).toEqual(['initialize']);
  });

  it('answers pending and later requests once closed, with the reason', async () => {
    const { session } = setup();
    const pending = session.request('tools/call', {});
    session.close('exited with code 1: boom');
    expect(await pending).toMatchObject({
      error: { code: -32000, message: 'The local server "s" exited with code 1: boom.' },
    });
    expect(await session.request('ping', undefined)).toMatchObject({
      error: { message: 'The local server "s" exited with code 1: boom.' },
    });
  });

  it('turns a failed write into a connection error', async () => {
    const { session } = setup(() => Promise.reject(new Error('EPIPE')));
    expect(await session.request('ping', undefined)).toMatchObject({
      error: { code: -32000, message: 'The local server "s" could not be reached: EPIPE' },
    });
  });
});
