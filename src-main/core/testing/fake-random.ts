import type { Random } from '../ports.js';

/**
 * A `Random` that a test scripts: `next()` walks `values` in a loop and `hex()` counts up, so
 * every nonce is distinct and predictable (`hex(4)` → "00000001", "00000002", …).
 */
export class FakeRandom implements Random {
  private index = 0;
  private counter = 0;

  constructor(private readonly values: readonly number[] = [0.5]) {
    if (values.length === 0 || values.some((v) => v < 0 || v >= 1)) {
      throw new RangeError('FakeRandom needs at least one value in [0, 1)');
    }
  }

  next(): number {
    const value = this.values[this.index % this.values.length]!;
    this.index++;
    return value;
  }

  hex(byteCount: number): string {
    this.counter++;
    return this.counter
      .toString(16)
      .padStart(byteCount * 2, '0')
      .slice(-byteCount * 2);
  }
}
