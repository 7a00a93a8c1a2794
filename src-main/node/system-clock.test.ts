import { describe, expect, it } from 'vitest';

import { createNodePorts } from './create-node-ports.js';

describe('system clock, random and the port bundle', () => {
  it('fires a timer after its delay and not once disposed', async () => {
    const { clock, timers } = createNodePorts();
    const started = clock.monotonic();
    const fired = await new Promise<number>((resolve) =>
      timers.setTimeout(() => resolve(clock.monotonic()), 30),
    );
    expect(fired - started).toBeGreaterThanOrEqual(25);
    let late = false;
    timers.setTimeout(() => (late = true), 10).dispose();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(late).toBe(false);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
  });

  it('gives floats in [0, 1) and hex of the asked length', () => {
    const { random } = createNodePorts();
    const values = Array.from({ length: 1_000 }, () => random.next());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
    expect(random.hex(16)).toMatch(/^[0-9a-f]{32}$/);
  });
});
