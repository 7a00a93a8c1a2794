import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { EventLog, type LogEvent, parseCursor } from './event-log.js';

describe('EventLog', () => {
  it('ids are "<ms>-<n>" with n restarting each millisecond', () => {
    let now = 1_000;
    const log = new EventLog<number>({ now: () => now });
    expect([log.publish('c', 1).id, log.publish('c', 2).id]).toEqual(['1000-0', '1000-1']);
    now = 1_001;
    expect(log.publish('c', 3).id).toBe('1001-0');
  });

  it('parseCursor: absent/empty = start, "<ms>-<n>" or "<ms>" = after, anything else = live', () => {
    expect(parseCursor(undefined)).toEqual({ kind: 'start' });
    expect(parseCursor('')).toEqual({ kind: 'start' });
    expect(parseCursor('12-3')).toEqual({ kind: 'after', ms: 12, seq: 3 });
    expect(parseCursor('12')).toEqual({ kind: 'after', ms: 12, seq: 0 });
    expect(parseCursor('abc')).toEqual({ kind: 'live' });
    expect(parseCursor('1-2-3')).toEqual({ kind: 'live' });
  });

  it('reading from any cursor then subscribing yields every later event exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 60 }),
        (before, after, pick, page) => {
          let now = 0;
          const log = new EventLog<number>({ now: () => now++ });
          const published: Array<LogEvent<number>> = [];
          for (let i = 0; i < before; i++) published.push(log.publish('c', i));
          const start = before === 0 ? -1 : (pick % (before + 1)) - 1; // -1 = from the start
          const cursor = start < 0 ? parseCursor('') : parseCursor(published[start]?.id);
          const seen: number[] = [];
          const history = log.read('c', cursor, page);
          seen.push(...history.events.map((e) => e.data));
          if (history.hasMore) {
            expect(seen).toEqual(published.slice(start + 1, start + 1 + page).map((e) => e.data));
          } else {
            log.subscribe('c', (e) => seen.push(e.data));
            for (let i = 0; i < after; i++) published.push(log.publish('c', before + i));
            expect(seen).toEqual(published.slice(start + 1).map((e) => e.data));
          }
        },
      ),
    );
  });

  it('delete() removes matching stored events; history expires ttl after the last publish', () => {
    let now = 0;
    const log = new EventLog<{ id?: number }>({ now: () => now, ttlMs: 600_000 });
    log.publish('c', { id: 1 });
    log.publish('c', {});
    log.publish('c', { id: 2 });
    expect(log.delete('c', (e) => e.data.id === undefined || e.data.id === 1)).toBe(2);
    expect(log.entries('c').map((e) => e.data)).toEqual([{ id: 2 }]);
    now = 599_999;
    expect(log.entries('c')).toHaveLength(1);
    now = 600_000;
    expect(log.entries('c')).toHaveLength(0);
  });
});
