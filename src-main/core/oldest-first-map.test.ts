import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { OldestFirstMap } from './oldest-first-map.js';

type Op =
  { kind: 'set'; key: number; value: number } | { kind: 'delete'; key: number } | { kind: 'shift' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(20), value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(20) }),
  fc.record({ kind: fc.constant('shift' as const) }),
);

describe('OldestFirstMap', () => {
  it('takes out the oldest entry; setting a key again makes it the newest', () => {
    const map = new OldestFirstMap<string, number>();
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    map.set('a', 4);
    map.delete('b');
    expect([...map.values()]).toEqual([3, 4]);
    expect(map.shift()).toEqual(['c', 3]);
    expect(map.shift()).toEqual(['a', 4]);
    expect(map.shift()).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('behaves as a Map that re-inserts on set, whatever the mix of operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const map = new OldestFirstMap<number, number>();
        const model = new Map<number, number>();
        for (const step of ops) {
          if (step.kind === 'set') {
            map.set(step.key, step.value);
            model.delete(step.key);
            model.set(step.key, step.value);
          } else if (step.kind === 'delete') {
            expect(map.delete(step.key)).toBe(model.delete(step.key));
          } else {
            const oldest = model.entries().next();
            if (!oldest.done) model.delete(oldest.value[0]);
            expect(map.shift()).toEqual(oldest.done ? undefined : oldest.value);
          }
          expect(map.size).toBe(model.size);
        }
        expect([...map.values()]).toEqual([...model.values()]);
        for (const [key, value] of model) expect(map.get(key)).toBe(value);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps its queue bounded when the same few keys are set again and again', () => {
    const map = new OldestFirstMap<number, number>();
    for (let i = 0; i < 100_000; i++) map.set(i % 3, i);
    const queue = (map as unknown as { order: unknown[]; head: number }).order;
    expect(queue.length).toBeLessThan(2_000);
    expect([...map.values()]).toEqual([99_997, 99_998, 99_999]);
  });
});
