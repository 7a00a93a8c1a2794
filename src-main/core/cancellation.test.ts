import { describe, expect, it } from 'vitest';

import { CancellationTokenSource } from './cancellation.js';

describe('CancellationTokenSource', () => {
  it('tells its listeners once, and a late listener at once', () => {
    const source = new CancellationTokenSource();
    const seen: string[] = [];
    source.token.onCancelled(() => seen.push('early'));
    const removed = source.token.onCancelled(() => seen.push('removed'));
    removed.dispose();
    expect(source.token.isCancelled).toBe(false);
    source.cancel();
    source.cancel();
    source.token.onCancelled(() => seen.push('late'));
    expect(source.token.isCancelled).toBe(true);
    expect(seen).toEqual(['early', 'late']);
  });

  it('a disposed source tells no one, unless it was cancelled', () => {
    const source = new CancellationTokenSource();
    const seen: string[] = [];
    source.token.onCancelled(() => seen.push('before dispose'));
    source.dispose();
    source.token.onCancelled(() => seen.push('after dispose'));
    expect(seen).toEqual([]);
    source.cancel();
    expect(seen).toEqual([]);
    source.token.onCancelled(() => seen.push('after cancel'));
    expect(seen).toEqual(['after cancel']);
  });
});
