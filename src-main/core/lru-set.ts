/** A set that forgets its least recently touched member when full (Map keeps insertion order). */
export class LruSet<T> {
  private readonly items = new Map<T, true>();

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
    const had = this.items.delete(value);
    this.items.set(value, true);
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    return had;
  }
}
