/**
 * The pure step of the registration state machine drawn in state.ts: given a state, an input and
 * the time (plus one pre-drawn random number for jitter), the next state and the effects a
 * service must run, in order. Inputs that do not apply to the state are ignored (no effects), and
 * stream or heartbeat results for another serverId are stale and ignored too, so late
 * completions after a re-registration cannot corrupt the current connection.
 */
import { backoffDelay } from '../backoff.js';
import {
  defaultRegistrationConfig,
  type RegistrationConfig,
  type RegistrationEffect,
  type RegistrationInput,
  type RegistrationState,
  RegistrationStates as S,
} from './state.js';

export interface TransitionContext {
  /** Epoch ms, from the Clock port. */
  now: number;
  /** A number in [0, 1) drawn from the Random port, used for jitter. */
  random: number;
  config?: RegistrationConfig;
}

export interface TransitionResult {
  state: RegistrationState;
  effects: readonly RegistrationEffect[];
}

type Held = Extract<RegistrationState, { kind: 'streaming' | 'reconnecting' }>;

/** A cap on server-requested waits, so a bogus `Retry-After` cannot park us for hours. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

export function transition(
  state: RegistrationState,
  input: RegistrationInput,
  ctx: TransitionContext,
): TransitionResult {
  const config = ctx.config ?? defaultRegistrationConfig;
  const held = 'serverId' in input ? heldBy(state, input.serverId) : undefined;

  switch (input.type) {
    case 'start':
      return state.kind === 'stopped' || state.kind === 'failed'
        ? to(S.registering(), { type: 'register' })
        : same(state);

    case 'stop':
      return to(S.stopped(), ...leave(state, true));

    case 'registered':
      if (state.kind !== 'registering')
        return same(state, { type: 'deregister', serverId: input.serverId });
      return to(
        S.streaming({ serverId: input.serverId, expiresAt: input.expiresAt }),
        // Dust's older `mcp-client-side:<slug>` ids came back the same after an expiry: no news
        // then.
        ...(state.previousServerId === input.serverId
          ? []
          : [
              {
                type: 'announceServerId',
                previous: state.previousServerId,
                next: input.serverId,
              } as const,
            ]),
        { type: 'openStream', serverId: input.serverId, lastEventId: undefined },
        { type: 'scheduleHeartbeat', delayMs: heartbeatDelay(input.expiresAt, ctx.now, config) },
      );

    case 'registerFailed': {
      if (state.kind !== 'registering') return same(state);
      if (input.fatal === true)
        return to(S.failed(input.error.message), ...announceGone(state.previousServerId));
      const delayMs =
        input.error.retryAfterMs === undefined
          ? backoffDelay(state.attempt, config.registerBackoff, randomOf(ctx))
          : Math.min(Math.max(0, input.error.retryAfterMs), MAX_RETRY_AFTER_MS);
      return to(S.registerBackoff(state.attempt + 1, input.error.message, state.previousServerId), {
        type: 'scheduleRetry',
        delayMs,
      });
    }

    case 'streamOpened':
      if (
        !held ||
        (held.kind === 'streaming' && held.stream === 'open') ||
        (held.kind === 'reconnecting' && held.waiting)
      ) {
        return same(state);
      }
      return to(
        S.streaming({
          serverId: held.serverId,
          expiresAt: held.expiresAt,
          lastEventId: held.lastEventId,
          stream: 'open',
          openedAt: ctx.now,
          reconnectAttempt: held.kind === 'reconnecting' ? held.attempt : held.reconnectAttempt,
        }),
      );

    case 'streamEvent':
      if (!held) return same(state);
      // An event proves the stream works: the next drop reconnects at once again.
      return to(
        held.kind === 'streaming'
          ? { ...held, lastEventId: input.eventId, reconnectAttempt: 0 }
          : { ...held, lastEventId: input.eventId },
      );

    case 'streamEnded':
      if (!held || (held.kind === 'reconnecting' && held.waiting)) return same(state);
      // A page end comes quickly by nature; only an empty quick `done` hints at a spinning server.
      if (
        input.reason === 'page_end' ||
        (input.reason === 'done' && !endedTooSoon(held, ctx.now, config))
      )
        return reopenNow(held);
      return reconnect(held, input.message ?? 'the stream dropped', ctx, config, randomOf(ctx));

    case 'streamForbidden':
    case 'heartbeatNotFound':
      return held ? reRegister(held) : same(state);

    case 'heartbeatDue':
      return state.kind === 'streaming' || state.kind === 'reconnecting'
        ? same(state, { type: 'sendHeartbeat', serverId: state.serverId })
        : same(state);

    case 'heartbeatOk':
      if (!held) return same(state);
      return to(
        { ...held, expiresAt: input.expiresAt },
        { type: 'scheduleHeartbeat', delayMs: heartbeatDelay(input.expiresAt, ctx.now, config) },
      );

    case 'heartbeatFailed': {
      if (!held) return same(state);
      const delayMs = Math.min(
        input.error.retryAfterMs ?? config.heartbeatRetryMs,
        config.heartbeatMaxMs,
      );
      return same(state, { type: 'scheduleHeartbeat', delayMs });
    }

    case 'retryDue':
      if (state.kind === 'registerBackoff')
        return to(S.registering(state.previousServerId, state.attempt), { type: 'register' });
      if (state.kind !== 'reconnecting' || !state.waiting) return same(state);
      if (ctx.now >= state.expiresAt) return reRegister(state);
      return to(
        { ...state, waiting: false },
        { type: 'openStream', serverId: state.serverId, lastEventId: state.lastEventId },
      );

    case 'authLost':
      if (state.kind === 'stopped' || state.kind === 'failed' || state.kind === 'unauthorized')
        return same(state);
      return to(S.unauthorized(input.reason), ...leave(state, false));

    case 'signedIn':
      return state.kind === 'unauthorized'
        ? to(S.registering(), { type: 'register' })
        : same(state);
  }
}

/** The Random port over the context's draw, made only where jitter is needed (not per event). */
function randomOf(ctx: TransitionContext): { next: () => number } {
  return { next: () => ctx.random };
}

