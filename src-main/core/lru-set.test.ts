import { describe, expect, it } from 'vitest';

import { LruSet } from './lru-set.js';

describe('LruSet', () => {
  it('forgets the least recently touched member when full', () => {
    const set = new LruSet<string>(2);
    expect(set.touch('a')).toBe(false);
    set.touch('b');
    expect(set.touch('a')).toBe(true);
    set.touch('c');
    expect([set.has('a'), set.has('b'), set.has('c')]).toEqual([true, false, true]);
    expect(set.size).toBe(2);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruSet(0)).toThrow(RangeError);
  });
});
