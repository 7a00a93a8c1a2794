/**
 * A Map whose oldest entry can be taken out in O(1), for the bounded memories of the hot path
 * (seen event ids, remembered answers, the activity log).
 *
 * `map.keys().next()` is not O(1): V8 leaves deleted entries in the table until it is rebuilt,
 * and a new iterator walks over them from the start. Evicting the oldest of a full map of 10,000
 * that way cost ~7 µs per insert (200 times a plain `set`), three times per relayed call: it
 * showed in the relay's CPU profile under load (bench/profile.ts). Here the insertion order is
 * kept in an array next to the map; each entry carries the stamp of its latest `set`, so the
 * queue's stale slots (deleted or set again since) are skipped when they reach the front.
 */
export class OldestFirstMap<K, V> {
  private readonly entries = new Map<K, { value: V; stamp: number }>();
  private order: K[] = [];
  private stamps: number[] = [];
  private head = 0;
  private nextStamp = 0;

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Adds or replaces `key`; either way it becomes the newest. */
  set(key: K, value: V): void {
    const stamp = this.nextStamp++;
    // Deleted first, so the map's own iteration order (values()) stays oldest first too.
    this.entries.delete(key);
    this.entries.set(key, { value, stamp });
    this.order.push(key);
    this.stamps.push(stamp);
    if (this.order.length - this.head > 2 * this.entries.size + 1024) this.rebuildOrder();
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Removes the oldest entry and returns it, or undefined when empty. */
  shift(): [K, V] | undefined {
    while (this.head < this.order.length) {
      const key = this.order[this.head] as K;
      const stamp = this.stamps[this.head] as number;
      this.head++;
      const entry = this.entries.get(key);
      if (entry?.stamp !== stamp) continue;
      this.entries.delete(key);
      this.compact();
      return [key, entry.value];
    }
    return undefined;
  }

  /** Oldest first. */
  *values(): IterableIterator<V> {
    for (const entry of this.entries.values()) yield entry.value;
  }

  /** Drops the queue's consumed front once it is most of the array. */
  private compact(): void {
    if (this.head < 1024 || this.head * 2 < this.order.length) return;
    this.order = this.order.slice(this.head);
    this.stamps = this.stamps.slice(this.head);
    this.head = 0;
  }

  /** Many deletes or repeated sets left the queue mostly stale: rebuilt from the map's order. */
  private rebuildOrder(): void {
    this.order = [];
    this.stamps = [];
    this.head = 0;
    for (const [key, entry] of this.entries) {
      this.order.push(key);
      this.stamps.push(entry.stamp);
    }
  }
}
