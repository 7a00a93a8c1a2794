import type { IDisposable } from '../lifecycle.js';
import type { Clock, Timers } from '../ports.js';

interface ScheduledTimer {
  id: number;
  dueAt: number;
  callback: () => void;
}

/**
 * A clock and timers that move only when a test says so. `advance` fires due timers in order,
 * including timers scheduled by those callbacks, and lets promise callbacks run in between.
 */
export class FakeClock implements Clock, Timers {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, ScheduledTimer>();

  constructor(startAt = Date.UTC(2026, 0, 1)) {
    this.time = startAt;
  }

  now(): number {
    return this.time;
  }

  monotonic(): number {
    return this.time;
  }

  get pendingTimerCount(): number {
    return this.timers.size;
  }

  setTimeout(callback: () => void, delayMs: number): IDisposable {
    const timer = { id: this.nextId++, dueAt: this.time + Math.max(0, delayMs), callback };
    this.timers.set(timer.id, timer);
    return { dispose: () => void this.timers.delete(timer.id) };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await flushMicrotasks();
      const next = this.nextDue(target);
      if (!next) break;
      this.timers.delete(next.id);
      this.time = next.dueAt;
      next.callback();
    }
    this.time = target;
    await flushMicrotasks();
  }

  /** Jumps the wall clock without firing timers (a machine waking from sleep). */
  jump(ms: number): void {
    this.time += ms;
  }

  private nextDue(limit: number): ScheduledTimer | undefined {
    let best: ScheduledTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.dueAt > limit) continue;
      if (!best || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id))
        best = timer;
    }
    return best;
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
