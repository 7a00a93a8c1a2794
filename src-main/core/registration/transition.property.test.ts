import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  type RegistrationInput,
  type RegistrationState,
  RegistrationStates as S,
} from './state.js';
import { transition } from './transition.js';

const T0 = Date.UTC(2026, 0, 1);
const ids = fc.constantFrom('a', 'b', 'c');
const failure = fc.record({
  message: fc.constant('boom'),
  retryAfterMs: fc.option(fc.integer({ min: 0, max: 1e7 }), { nil: undefined }),
});

const input: fc.Arbitrary<RegistrationInput> = fc.oneof(
  fc.constant({ type: 'start' as const }),
  fc.constant({ type: 'stop' as const }),
  fc.record({
    type: fc.constant('registered' as const),
    serverId: ids,
    expiresAt: fc.integer({ min: T0 - 1e6, max: T0 + 2e6 }),
  }),
  fc.record({ type: fc.constant('registerFailed' as const), error: failure, fatal: fc.boolean() }),
  fc.record({ type: fc.constant('streamOpened' as const), serverId: ids }),
  fc.record({
    type: fc.constant('streamEvent' as const),
    serverId: ids,
    eventId: fc.constantFrom('1-0', '2-0', '3-0'),
  }),
  fc.record({
    type: fc.constant('streamEnded' as const),
    serverId: ids,
    reason: fc.constantFrom('done' as const, 'page_end' as const, 'error' as const),
  }),
  fc.record({ type: fc.constant('streamForbidden' as const), serverId: ids }),
  fc.constant({ type: 'heartbeatDue' as const }),
  fc.record({
    type: fc.constant('heartbeatOk' as const),
    serverId: ids,
    expiresAt: fc.integer({ min: T0 - 1e6, max: T0 + 2e6 }),
  }),
  fc.record({ type: fc.constant('heartbeatNotFound' as const), serverId: ids }),
  fc.record({ type: fc.constant('heartbeatFailed' as const), serverId: ids, error: failure }),
  fc.constant({ type: 'retryDue' as const }),
  fc.constant({ type: 'authLost' as const, reason: 'x' }),
  fc.constant({ type: 'signedIn' as const }),
);

const step = fc.record({
  input,
  dt: fc.integer({ min: 0, max: 400_000 }),
  random: fc.double({ min: 0, max: 0.999999, noNaN: true }),
});

function heldId(state: RegistrationState): string | undefined {
  return state.kind === 'streaming' || state.kind === 'reconnecting' ? state.serverId : undefined;
}

describe('registration machine invariants under random input sequences', () => {
  it('keeps its promises whatever happens', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state: RegistrationState = S.stopped();
        let now = T0;
        let announced: string | undefined;
        for (const { input, dt, random } of steps) {
          now += dt;
          const before = state;
          const { state: after, effects } = transition(before, input, { now, random });
          for (const effect of effects) {
            switch (effect.type) {
              case 'openStream':
                // A stream is only ever opened for the serverId the new state holds, from its
                // cursor.
                expect(effect.serverId).toBe(heldId(after));
                expect(effect.lastEventId).toBe(
                  after.kind === 'streaming' || after.kind === 'reconnecting'
                    ? after.lastEventId
                    : 'n/a',
                );
                break;
              case 'scheduleHeartbeat':
                expect(effect.delayMs).toBeGreaterThanOrEqual(0);
                expect(effect.delayMs).toBeLessThanOrEqual(120_000);
                break;
              case 'scheduleRetry':
                // A zero reconnect delay reopens at once instead; a failed register waits at least
                // half its base delay, unless the server's Retry-After says otherwise.
                if (input.type !== 'registerFailed') expect(effect.delayMs).toBeGreaterThan(0);
                else if (input.error.retryAfterMs === undefined)
                  expect(effect.delayMs).toBeGreaterThanOrEqual(500);
                else expect(effect.delayMs).toBeGreaterThanOrEqual(0);
                expect(effect.delayMs).toBeLessThanOrEqual(600_000);
                break;
              case 'announceServerId':
                // Announcements chain: each one starts where the previous one ended.
                expect(effect.previous).toBe(announced);
                expect(effect.next).not.toBe(effect.previous);
                announced = effect.next;
                break;
              case 'deregister':
                expect(effect.serverId === heldId(before) || input.type === 'registered').toBe(
                  true,
                );
                break;
              case 'register':
                expect(after.kind).toBe('registering');
                break;
              case 'sendHeartbeat':
                expect(effect.serverId).toBe(heldId(after));
                break;
              case 'closeStream':
              case 'cancelHeartbeat':
              case 'cancelRetry':
                break;
            }
          }
          if (input.type === 'stop') expect(after.kind).toBe('stopped');
          if (input.type === 'registered' && before.kind === 'registering')
            expect(after).toMatchObject({ serverId: input.serverId, lastEventId: undefined });
          // Whoever listens to announcements always knows the id in use.
          if (heldId(after) !== undefined) expect(announced).toBe(heldId(after));
          state = after;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
