import { describe, expect, it } from 'vitest';

import { FakeRandom } from '../testing/fake-random.js';
import type { ConnectionState } from './connection-state.js';
import { type ConnectionInput, DEFAULT_CONNECTION_CONFIG, transition } from './connection-transition.js';

const ctx = { now: 1_000_000, random: new FakeRandom([0.5]), config: DEFAULT_CONNECTION_CONFIG };
const S = 'mcp-client-side:fs.0123456789abcdef';

const states: Record<string, ConnectionState> = {
  stopped: { kind: 'stopped' },
  registering: { kind: 'registering', attempt: 0, previousServerId: undefined },
  reregistering: { kind: 'registering', attempt: 0, previousServerId: 'old' },
  backoff: { kind: 'backoff', attempt: 2, retryAt: 0, error: 'x', previousServerId: undefined },
  connecting: { kind: 'connecting', serverId: S, lastEventId: '5-0', attempt: 1 },
  streaming: { kind: 'streaming', serverId: S, lastEventId: '5-0', attempt: 0, openedAt: ctx.now - 60_000 },
  freshStream: { kind: 'streaming', serverId: S, lastEventId: '5-0', attempt: 3, openedAt: ctx.now - 200 },
  reconnecting: { kind: 'reconnecting', serverId: S, lastEventId: '5-0', attempt: 2, retryAt: 0, error: 'x' },
  unauthorized: { kind: 'unauthorized', message: 'Sign in again.' },
  failed: { kind: 'failed', message: 'API keys are not allowed.' },
};

const run = (state: keyof typeof states, input: ConnectionInput) => transition(states[state]!, input, ctx);

