/**
 * A controllable clock for the emulator.
 *
 * `now()` is real time plus an offset that only grows, so TTLs, JWT `exp`, idle timeouts and the
 * agent's 5-s / 60-s / 180-s budgets can be crossed in a test without waiting. A clock timer fires
 * at whichever comes first: its real-time due date, or an `advance()` that moves the clock past it.
 */
export interface ClockTimer {
  readonly dueAt: number;
  cancel(): void;
}

export interface EmulatorClock {
  /** Emulated epoch milliseconds. */
  now(): number;
  /** Moves the clock forward and synchronously fires every timer that falls due, in due order. */
  advance(ms: number): void;
  /** Jumps to an absolute emulated time (never backwards), firing what falls due on the way. */
  advanceTo(epochMs: number): void;
  /** Runs `fn` once after `ms` emulated milliseconds (real or advanced). */
  setTimeout(fn: () => void, ms: number): ClockTimer;
  /** Current offset from real time, for diagnostics. */
  offset(): number;
  /** Cancels every pending timer (server shutdown). */
  dispose(): void;
}

interface PendingTimer {
  readonly dueAt: number;
  readonly fn: () => void;
  real: ReturnType<typeof setTimeout> | undefined;
  done: boolean;
}

/** Creates a clock; `realNow` is injectable so the clock itself can be unit-tested. */
export function createClock(realNow: () => number = Date.now): EmulatorClock {
  let offset = 0;
  const timers = new Set<PendingTimer>();
  const now = (): number => realNow() + offset;

  const fire = (timer: PendingTimer): void => {
    if (timer.done) return;
    timer.done = true;
    if (timer.real !== undefined) clearTimeout(timer.real);
    timers.delete(timer);
    timer.fn();
  };

  const clock: EmulatorClock = {
    now,
    offset: () => offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`advance(ms) needs ms >= 0, got ${ms}`);
      const target = now() + ms;
      // Step through due timers so each callback sees now() at its due time (like sinon's tick);
      // timers scheduled by fired timers are considered too, as long as they fall due by target.
      for (;;) {
        const due = [...timers].filter((t) => t.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt);
        const next = due[0];
        if (next === undefined) break;
        if (next.dueAt > now()) offset += next.dueAt - now();
        fire(next);
      }
      if (target > now()) offset += target - now();
    },
    advanceTo(epochMs) {
      clock.advance(Math.max(0, epochMs - now()));
    },
    setTimeout(fn, ms) {
      const timer: PendingTimer = {
        dueAt: now() + Math.max(0, ms),
        fn,
        real: undefined,
        done: false,
      };
      timers.add(timer);
      timer.real = setTimeout(() => fire(timer), Math.max(0, ms));
      timer.real.unref?.();
      return {
        dueAt: timer.dueAt,
        cancel() {
          timer.done = true;
          if (timer.real !== undefined) clearTimeout(timer.real);
          timers.delete(timer);
        },
      };
    },
    dispose() {
      for (const timer of timers) {
        timer.done = true;
        if (timer.real !== undefined) clearTimeout(timer.real);
      }
      timers.clear();
    },
  };
  return clock;
}
