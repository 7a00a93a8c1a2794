import { describe, expect, it } from 'vitest';

import { backoffDelay } from '../backoff.js';
import { FakeRandom } from '../testing/fake-random.js';
import { ServerState } from './state.js';
import {
  DEFAULT_MAX_START_ATTEMPTS,
  DEFAULT_RESTART_BACKOFF,
  transition,
  type TransitionContext,
} from './transition.js';
import { describeState } from './wording.js';

/**
 * A server that cannot start: retries back off to a calm cadence (at most 5 min apart)
 * and stop after a while, in a state of their own that says so; Retry starts afresh.
 */
const S = ServerState;
const context: TransitionContext = {
  now: 1_000,
  random: new FakeRandom([0.5]),
  backoff: DEFAULT_RESTART_BACKOFF,
  autoRestart: true,
  maxAttempts: 3,
};

describe('giving up on a server that keeps failing', () => {
  it('backs off up to five minutes between tries, never faster than half of that', () => {
    const delays = Array.from({ length: 14 }, (_, attempt) =>
      backoffDelay(attempt, DEFAULT_RESTART_BACKOFF, { next: () => 0 }),
    );
    expect(Math.max(...delays)).toBe(150_000);
    expect(
      backoffDelay(20, DEFAULT_RESTART_BACKOFF, { next: () => 0.999_999 }),
    ).toBeLessThanOrEqual(300_000);
    expect(DEFAULT_RESTART_BACKOFF.maxMs).toBe(300_000);
  });

  it('stops retrying after the last attempt: failed, no timer, the reason kept', () => {
    expect(
      transition(S.crashed(1, 'could not start: not found'), { type: 'processGone' }, context)
        .state,
    ).toMatchObject({ kind: 'backoff', attempt: 2 });
    const last = transition(
      S.crashed(2, 'could not start: not found'),
      { type: 'processGone' },
      context,
    );
    expect(last).toEqual({ state: S.failed(3, 'could not start: not found'), effects: [] });
  });

  it('the default gives up after a while, roughly a quarter of an hour of calm retries', () => {
    expect(DEFAULT_MAX_START_ATTEMPTS).toBeGreaterThanOrEqual(8);
    let total = 0;
    for (let attempt = 0; attempt < DEFAULT_MAX_START_ATTEMPTS - 1; attempt++)
      total += backoffDelay(attempt, DEFAULT_RESTART_BACKOFF, { next: () => 0.5 });
    expect(total).toBeGreaterThan(10 * 60_000);
    expect(total).toBeLessThan(35 * 60_000);
  });

  it('Retry (start) from failed starts afresh; stop makes it stopped; a late retry timer does nothing', () => {
    expect(transition(S.failed(3, 'x'), { type: 'start' }, context)).toEqual({
      state: S.starting(0, 'x'),
      effects: [{ type: 'spawn' }],
    });
    expect(transition(S.failed(3, 'x'), { type: 'stop' }, context)).toEqual({
      state: S.stopped('x'),
      effects: [],
    });
    expect(transition(S.failed(3, 'x'), { type: 'retryDue' }, context)).toEqual({
      state: S.failed(3, 'x'),
      effects: [],
    });
  });

  it('says so in words', () => {
    expect(
      describeState('github', S.failed(12, 'could not start: it was not found on your PATH')),
    ).toBe(
      'The local server "github" could not start: it was not found on your PATH. It was tried 12 times and is no longer retried; press Retry once it is fixed.',
    );
  });
});
