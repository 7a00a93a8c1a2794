import { describe, expect, it } from 'vitest';

import { createClock } from './clock.js';

describe('controllable clock', () => {
  it('now() is real time plus an offset that advance() grows', () => {
    let real = 1_000;
    const clock = createClock(() => real);
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    real = 1_100;
    expect(clock.now()).toBe(1_600);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.advanceTo(5_000);
    expect(clock.now()).toBe(5_000);
    clock.advanceTo(10);
    expect(clock.now()).toBe(5_000);
    clock.dispose();
  });

  it('advance() fires due timers in due order, including ones scheduled by fired timers', () => {
    const clock = createClock(() => 0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => {
      fired.push('a');
      clock.setTimeout(() => fired.push('a2'), 50);
    }, 100);
    const cancelled = clock.setTimeout(() => fired.push('never'), 120);
    cancelled.cancel();
    clock.advance(199);
    expect(fired).toEqual(['a', 'a2']);
    clock.advance(1);
    expect(fired).toEqual(['a', 'a2', 'b']);
    clock.dispose();
  });

  it('a clock timer also fires at its real-time due date', async () => {
    const clock = createClock();
    const fired = await new Promise<boolean>((resolve) => {
      clock.setTimeout(() => resolve(true), 5);
    });
    expect(fired).toBe(true);
    clock.dispose();
  });
});
