import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { type JsonRpcResponse, parseJsonRpc } from '../jsonrpc.js';
import { FakeClock } from '../testing/fake-clock.js';
import { DEFAULT_RELAY_OPTIONS, McpRelay } from './mcp-relay.js';
import type { CallGate, RelayObserver, RelayTarget } from './relay-ports.js';

/**
 * Fuzz (hostile input, docs/reliability.md): JSON-RPC from Dust into the relay. Whatever arrives
 * (after the same `parseJsonRpc` the stream adapter applies), `handle` never throws, every request
 * with an id is answered exactly once, and the answer carries the id exactly as received (type
 * included: Dust routes `"1"` and `1` differently). The fake local server answers, errs, throws or
 * returns garbage; the gate allows or denies.
 */
let cases = 0;
afterAll(() => process.stdout.write(`[fuzz] McpRelay.handle: ${cases} cases\n`));

const methods = fc.oneof(
  fc.constantFrom(
    'initialize',
    'tools/list',
    'tools/call',
    'ping',
    'notifications/cancelled',
    'notifications/initialized',
    'resources/list',
  ),
  fc.string(),
);
const params = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue(),
  fc.record({
    name: fc.oneof(fc.constantFrom('echo', 'other', '__proto__', 'constructor'), fc.string()),
    arguments: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
  }),
  fc.record({ requestId: fc.oneof(fc.integer(), fc.string()) }),
);
const id = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constantFrom('0', 0, '__proto__', 'mcp_req_c_m_u_0'),
);
const rawMessage = fc.oneof(
  fc.record(
    { jsonrpc: fc.constant('2.0'), id, method: methods, params },
    { requiredKeys: ['jsonrpc', 'id', 'method'] },
  ),
  fc.record(
    { jsonrpc: fc.constant('2.0'), method: methods, params },
    { requiredKeys: ['jsonrpc', 'method'] },
  ),
  fc.record({ jsonrpc: fc.constant('2.0'), id, result: fc.jsonValue() }),
  fc.anything(),
);
const localBehaviour = fc.constantFrom('answer', 'error', 'throw', 'garbage', 'isError');

function setup(behaviour: string, allow: boolean) {
  const posted: JsonRpcResponse[] = [];
  const target: RelayTarget = {
    serverName: 'fuzz',
    tools: () => [{ name: 'echo', inputSchema: { type: 'object' } }, { name: 'other' }],
    initializeInfo: () => ({ serverInfo: { name: 'fuzz', version: '1' } }),
    whenReady: () => Promise.resolve(true),
    describeProblem: () => 'not a problem',
    request: (_method, requestParams) => {
      if (behaviour === 'throw') return Promise.reject(new Error('local server went away'));
      if (behaviour === 'error')
        return Promise.resolve({
          jsonrpc: '2.0',
          id: 7,
          error: { code: -32000, message: 'local failure' },
        });
      if (behaviour === 'garbage')
        return Promise.resolve({
          jsonrpc: '2.0',
          id: 7,
          result: 'not an object',
        } as unknown as JsonRpcResponse);
      if (behaviour === 'isError')
        return Promise.resolve({ jsonrpc: '2.0', id: 7, result: { isError: true, content: [] } });
      return Promise.resolve({
        jsonrpc: '2.0',
        id: 7,
        result: { content: [{ type: 'text', text: JSON.stringify(requestParams ?? null) }] },
      });
    },
  };
  const gate: CallGate = {
    decide: () =>
      Promise.resolve(
        allow
          ? { allow: true, reason: 'fuzz', by: 'policy' }
          : { allow: false, reason: 'Denied by fuzz', by: 'policy' },
      ),
  };
  const observer: RelayObserver = {
    onCallReceived: () => undefined,
    onCallDecided: () => undefined,
    onCallFinished: () => undefined,
    onRequestAnswered: () => undefined,
  };
  const relay = new McpRelay(target, gate, new FakeClock(), observer, {
    ...DEFAULT_RELAY_OPTIONS,
    appVersion: '1.0.0',
  });
  const fromDust = {
    reply: (response: JsonRpcResponse) => (posted.push(response), Promise.resolve()),
  };
  return { relay, posted, fromDust };
}

describe('McpRelay.handle fuzz', () => {
  it('never throws; every request with a distinct id is answered once, id echoed exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawMessage, { maxLength: 8 }),
        localBehaviour,
        fc.boolean(),
        async (raws, behaviour, allow) => {
          cases++;
          const { relay, posted, fromDust } = setup(behaviour, allow);
          const requestIds: unknown[] = [];
          for (const raw of raws) {
            const parsed = parseJsonRpc(raw);
            if (!parsed.ok) {
              expect(parsed.error.length).toBeGreaterThan(0);
              continue;
            }
            if (parsed.kind === 'request') requestIds.push((parsed.message as { id: unknown }).id);
            expect(() => relay.handle(parsed.message, fromDust)).not.toThrow();
          }
          await relay.drain();
          const distinct = requestIds.filter(
            (value, index) => requestIds.findIndex((other) => Object.is(other, value)) === index,
          );
          for (const requestId of distinct) {
            const answers = posted.filter((response) => Object.is(response.id, requestId));
            const sent = requestIds.filter((other) => Object.is(other, requestId)).length;
            // Sent once → answered exactly once. A repeated id (a replay, or two requests sharing
            // an old-style id) gets at least one and never more answers than it was sent.
            if (sent === 1) expect(answers.length, `answers for ${String(requestId)}`).toBe(1);
            else expect(answers.length).toBeGreaterThanOrEqual(1);
            expect(answers.length).toBeLessThanOrEqual(sent);
          }
          for (const response of posted) {
            expect(distinct.some((requestId) => Object.is(requestId, response.id))).toBe(true);
            expect('result' in response || 'error' in response).toBe(true);
            if ('error' in response) expect(response.error.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1_500, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);
});
