import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { type InvokeChannel, invokeChannels } from '../shared/ipc-contract.js';
import { ipcErrorCodes } from '../shared/ipc-result.js';
import { createIpcRouter, HandlerError, type InvokeHandlers } from './ipc-router.js';

/**
 * Every invoke channel of the contract, fuzzed with random payloads (ARCHITECTURE.md#ipc-contract).
 *
 * The renderer is untrusted: whatever it sends, the router must answer with an envelope, never
 * throw, name the offending path on bad input, and never let a handler see input its schema
 * rejects. New channels are covered as soon as they are added to the contract.
 */
const channels = Object.keys(invokeChannels) as InvokeChannel[];

function spyingRouter() {
  const seen: Array<{ channel: InvokeChannel; input: unknown }> = [];
  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      (input: unknown) => {
        seen.push({ channel, input });
        // Handlers fail in every way a real one might; the router must still answer an envelope.
        if (typeof input === 'object' && input !== null && 'boom' in input) throw new Error('boom');
        if (typeof input === 'object' && input !== null && 'coded' in input) {
          throw new HandlerError('not_found', 'No such thing.');
        }
        return undefined;
      },
    ]),
  ) as unknown as InvokeHandlers;
  return { router: createIpcRouter(handlers), seen };
}

const payloads = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 6,
    arbitrary: fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
    }),
  },
  { weight: 2, arbitrary: fc.jsonValue() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { __proto__: { polluted: true } },
      JSON.parse('{"__proto__":{"x":1}}') as unknown,
      { constructor: { prototype: {} } },
    ),
  },
);

function envelopeShape(result: unknown): void {
  expect(result).toEqual(
    expect.objectContaining({ ok: expect.any(Boolean) as unknown as boolean }),
  );
  const envelope = result as { ok: boolean; error?: { code: string; message: string } };
  if (!envelope.ok) {
    expect(ipcErrorCodes).toContain(envelope.error?.code);
    expect(typeof envelope.error?.message).toBe('string');
    expect(envelope.error?.message).not.toMatch(/\n\s+at /);
  }
}

describe.each(channels)('router fuzz: %s', (channel) => {
  const schema = invokeChannels[channel].input;

  it('answers every payload with an envelope and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const { router } = spyingRouter();
        const result = await router.dispatch(channel, payload);
        envelopeShape(result);
      }),
      { numRuns: 300 },
    );
  });

  it('answers bad input with bad_input naming each failing path, before any handler runs', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const parsed = schema.safeParse(payload);
        fc.pre(!parsed.success);
        const { router, seen } = spyingRouter();
        const result = await router.dispatch(channel, payload);
        expect(seen).toEqual([]);
        expect(result.ok).toBe(false);
        if (result.ok || parsed.success) return;
        expect(result.error.code).toBe('bad_input');
        expect(result.error.message).toContain(channel);
        for (const issue of parsed.error.issues) {
          expect(result.error.message).toContain(`${issue.path.join('.') || '(input)'}: `);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hands handlers only input that passes the schema', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const { router, seen } = spyingRouter();
        await router.dispatch(channel, payload);
        for (const call of seen) expect(schema.safeParse(call.input).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('router fuzz: channel names', () => {
  it('answers unknown_channel for anything that is not an own key of the contract', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.anything(),
          fc.constantFrom('__proto__', 'hasOwnProperty', 'app:getinfo', ' app:getInfo'),
        ),
        async (name) => {
          fc.pre(!(typeof name === 'string' && Object.hasOwn(invokeChannels, name)));
          const { router, seen } = spyingRouter();
          const result = await router.dispatch(name, undefined);
          expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
          expect(seen).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
