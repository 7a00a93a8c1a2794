import { backoffDelay, type BackoffOptions } from '../backoff.js';
import type { Random } from '../ports.js';
import { type ConnectionState, serverIdOf } from './connection-state.js';

export interface ConnectionConfig {
  /** Dust's TTL is 600 s and its SDK beats at 300 s; we beat at 120 s, so two can fail safely. */
  heartbeatIntervalMs: number;
  /** After a failed heartbeat (network trouble), try again sooner than the interval. */
  heartbeatRetryMs: number;
  /** Stream reconnects: the first is immediate (Dust waits only 5 s for `initialize`). */
  streamBackoff: BackoffOptions;
  registerBackoff: BackoffOptions;
  /** A `done` this soon after opening counts as a failure, so a bad server cannot make us spin. */
  quickDoneMs: number;
  /** A stream open this long resets the reconnect attempts. */
  stableStreamMs: number;
}

export const DEFAULT_CONNECTION_CONFIG: ConnectionConfig = {
  heartbeatIntervalMs: 120_000,
  heartbeatRetryMs: 15_000,
  streamBackoff: { initialMs: 500, maxMs: 30_000, jitter: 'full', immediateFirst: true },
  registerBackoff: { initialMs: 1_000, maxMs: 60_000, jitter: 'equal' },
  quickDoneMs: 1_000,
  stableStreamMs: 30_000,
};

export type ConnectionInput =
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'registered'; serverId: string }
  | { type: 'registerFailed'; retryable: boolean; message: string; retryAfterMs?: number }
  | { type: 'streamOpened' }
  | { type: 'streamEvent'; eventId: string }
  | { type: 'streamEnded'; reason: 'done' | 'error'; status?: number; message: string }
  | { type: 'retryDue' }
  | { type: 'heartbeatDue' }
  | { type: 'heartbeatOk'; serverId: string }
  | { type: 'heartbeatLost'; serverId: string }
  | { type: 'heartbeatFailed'; serverId: string; message: string }
  | { type: 'authLost'; message: string };

export type ConnectionEffect =
  | { type: 'register' }
  | { type: 'openStream'; serverId: string; lastEventId: string | undefined }
  | { type: 'closeStream' }
  | { type: 'scheduleRetry'; delayMs: number }
  | { type: 'cancelRetry' }
  | { type: 'scheduleHeartbeat'; delayMs: number }
  | { type: 'cancelHeartbeat' }
  | { type: 'heartbeat'; serverId: string }
  | { type: 'deregister'; serverId: string }
  | { type: 'announceServerId'; previous: string | undefined; next: string | undefined };

export interface TransitionContext {
  now: number;
  random: Random;
  config: ConnectionConfig;
}

export interface TransitionResult {
  state: ConnectionState;
  effects: ConnectionEffect[];
}

const stay = (state: ConnectionState): TransitionResult => ({ state, effects: [] });

