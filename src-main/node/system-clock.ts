import { performance } from 'node:perf_hooks';

import type { IDisposable } from '../core/lifecycle.js';
import type { Clock, Timers } from '../core/ports.js';

/**
 * The real clock and timers.
 *
 * `monotonic` comes from `performance.now()`, so durations (timeouts, backoff stability windows)
 * are immune to the wall clock jumping when the user changes the time or NTP corrects it.
 * Timers are `unref`'d: a pending heartbeat or backoff must never keep a headless process alive
 * after everything else has shut down (disposal still clears them).
 */
export class SystemClock implements Clock, Timers {
  now(): number {
    return Date.now();
  }

  monotonic(): number {
    return performance.now();
  }

  setTimeout(callback: () => void, delayMs: number): IDisposable {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    handle.unref();
    return { dispose: () => clearTimeout(handle) };
  }
}
