import { describe, expect, it } from 'vitest';

import type { JsonRpcAnyMessage, JsonRpcRequest } from '../jsonrpc.js';
import { EventDedupe, LruSet } from './event-dedupe.js';

const call = (id: string | number, args: Record<string, unknown> = {}): JsonRpcRequest => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'read_file', arguments: args },
});
const note: JsonRpcAnyMessage = { jsonrpc: '2.0', method: 'notifications/initialized' };

describe('LruSet', () => {
  it('forgets the least recently touched member when full', () => {
    const set = new LruSet<string>(2);
    expect(set.touch('a')).toBe(false);
    set.touch('b');
    expect(set.touch('a')).toBe(true);
    set.touch('c');
    expect([set.has('a'), set.has('b'), set.has('c')]).toEqual([true, false, true]);
    expect(set.size).toBe(2);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruSet(0)).toThrow(RangeError);
  });
});

describe('EventDedupe', () => {
  it('admits a new request once', () => {
    const dedupe = new EventDedupe();
    expect(dedupe.admit('1-0', call('mcp_req_a'))).toEqual({ admit: true });
    expect(dedupe.hasExecuted(call('mcp_req_a'))).toBe(true);
    expect(dedupe.admit('1-0', call('mcp_req_a'))).toEqual({
      admit: false,
      reason: 'duplicate_event',
    });
  });

  it('refuses a request replayed under a new eventId after a reconnect without cursor', () => {
    const dedupe = new EventDedupe();
    dedupe.admit('1-0', call('mcp_req_a'));
    expect(dedupe.admit('7-3', call('mcp_req_a'))).toEqual({
      admit: false,
      reason: 'duplicate_request',
    });
  });

  it('admits distinct requests and distinct notifications', () => {
    const dedupe = new EventDedupe();
    expect(dedupe.admit('1-0', call('mcp_req_a')).admit).toBe(true);
    expect(dedupe.admit('1-1', call('mcp_req_b')).admit).toBe(true);
    expect(dedupe.admit('1-2', note).admit).toBe(true);
    expect(dedupe.admit('1-3', note).admit).toBe(true);
    expect(dedupe.admit('1-2', note)).toEqual({ admit: false, reason: 'duplicate_event' });
  });

  it('recognises a replay whatever the key order of its params', () => {
    const dedupe = new EventDedupe();
    dedupe.admit('1-0', {
      jsonrpc: '2.0',
      id: 'x',
      method: 'tools/call',
      params: { name: 't', arguments: { a: 1, b: 2 } },
    });
    const replay: JsonRpcRequest = {
      jsonrpc: '2.0',
      method: 'tools/call',
      id: 'x',
      params: { arguments: { b: 2, a: 1 }, name: 't' },
    };
    expect(dedupe.admit('9-0', replay)).toEqual({ admit: false, reason: 'duplicate_request' });
  });

  it('admits two different calls that share an old-style id (same millisecond)', () => {
    const dedupe = new EventDedupe();
    const id = 'mcp_req_conv_msg_1752488430120_1';
    expect(dedupe.admit('1-0', call(id, { path: '/a' })).admit).toBe(true);
    expect(dedupe.admit('1-1', call(id, { path: '/b' })).admit).toBe(true);
    expect(dedupe.admit('1-2', { jsonrpc: '2.0', id, method: 'tools/list' }).admit).toBe(true);
    expect(dedupe.admit('5-0', call(id, { path: '/b' }))).toEqual({
      admit: false,
      reason: 'duplicate_request',
    });
  });

  it('never confuses the string id "1" with the number 1', () => {
    const dedupe = new EventDedupe();
    dedupe.admit('1-0', call('1'));
    expect(dedupe.hasExecuted(call(1))).toBe(false);
    expect(dedupe.admit('1-1', call(1)).admit).toBe(true);
  });

  it('does not treat responses as executed requests', () => {
    const dedupe = new EventDedupe();
    dedupe.admit('1-0', { jsonrpc: '2.0', id: 'r', result: {} });
    expect(dedupe.hasExecuted({ jsonrpc: '2.0', id: 'r', method: 'tools/call' })).toBe(false);
  });

  it('stays bounded and forgets the oldest entries', () => {
    const dedupe = new EventDedupe({ maxEventIds: 3, maxRequestIds: 3 });
    for (let i = 0; i < 5; i++) dedupe.admit(`e${i}`, call(`r${i}`));
    expect(dedupe.hasExecuted(call('r0'))).toBe(false);
    expect(dedupe.hasExecuted(call('r4'))).toBe(true);
    expect(dedupe.admit('e0', call('r0'))).toEqual({ admit: true });
  });
});
