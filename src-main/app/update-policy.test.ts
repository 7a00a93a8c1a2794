import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import {
  type BusyFacts,
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  initialUpdateState,
  mayRestartNow,
  nextCheckAt,
  reduceUpdate,
  RETRY_BASE_MS,
  retryDelayMs,
  type UpdateEvent,
  updateMenuItem,
  updateNotice,
  type UpdateState,
} from './update-policy.js';

const T0 = 1_000_000;
const idle: BusyFacts = { pendingApprovals: 0, runningCalls: 0 };
const run = (events: UpdateEvent[], state: UpdateState = initialUpdateState(T0)) =>
  events.reduce(reduceUpdate, state);
const ready = (version = '1.2.0') =>
  run([
    { type: 'checking', at: T0 },
    { type: 'available', version, at: T0 + 1 },
    { type: 'downloaded', version, at: T0 + 2 },
  ]);

describe('when to check', () => {
  it('checks shortly after start, then daily after a successful check', () => {
    const start = initialUpdateState(T0);
    expect(nextCheckAt(start)).toBe(T0 + FIRST_CHECK_DELAY_MS);
    const upToDate = run([
      { type: 'checking', at: T0 },
      { type: 'not-available', at: T0 + 500 },
    ]);
    expect(upToDate.phase).toEqual({ kind: 'up-to-date' });
    expect(nextCheckAt(upToDate)).toBe(T0 + 500 + CHECK_INTERVAL_MS);
  });

  it('never schedules a check while one is in flight or a download runs', () => {
    expect(nextCheckAt(run([{ type: 'checking', at: T0 }]))).toBeNull();
    expect(
      nextCheckAt(
        run([
          { type: 'checking', at: T0 },
          { type: 'available', version: '2.0.0', at: T0 },
        ]),
      ),
    ).toBeNull();
  });

  it('backs off after errors (5, 10, 20 min …) and resets after a success', () => {
    let state = initialUpdateState(T0);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      state = run(
        [
          { type: 'checking', at: T0 },
          { type: 'error', message: 'offline', at: T0 },
        ],
        state,
      );
      waits.push(nextCheckAt(state)! - T0);
    }
    expect(waits).toEqual([RETRY_BASE_MS, 2 * RETRY_BASE_MS, 4 * RETRY_BASE_MS, 8 * RETRY_BASE_MS]);
    expect(state.phase).toEqual({ kind: 'failed', message: 'offline' });
    state = run(
      [
        { type: 'checking', at: T0 },
        { type: 'not-available', at: T0 },
      ],
      state,
    );
    expect(state.failures).toBe(0);
    expect(nextCheckAt(state)).toBe(T0 + CHECK_INTERVAL_MS);
  });

  it('counts a failure reported twice (event and rejected promise) once', () => {
    const failed = run([
      { type: 'checking', at: T0 },
      { type: 'error', message: 'offline', at: T0 },
      { type: 'error', message: 'offline', at: T0 + 1 },
    ]);
    expect(failed.failures).toBe(1);
    expect(run([{ type: 'error', message: 'stray', at: T0 }]).failures).toBe(0);
  });

  it('never waits longer than a day, however many failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (failures) => {
        const delay = retryDelayMs(failures);
        return delay >= RETRY_BASE_MS && delay <= CHECK_INTERVAL_MS;
      }),
    );
    expect(retryDelayMs(0)).toBe(0);
  });
});

describe('downloading and ready', () => {
  it('tracks progress, clamped to 0–100, and ignores progress when not downloading', () => {
    const downloading = run([
      { type: 'available', version: '1.1.0', at: T0 },
      { type: 'progress', percent: 140 },
    ]);
    expect(downloading.phase).toEqual({ kind: 'downloading', version: '1.1.0', percent: 100 });
    expect(run([{ type: 'progress', percent: 50 }]).phase).toEqual({ kind: 'idle' });
  });

  it('keeps a downloaded update ready through later checks and errors', () => {
    const later = run(
      [
        { type: 'checking', at: T0 + 10 },
        { type: 'error', message: 'rate limited', at: T0 + 11 },
        { type: 'not-available', at: T0 + 12 },
      ],
      ready('1.2.0'),
    );
    expect(later.phase).toEqual({ kind: 'ready', version: '1.2.0' });
    expect(later.failures).toBe(0);
    expect(nextCheckAt(later)).toBe(T0 + 12 + CHECK_INTERVAL_MS);
  });
});

describe('may I restart now?', () => {
  it('only with an update ready and no approval pending or call running', () => {
    expect(mayRestartNow(ready(), idle)).toEqual({ allowed: true });
    expect(mayRestartNow(ready(), { pendingApprovals: 1, runningCalls: 0 })).toEqual({
      allowed: false,
      reason: 'waiting for 1 tool call to finish',
    });
    expect(mayRestartNow(ready(), { pendingApprovals: 1, runningCalls: 2 })).toEqual({
      allowed: false,
      reason: 'waiting for 3 tool calls to finish',
    });
    expect(mayRestartNow(initialUpdateState(T0), idle).allowed).toBe(false);
  });

  it('never allows a restart while anything is pending or running (property)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), (pendingApprovals, runningCalls) => {
        const allowed = mayRestartNow(ready(), { pendingApprovals, runningCalls }).allowed;
        return allowed === (pendingApprovals === 0 && runningCalls === 0);
      }),
    );
  });
});

describe('asking the person', () => {
  it('offers "Restart to update to X" in the menu only when it is safe, and says why not otherwise', () => {
    const restart = vi.fn();
    expect(updateMenuItem(initialUpdateState(T0), idle, restart)).toBeNull();
    const offer = updateMenuItem(ready('1.2.0'), idle, restart);
    expect(offer).toMatchObject({
      id: 'update:restart',
      label: 'Restart to update to 1.2.0',
      enabled: true,
    });
    if (offer?.type === 'normal') offer.click?.();
    expect(restart).toHaveBeenCalledOnce();
    expect(
      updateMenuItem(ready('1.2.0'), { pendingApprovals: 0, runningCalls: 2 }, restart),
    ).toEqual({
      type: 'normal',
      id: 'update:restart',
      label: 'Restart to update to 1.2.0 (waiting for 2 tool calls to finish)',
      enabled: false,
    });
  });

  it('announces each downloaded version once', () => {
    const state = ready('1.2.0');
    expect(updateNotice(state)).toMatchObject({
      version: '1.2.0',
      title: 'Dust MCP Tray 1.2.0 is ready',
    });
    const announced = reduceUpdate(state, { type: 'announced', version: '1.2.0' });
    expect(updateNotice(announced)).toBeNull();
    const newer = run(
      [
        { type: 'available', version: '1.3.0', at: T0 },
        { type: 'downloaded', version: '1.3.0', at: T0 },
      ],
      announced,
    );
    expect(updateNotice(newer)?.version).toBe('1.3.0');
  });
});
