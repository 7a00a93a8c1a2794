import { describe, expect, it } from 'vitest';

import type { BusyFacts, UpdateNotice } from './update-policy.js';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, RETRY_BASE_MS } from './update-policy.js';
import { createUpdateRunner, MAX_TIMER_MS, type UpdateRunnerDeps } from './update-policy-runner.js';

/** A fake clock and timers, electron-updater as a list of calls, and the desktop as a log. */
function harness(options: { checkFails?: boolean } = {}) {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  const checks: number[] = [];
  const installs: number[] = [];
  const notices: UpdateNotice[] = [];
  let busy: BusyFacts = { pendingApprovals: 0, runningCalls: 0 };
  const deps: UpdateRunnerDeps = {
    now: () => now,
    setTimer: (run, ms) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    check: () => {
      checks.push(now);
      return options.checkFails
        ? Promise.reject(new Error('getaddrinfo ENOTFOUND api.github.com'))
        : Promise.resolve(null);
    },
    install: () => installs.push(now),
    busy: () => busy,
    announce: (notice) => notices.push(notice),
    onChange: () => undefined,
  };
  const runner = createUpdateRunner(deps);
  /** Moves the clock forward, firing due timers in order. */
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers = timers.filter((t) => t !== next);
      now = next.at;
      next.run();
      await Promise.resolve();
      await Promise.resolve();
    }
    now = end;
  };
  return {
    runner,
    checks,
    installs,
    notices,
    advance,
    pendingTimers: () => timers.length,
    setNow: (value: number) => void (now = value),
    setBusy: (value: BusyFacts) => void (busy = value),
  };
}

describe('update runner', () => {
  it('checks once shortly after start, then once a day', async () => {
    const h = harness();
    await h.advance(FIRST_CHECK_DELAY_MS - 1);
    expect(h.checks).toEqual([]);
    await h.advance(1);
    expect(h.checks).toEqual([FIRST_CHECK_DELAY_MS]);
    h.runner.handle({ type: 'not-available', at: FIRST_CHECK_DELAY_MS });
    await h.advance(CHECK_INTERVAL_MS);
    expect(h.checks).toEqual([FIRST_CHECK_DELAY_MS, FIRST_CHECK_DELAY_MS + CHECK_INTERVAL_MS]);
  });

  it('never arms a timer longer than an hour, so a check due during sleep runs soon after waking', async () => {
    const h = harness();
    h.runner.handle({ type: 'checking', at: 0 });
    h.runner.handle({ type: 'not-available', at: 0 });
    // The machine sleeps for two days: timers do not fire, the wall clock jumps.
    h.setNow(2 * CHECK_INTERVAL_MS);
    await h.advance(MAX_TIMER_MS);
    expect(h.checks.length).toBe(1);
  });

  it('backs off when checks fail: 5, 10, 20 minutes', async () => {
    const h = harness({ checkFails: true });
    await h.advance(FIRST_CHECK_DELAY_MS);
    await h.advance(RETRY_BASE_MS + 2 * RETRY_BASE_MS + 4 * RETRY_BASE_MS);
    const gaps = h.checks.slice(1).map((at, i) => at - (h.checks[i] ?? 0));
    expect(gaps).toEqual([RETRY_BASE_MS, 2 * RETRY_BASE_MS, 4 * RETRY_BASE_MS]);
    expect(h.runner.state().phase).toMatchObject({
      kind: 'failed',
      message: 'getaddrinfo ENOTFOUND api.github.com',
    });
  });

  it('announces a downloaded version once, and restarts only when nothing is pending at the click', () => {
    const h = harness();
    h.runner.handle({ type: 'checking', at: 0 });
    h.runner.handle({ type: 'available', version: '0.2.0', at: 0 });
    h.runner.handle({ type: 'downloaded', version: '0.2.0', at: 0 });
    h.runner.handle({ type: 'checking', at: 1 });
    h.runner.handle({ type: 'not-available', at: 1 });
    expect(h.notices.map((notice) => notice.version)).toEqual(['0.2.0']);

    h.setBusy({ pendingApprovals: 1, runningCalls: 0 });
    expect(h.runner.restart()).toEqual({
      allowed: false,
      reason: 'waiting for 1 tool call to finish',
    });
    // The menu was drawn while idle, but a call arrived before the click: still no restart.
    const item = h.runner.menuItem({ pendingApprovals: 0, runningCalls: 0 });
    if (item?.type === 'normal') item.click?.();
    expect(h.installs).toEqual([]);

    h.setBusy({ pendingApprovals: 0, runningCalls: 0 });
    expect(h.runner.restart()).toEqual({ allowed: true });
    expect(h.installs.length).toBe(1);
  });

  it('stops scheduling and installing once disposed', async () => {
    const h = harness();
    h.runner.dispose();
    expect(h.pendingTimers()).toBe(0);
    await h.advance(CHECK_INTERVAL_MS);
    expect(h.checks).toEqual([]);
    h.runner.handle({ type: 'downloaded', version: '0.2.0', at: 0 });
    expect(h.runner.restart().allowed).toBe(false);
    expect(h.installs).toEqual([]);
  });
});
