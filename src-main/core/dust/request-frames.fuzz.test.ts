import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { parseRequestFrame } from './request-frames.js';

/**
 * Fuzz (hostile input, docs/reliability.md): whatever Dust (or a proxy in front of it) puts in a
 * request frame, the parser returns a verdict instead of throwing, every `invalid` says why, and a
 * readable envelope keeps its eventId so the cursor can move past a bad event instead of replaying
 * it forever.
 */
let cases = 0;
afterAll(() => process.stdout.write(`[fuzz] parseRequestFrame: ${cases} cases\n`));

const jsonRpc = fc.oneof(
  fc.record(
    {
      jsonrpc: fc.constant('2.0'),
      id: fc.oneof(fc.string(), fc.integer()),
      method: fc.string(),
      params: fc.option(fc.jsonValue(), { nil: undefined }),
    },
    { requiredKeys: ['jsonrpc', 'id', 'method'] },
  ),
  fc.record({ jsonrpc: fc.constant('2.0'), method: fc.string(), params: fc.jsonValue() }),
  fc.record({
    jsonrpc: fc.constantFrom('2.0', '1.0', ''),
    id: fc.jsonValue(),
    result: fc.jsonValue(),
  }),
  fc.jsonValue(),
);
const envelope = fc.record(
  {
    eventId: fc.oneof(fc.string(), fc.constant(''), fc.integer().map(String), fc.jsonValue()),
    data: jsonRpc,
  },
  { requiredKeys: [] },
);
const frameText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    'done',
    ' done ',
    'done\n',
    '{}',
    '[]',
    'null',
    '{"eventId":"1-0"}',
    '{"eventId":"1-0","data":null}',
  ),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  envelope.map((value) => JSON.stringify(value)),
  envelope.map((value) => JSON.stringify(value).slice(0, -3)),
);
const eventName = fc.option(
  fc.oneof(fc.constantFrom('', 'message', 'dust-handshake', 'error'), fc.string()),
  { nil: undefined },
);

describe('parseRequestFrame fuzz', () => {
  it('never throws, and every rejection carries a reason', () => {
    fc.assert(
      fc.property(frameText, eventName, (data, name) => {
        cases++;
        const frame = parseRequestFrame(data, name);
        expect(['done', 'event', 'ignored', 'invalid']).toContain(frame.kind);
        if (frame.kind === 'invalid') expect(frame.reason.trim().length).toBeGreaterThan(5);
        if (frame.kind === 'ignored') expect(name).toBe(frame.eventName);
      }),
      { numRuns: 2_500, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('keeps the eventId of every readable envelope, valid or not', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), jsonRpc, (eventId, data) => {
        cases++;
        const frame = parseRequestFrame(JSON.stringify({ eventId, data }));
        if (frame.kind === 'event' || frame.kind === 'invalid') expect(frame.eventId).toBe(eventId);
        if (frame.kind === 'event') expect(frame.message).toEqual(JSON.parse(JSON.stringify(data)));
      }),
      { numRuns: 1_000, interruptAfterTimeLimit: 20_000 },
    );
  });
});
