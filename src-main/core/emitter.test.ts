import { describe, expect, it } from 'vitest';

import { Emitter } from './emitter.js';

describe('Emitter', () => {
  it('calls every listener, and a throwing one does not stop the others', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((error) => errors.push(error));
    const seen: string[] = [];
    emitter.event((value) => seen.push(`a${value}`));
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event((value) => seen.push(`c${value}`));
    emitter.fire(1);
    expect(seen).toEqual(['a1', 'c1']);
    expect(errors).toHaveLength(1);
  });

  it('a fire calls the listeners there were when it began', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const second = { dispose: () => undefined };
    emitter.event((value) => {
      seen.push(`first ${value}`);
      if (value === 1) {
        emitter.event((inner) => seen.push(`added ${inner}`));
        second.dispose();
      }
    });
    Object.assign(
      second,
      emitter.event((value) => seen.push(`second ${value}`)),
    );
    emitter.fire(1);
    expect(seen).toEqual(['first 1', 'second 1']);
    emitter.fire(2);
    expect(seen).toEqual(['first 1', 'second 1', 'first 2', 'added 2']);
  });

  it('an unsubscribed listener hears nothing more, and a disposed emitter takes none', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    const subscription = emitter.event((value) => seen.push(value));
    emitter.fire(1);
    subscription.dispose();
    subscription.dispose();
    emitter.fire(2);
    emitter.dispose();
    emitter.event((value) => seen.push(value));
    emitter.fire(3);
    expect(seen).toEqual([1]);
    expect(emitter.listenerCount).toBe(0);
  });
});
