import { describe, expect, it } from 'vitest';

import type { JsonRpcAnyMessage } from '../jsonrpc.js';
import { EventDedupe, LruSet } from './event-dedupe.js';

const call = (id: string | number): JsonRpcAnyMessage => ({ jsonrpc: '2.0', id, method: 'tools/call', params: {} });
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
    expect(dedupe.hasExecuted('mcp_req_a')).toBe(true);
    expect(dedupe.admit('1-0', call('mcp_req_a'))).toEqual({ admit: false, reason: 'duplicate_event' });
  });

  it('refuses a request replayed under a new eventId after a reconnect without cursor', () => {
    const dedupe = new EventDedupe();
    dedupe.admit('1-0', call('mcp_req_a'));
    expect(dedupe.admit('7-3', call('mcp_req_a'))).toEqual({ admit: false, reason: 'duplicate_request' });
  });

  it('admits distinct requests and distinct notifications', () => {
    const dedupe = new EventDedupe();
    expect(dedupe.admit('1-0', call('mcp_req_a')).admit).toBe(true);
    expect(dedupe.admit('1-1', call('mcp_req_b')).admit).toBe(true);
    expect(dedupe.admit('1-2', note).admit).toBe(true);
    expect(dedupe.admit('1-3', note).admit).toBe(true);
    expect(dedupe.admit('1-2', note)).toEqual({ admit: false, reason: 'duplicate_event' });
  });

  it('never confuses the string id "1" with the number 1', () => {
    const dedupe = new EventDedupe();
    dedupe.admit('1-0', call('1'));
    expect(dedupe.hasExecuted(1)).toBe(false);
    expect(dedupe.admit('1-1', call(1)).admit).toBe(true);
  });

  it('does not treat responses as executed requests', () => {
    const dedupe = new EventDedupe();
    dedupe.admit('1-0', { jsonrpc: '2.0', id: 'r', result: {} });
    expect(dedupe.hasExecuted('r')).toBe(false);
  });

  it('stays bounded and forgets the oldest entries', () => {
    const dedupe = new EventDedupe({ maxEventIds: 3, maxRequestIds: 3 });
    for (let i = 0; i < 5; i++) dedupe.admit(`e${i}`, call(`r${i}`));
    expect(dedupe.hasExecuted('r0')).toBe(false);
    expect(dedupe.hasExecuted('r4')).toBe(true);
    expect(dedupe.admit('e0', call('r0'))).toEqual({ admit: true });
  });
});