describe('connection transitions', () => {
  it.each(['stopped', 'failed', 'unauthorized'] as const)('start from %s registers', (from) => {
    expect(run(from, { type: 'start' })).toEqual({ state: states['registering'], effects: [{ type: 'register' }] });
  });

  it.each(['registering', 'backoff', 'connecting', 'streaming', 'reconnecting'] as const)('start from %s is ignored', (from) => {
    expect(run(from, { type: 'start' })).toEqual({ state: states[from], effects: [] });
  });

  it('a registration opens the stream from the start, starts heartbeats, and announces the id', () => {
    expect(run('reregistering', { type: 'registered', serverId: S })).toEqual({
      state: { kind: 'connecting', serverId: S, lastEventId: undefined, attempt: 0 },
      effects: [
        { type: 'openStream', serverId: S, lastEventId: undefined },
        { type: 'scheduleHeartbeat', delayMs: 120_000 },
        { type: 'announceServerId', previous: 'old', next: S },
      ],
    });
  });

  it('heartbeats well inside Dust’s 600 s TTL', () => {
    expect(DEFAULT_CONNECTION_CONFIG.heartbeatIntervalMs).toBeLessThanOrEqual(600_000 / 3);
  });

  it('backs off after a retryable register failure, honouring Retry-After, and gives up on a final one', () => {
    expect(run('registering', { type: 'registerFailed', retryable: true, message: '503', retryAfterMs: 7_000 })).toEqual({
      state: { kind: 'backoff', attempt: 1, retryAt: ctx.now + 7_000, error: '503', previousServerId: undefined },
      effects: [{ type: 'scheduleRetry', delayMs: 7_000 }],
    });
    const backoff = run('registering', { type: 'registerFailed', retryable: true, message: 'network' });
    expect(backoff.effects[0]).toMatchObject({ type: 'scheduleRetry' });
    expect(run('registering', { type: 'registerFailed', retryable: false, message: 'API keys are not allowed.' }).state).toEqual(states['failed']);
    expect(run('backoff', { type: 'retryDue' })).toEqual({ state: { kind: 'registering', attempt: 2, previousServerId: undefined }, effects: [{ type: 'register' }] });
  });

  it('tracks the cursor and resets attempts on every event', () => {
    expect(run('connecting', { type: 'streamOpened' }).state).toEqual({ kind: 'streaming', serverId: S, lastEventId: '5-0', attempt: 1, openedAt: ctx.now });
    expect(run('freshStream', { type: 'streamEvent', eventId: '9-1' }).state).toMatchObject({ lastEventId: '9-1', attempt: 0 });
  });

  it('reopens at once with the latest cursor after a normal `done`', () => {
    expect(run('streaming', { type: 'streamEnded', reason: 'done', message: 'done' })).toEqual({
      state: { kind: 'connecting', serverId: S, lastEventId: '5-0', attempt: 0 },
      effects: [{ type: 'openStream', serverId: S, lastEventId: '5-0' }],
    });
  });

  it('reconnects at once after the first drop, then with backoff', () => {
    expect(run('streaming', { type: 'streamEnded', reason: 'error', message: 'reset' }).effects).toEqual([{ type: 'openStream', serverId: S, lastEventId: '5-0' }]);
    const second = run('connecting', { type: 'streamEnded', reason: 'error', message: 'refused' });
    expect(second.state).toMatchObject({ kind: 'reconnecting', attempt: 2, lastEventId: '5-0' });
    expect(second.effects).toEqual([{ type: 'scheduleRetry', delayMs: expect.any(Number) }]);
    expect((second.effects[0] as { delayMs: number }).delayMs).toBeGreaterThan(0);
    expect(run('reconnecting', { type: 'retryDue' })).toEqual({
      state: { kind: 'connecting', serverId: S, lastEventId: '5-0', attempt: 2 },
      effects: [{ type: 'openStream', serverId: S, lastEventId: '5-0' }],
    });
  });

  it('treats a `done` right after opening as a failure, so it cannot spin', () => {
    expect(run('freshStream', { type: 'streamEnded', reason: 'done', message: 'done' }).state).toMatchObject({ kind: 'reconnecting', attempt: 4 });
  });

  it.each([403, 404])('re-registers when the stream answers %i', (status) => {
    expect(run('streaming', { type: 'streamEnded', reason: 'error', status, message: 'mcp_auth_error' })).toEqual({
      state: { kind: 'registering', attempt: 0, previousServerId: S },
      effects: [{ type: 'closeStream' }, { type: 'cancelRetry' }, { type: 'cancelHeartbeat' }, { type: 'register' }],
    });
  });

  it('re-registers on a lost heartbeat and ignores heartbeat answers for an old id', () => {
    expect(run('reconnecting', { type: 'heartbeatLost', serverId: S }).state).toEqual({ kind: 'registering', attempt: 0, previousServerId: S });
    expect(run('streaming', { type: 'heartbeatLost', serverId: 'old' })).toEqual({ state: states['streaming'], effects: [] });
    expect(run('streaming', { type: 'heartbeatOk', serverId: S }).effects).toEqual([{ type: 'scheduleHeartbeat', delayMs: 120_000 }]);
    expect(run('streaming', { type: 'heartbeatFailed', serverId: S, message: 'offline' }).effects).toEqual([{ type: 'scheduleHeartbeat', delayMs: 15_000 }]);
    expect(run('streaming', { type: 'heartbeatDue' }).effects).toEqual([{ type: 'heartbeat', serverId: S }]);
    expect(run('registering', { type: 'heartbeatDue' }).effects).toEqual([]);
  });

  it('stop deregisters what is registered and tells the UI the id is gone', () => {
    expect(run('streaming', { type: 'stop' })).toEqual({
      state: { kind: 'stopped' },
      effects: [
        { type: 'closeStream' },
        { type: 'cancelRetry' },
        { type: 'cancelHeartbeat' },
        { type: 'deregister', serverId: S },
        { type: 'announceServerId', previous: S, next: undefined },
      ],
    });
    expect(run('reregistering', { type: 'stop' }).effects).toContainEqual({ type: 'announceServerId', previous: 'old', next: undefined });
    expect(run('stopped', { type: 'stop' }).effects).toEqual([]);
  });

  it('goes to unauthorized when the session ends, from any working state', () => {
    for (const from of ['registering', 'backoff', 'connecting', 'streaming', 'reconnecting'] as const) {
      expect(run(from, { type: 'authLost', message: 'Sign in again.' })).toEqual({
        state: states['unauthorized'],
        effects: [{ type: 'closeStream' }, { type: 'cancelRetry' }, { type: 'cancelHeartbeat' }],
      });
    }
  });

  it('ignores stream and retry inputs that do not apply', () => {
    for (const from of ['stopped', 'registering', 'backoff', 'unauthorized', 'failed'] as const) {
      expect(run(from, { type: 'streamEnded', reason: 'error', message: 'x' }).effects).toEqual([]);
      expect(run(from, { type: 'streamOpened' }).effects).toEqual([]);
    }
    for (const from of ['stopped', 'connecting', 'streaming', 'registering'] as const) {
      expect(run(from, { type: 'retryDue' }).effects).toEqual([]);
    }
  });
});
