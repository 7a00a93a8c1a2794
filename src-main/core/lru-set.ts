import { OldestFirstMap } from './oldest-first-map.js';

/** A set that forgets its least recently touched member when full. */
export class LruSet<T> {
  private readonly items = new OldestFirstMap<T, true>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('LruSet capacity must be ≥ 1');
  }

  get size(): number {
    return this.items.size;
  }

  has(value: T): boolean {
    return this.items.has(value);
  }

  /** Adds or refreshes `value`; returns whether it was already there. */
  touch(value: T): boolean {
    const had = this.items.has(value);
    this.items.set(value, true);
    if (this.items.size > this.capacity) this.items.shift();
    return had;
  }
}
