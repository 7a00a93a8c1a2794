import { describe, expect, it } from 'vitest';

import {
  Backoff,
  backoffDelay,
  type BackoffOptions,
  delayWithRetryAfter,
  parseRetryAfter,
} from './backoff.js';
import { FakeClock } from './testing/fake-clock.js';
import { FakeRandom } from './testing/fake-random.js';

const base: BackoffOptions = { initialMs: 1000, maxMs: 30_000, jitter: 'none' };

describe('backoffDelay', () => {
  it.each([
    [0, 1000],
    [1, 2000],
    [2, 4000],
    [3, 8000],
    [4, 16_000],
    [5, 30_000],
    [20, 30_000],
  ])('grows exponentially and caps: attempt %i → %i ms', (attempt, expected) => {
    expect(backoffDelay(attempt, base, new FakeRandom())).toBe(expected);
  });

  it('honours a custom factor', () => {
    expect([0, 1, 2].map((a) => backoffDelay(a, { ...base, factor: 3 }, new FakeRandom()))).toEqual(
      [1000, 3000, 9000],
    );
  });

  it('with immediateFirst, retries at once and then starts from initialMs', () => {
    const options = { ...base, immediateFirst: true };
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, options, new FakeRandom()))).toEqual([
      0, 1000, 2000, 4000,
    ]);
  });

  it.each([
    [0, 0],
    [0.25, 1000],
    [0.999, 3996],
  ])('full jitter scales the whole base delay (random %d → %i)', (r, expected) => {
    expect(backoffDelay(2, { ...base, jitter: 'full' }, new FakeRandom([r]))).toBe(expected);
  });

  it.each([
    [0, 2000],
    [0.5, 3000],
    [0.999, 3998],
  ])('equal jitter keeps at least half (random %d → %i)', (r, expected) => {
    expect(backoffDelay(2, { ...base, jitter: 'equal' }, new FakeRandom([r]))).toBe(expected);
  });

  it('defaults to full jitter and factor 2', () => {
    expect(backoffDelay(3, { initialMs: 100, maxMs: 10_000 }, new FakeRandom([0.5]))).toBe(400);
  });

  it('never exceeds maxMs with jitter', () => {
    const options: BackoffOptions = { initialMs: 1000, maxMs: 5000, jitter: 'equal' };
    for (let attempt = 0; attempt < 40; attempt++) {
      expect(backoffDelay(attempt, options, new FakeRandom([0.999999]))).toBeLessThan(5000);
    }
  });

  it('rejects negative attempts', () => {
    expect(() => backoffDelay(-1, base, new FakeRandom())).toThrow(RangeError);
  });
});

describe('Backoff', () => {
  it('counts attempts and resets after a success', () => {
    const backoff = new Backoff({ ...base, immediateFirst: true }, new FakeRandom());
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 1000, 2000]);
    expect(backoff.attempt).toBe(3);
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(0);
  });

  it('draws from the injected random', () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 60_000 }, new FakeRandom([0.1, 0.9]));
    expect([backoff.next(), backoff.next()]).toEqual([100, 1800]);
  });
});

describe('parseRetryAfter', () => {
  const clock = new FakeClock(Date.UTC(2015, 9, 21, 7, 28, 0));

  it.each([
    ['120', 120_000],
    [' 5 ', 5000],
    ['0', 0],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wednesday, 21-Oct-15 07:29:00 GMT', 60_000],
    ['Wed Oct 21 07:28:10 2015', 10_000],
    ['Wed, 21 Oct 2015 07:00:00 GMT', 0],
  ])('reads %j as %i ms', (header, expected) => {
    expect(parseRetryAfter(header, clock)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['-5'],
    ['1.5'],
    ['soon'],
    ['Foo, 99 Bar 2015'],
    ['Wed, 41 Oct 2015 99:00:00 GMT'],
  ])('ignores %j', (header) => {
    expect(parseRetryAfter(header, clock)).toBeUndefined();
  });

  it('measures dates from the injected clock', () => {
    const later = new FakeClock(Date.UTC(2015, 9, 21, 7, 28, 20));
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', later)).toBe(10_000);
  });
});

describe('delayWithRetryAfter', () => {
  const clock = new FakeClock(Date.UTC(2015, 9, 21, 7, 28, 0));

  it('uses the backoff when there is no header', () => {
    expect(delayWithRetryAfter(4000, null, clock)).toBe(4000);
    expect(delayWithRetryAfter(4000, 'garbage', clock)).toBe(4000);
  });

  it("follows the server's wish, shorter or longer", () => {
    expect(delayWithRetryAfter(4000, '1', clock)).toBe(1000);
    expect(delayWithRetryAfter(4000, '60', clock)).toBe(60_000);
  });

  it('caps absurd waits', () => {
    expect(delayWithRetryAfter(4000, '86400', clock)).toBe(600_000);
    expect(delayWithRetryAfter(4000, '86400', clock, 5000)).toBe(5000);
  });
});