/** Pure: the next state and the effects to run. Inputs that do not apply are ignored. */
export function transition(state: ConnectionState, input: ConnectionInput, ctx: TransitionContext): TransitionResult {
  const serverId = serverIdOf(state);
  switch (input.type) {
    case 'start':
      if (state.kind !== 'stopped' && state.kind !== 'failed' && state.kind !== 'unauthorized') return stay(state);
      return { state: { kind: 'registering', attempt: 0, previousServerId: undefined }, effects: [{ type: 'register' }] };

    case 'stop': {
      if (state.kind === 'stopped') return stay(state);
      const effects = teardown();
      if (serverId) effects.push({ type: 'deregister', serverId });
      // Between registrations the UI still shows the old id: tell it that it is gone.
      const shown = serverId ?? (state.kind === 'registering' || state.kind === 'backoff' ? state.previousServerId : undefined);
      if (shown) effects.push(announce(shown, undefined));
      return { state: { kind: 'stopped' }, effects };
    }

    case 'registered':
      if (state.kind !== 'registering') return stay(state);
      return {
        state: { kind: 'connecting', serverId: input.serverId, lastEventId: undefined, attempt: 0 },
        effects: [
          { type: 'openStream', serverId: input.serverId, lastEventId: undefined },
          { type: 'scheduleHeartbeat', delayMs: ctx.config.heartbeatIntervalMs },
          announce(state.previousServerId, input.serverId),
        ],
      };

    case 'registerFailed': {
      if (state.kind !== 'registering') return stay(state);
      if (!input.retryable) return { state: { kind: 'failed', message: input.message }, effects: [] };
      const delayMs = input.retryAfterMs ?? backoffDelay(state.attempt, ctx.config.registerBackoff, ctx.random);
      return {
        state: { kind: 'backoff', attempt: state.attempt + 1, retryAt: ctx.now + delayMs, error: input.message, previousServerId: state.previousServerId },
        effects: [{ type: 'scheduleRetry', delayMs }],
      };
    }

    case 'retryDue':
      if (state.kind === 'backoff') {
        return { state: { kind: 'registering', attempt: state.attempt, previousServerId: state.previousServerId }, effects: [{ type: 'register' }] };
      }
      if (state.kind === 'reconnecting') {
        return {
          state: { kind: 'connecting', serverId: state.serverId, lastEventId: state.lastEventId, attempt: state.attempt },
          effects: [{ type: 'openStream', serverId: state.serverId, lastEventId: state.lastEventId }],
        };
      }
      return stay(state);

    case 'streamOpened':
      if (state.kind !== 'connecting') return stay(state);
      return { state: { kind: 'streaming', serverId: state.serverId, lastEventId: state.lastEventId, attempt: state.attempt, openedAt: ctx.now }, effects: [] };

    case 'streamEvent':
      if (state.kind !== 'streaming' && state.kind !== 'connecting') return stay(state);
      // An event proves the stream works: later drops start over with an immediate reconnect.
      return { state: { ...state, lastEventId: input.eventId, attempt: 0 }, effects: [] };

    case 'streamEnded':
      return streamEnded(state, input, ctx);

    case 'heartbeatDue':
      return serverId ? { state, effects: [{ type: 'heartbeat', serverId }] } : stay(state);

    case 'heartbeatOk':
      if (input.serverId !== serverId) return stay(state);
      return { state, effects: [{ type: 'scheduleHeartbeat', delayMs: ctx.config.heartbeatIntervalMs }] };

    case 'heartbeatFailed':
      if (input.serverId !== serverId) return stay(state);
      return { state, effects: [{ type: 'scheduleHeartbeat', delayMs: ctx.config.heartbeatRetryMs }] };

    case 'heartbeatLost':
      if (input.serverId !== serverId) return stay(state);
      return reregister(input.serverId);

    case 'authLost':
      if (state.kind === 'stopped' || state.kind === 'failed') return stay(state);
      return { state: { kind: 'unauthorized', message: input.message }, effects: teardown() };
  }
}

function streamEnded(state: ConnectionState, input: Extract<ConnectionInput, { type: 'streamEnded' }>, ctx: TransitionContext): TransitionResult {
  if (state.kind !== 'connecting' && state.kind !== 'streaming') return stay(state);
  // 403 mcp_auth_error: the registration expired or was never ours; 404 likewise.
  if (input.status === 403 || input.status === 404) return reregister(state.serverId);
  const openedFor = state.kind === 'streaming' ? ctx.now - state.openedAt : 0;
  const normalEnd = input.reason === 'done' && state.kind === 'streaming' && openedFor >= ctx.config.quickDoneMs;
  const attempt = normalEnd || openedFor >= ctx.config.stableStreamMs ? 0 : state.attempt;
  const delayMs = normalEnd ? 0 : backoffDelay(attempt, ctx.config.streamBackoff, ctx.random);
  const nextAttempt = normalEnd ? 0 : attempt + 1;
  if (delayMs === 0) {
    return {
      state: { kind: 'connecting', serverId: state.serverId, lastEventId: state.lastEventId, attempt: nextAttempt },
      effects: [{ type: 'openStream', serverId: state.serverId, lastEventId: state.lastEventId }],
    };
  }
  return {
    state: { kind: 'reconnecting', serverId: state.serverId, lastEventId: state.lastEventId, attempt: nextAttempt, retryAt: ctx.now + delayMs, error: input.message },
    effects: [{ type: 'scheduleRetry', delayMs }],
  };
}

function reregister(previousServerId: string): TransitionResult {
  return {
    state: { kind: 'registering', attempt: 0, previousServerId },
    effects: [...teardown(), { type: 'register' }],
  };
}

function teardown(): ConnectionEffect[] {
  return [{ type: 'closeStream' }, { type: 'cancelRetry' }, { type: 'cancelHeartbeat' }];
}

function announce(previous: string | undefined, next: string | undefined): ConnectionEffect {
  return { type: 'announceServerId', previous, next };
}