function to(state: RegistrationState, ...effects: RegistrationEffect[]): TransitionResult {
  return { state, effects };
}

function same(state: RegistrationState, ...effects: RegistrationEffect[]): TransitionResult {
  return { state, effects };
}

/** The state, if it holds `serverId` (stream and heartbeat results for other ids are stale). */
function heldBy(state: RegistrationState, serverId: string): Held | undefined {
  return (state.kind === 'streaming' || state.kind === 'reconnecting') &&
    state.serverId === serverId
    ? state
    : undefined;
}

function announceGone(previous: string | undefined): RegistrationEffect[] {
  return previous === undefined ? [] : [{ type: 'announceServerId', previous, next: undefined }];
}

/** What leaving an active state takes; `deregister` only when we can still talk to Dust. */
function leave(state: RegistrationState, deregister: boolean): RegistrationEffect[] {
  switch (state.kind) {
    case 'stopped':
    case 'failed':
    case 'unauthorized':
      return [];
    case 'registering':
      return announceGone(state.previousServerId);
    case 'registerBackoff':
      return [{ type: 'cancelRetry' }, ...announceGone(state.previousServerId)];
    case 'streaming':
    case 'reconnecting':
      return [
        { type: 'closeStream' },
        { type: 'cancelHeartbeat' },
        { type: 'cancelRetry' },
        ...(deregister ? [{ type: 'deregister', serverId: state.serverId } as const] : []),
        { type: 'announceServerId', previous: state.serverId, next: undefined },
      ];
  }
}

/** The registration is gone on Dust's side (heartbeat 404, requests 403): get a new serverId. */
function reRegister(state: Held): TransitionResult {
  return to(
    S.registering(state.serverId),
    { type: 'closeStream' },
    { type: 'cancelHeartbeat' },
    { type: 'cancelRetry' },
    { type: 'register' },
  );
}

function endedTooSoon(state: Held, now: number, config: RegistrationConfig): boolean {
  return (
    state.kind === 'streaming' &&
    state.openedAt !== undefined &&
    now - state.openedAt < config.quickDoneMs
  );
}

/** `data: done` is a normal end (idle timeout, history page): reopen at once from the cursor. */
function reopenNow(state: Held): TransitionResult {
  const reconnectAttempt = state.kind === 'reconnecting' ? state.attempt : state.reconnectAttempt;
  return to(
    S.streaming({
      serverId: state.serverId,
      expiresAt: state.expiresAt,
      lastEventId: state.lastEventId,
      reconnectAttempt,
    }),
    { type: 'openStream', serverId: state.serverId, lastEventId: state.lastEventId },
  );
}

function reconnect(
  state: Held,
  message: string,
  ctx: TransitionContext,
  config: RegistrationConfig,
  random: { next: () => number },
): TransitionResult {
  const wasStable =
    state.kind === 'streaming' &&
    state.openedAt !== undefined &&
    ctx.now - state.openedAt >= config.stableStreamMs;
  const attempt = wasStable
    ? 0
    : state.kind === 'streaming'
      ? state.reconnectAttempt
      : state.attempt;
  const delayMs = backoffDelay(attempt, config.reconnectBackoff, random);
  const next = S.reconnecting({
    serverId: state.serverId,
    expiresAt: state.expiresAt,
    lastEventId: state.lastEventId,
    attempt: attempt + 1,
    waiting: delayMs > 0,
    lastError: message,
  });
  const resume: RegistrationEffect =
    delayMs > 0
      ? { type: 'scheduleRetry', delayMs }
      : { type: 'openStream', serverId: state.serverId, lastEventId: state.lastEventId };
  return to(next, { type: 'closeStream' }, resume);
}

/** Every min(max, TTL/3); an unusable `expiresAt` (clock skew) falls back to Dust's 600 s TTL. */
export function heartbeatDelay(
  expiresAt: number,
  now: number,
  config: RegistrationConfig = defaultRegistrationConfig,
): number {
  const reported = expiresAt - now;
  const ttl = reported > 0 && reported <= 2 * config.defaultTtlMs ? reported : config.defaultTtlMs;
  return Math.min(config.heartbeatMaxMs, Math.floor(ttl / 3));
}
