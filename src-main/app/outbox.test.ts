import { describe, expect, it } from 'vitest';

import { createOutbox } from './outbox.js';

describe('outbox', () => {
  it('holds messages until ready, flushes them in order, then delivers directly', () => {
    const sent: number[] = [];
    const outbox = createOutbox<number>((n) => sent.push(n));
    outbox.push(1);
    outbox.push(2);
    expect(sent).toEqual([]);
    expect(outbox.queued).toBe(2);
    outbox.markReady();
    outbox.push(3);
    expect(sent).toEqual([1, 2, 3]);
    expect(outbox.queued).toBe(0);
  });

  it('holds again after the page reloads, and a second ready does not resend', () => {
    const sent: number[] = [];
    const outbox = createOutbox<number>((n) => sent.push(n));
    outbox.markReady();
    outbox.push(1);
    outbox.markNotReady();
    outbox.push(2);
    expect(sent).toEqual([1]);
    outbox.markReady();
    outbox.markReady();
    expect(sent).toEqual([1, 2]);
  });

  it('keeps only the newest messages when the page never becomes ready', () => {
    const sent: number[] = [];
    const outbox = createOutbox<number>((n) => sent.push(n), 3);
    for (let n = 1; n <= 10; n++) outbox.push(n);
    outbox.markReady();
    expect(sent).toEqual([8, 9, 10]);
  });

  it('drops everything once closed', () => {
    const sent: number[] = [];
    const outbox = createOutbox<number>((n) => sent.push(n));
    outbox.push(1);
    outbox.close();
    outbox.push(2);
    outbox.markReady();
    expect(sent).toEqual([]);
  });
});
