/**
 * The Dust connection of one local server, as a state machine (transition.ts is the pure step;
 * a service runs the effects). Facts from docs/protocol/client-side-mcp.md#register, #heartbeat,
 * #requests-stream, #stream-gaps.
 *
 *                start                               registered{serverId}
 *   ┌─────────┐ ───────▶ ┌─────────────────────┐ ───────────────────────────▶ ┌────────────────────────┐
 *   │ stopped │          │ registering         │                              │ streaming{serverId,    │
 *   └─────────┘ ◀─ stop ─│ (shown as re-       │ ◀── heartbeat 404 ────────── │  lastEventId,          │
 *        ▲               │ registering while a │ ◀── requests 403 ─────────── │  opening | open}       │
 *        │               │ serverId is renewed)│                              └────────────────────────┘
 *        │               └─────────────────────┘                  data: done:     │    ▲    ▲
 *        │        registerFailed │      ▲ retryDue                reopen now from │    │    │ streamOpened
 *        │                       ▼      │                         the same cursor ┘    │    │
 *        │               ┌─────────────────────┐                     stream error │    │    │
 *        ├──── stop ──── │ registerBackoff     │                                  ▼    │    │
 *        │               └─────────────────────┘               ┌──────────────────────────────────┐
 *        │       registerFailed{fatal} (e.g. 400)              │ reconnecting{attempt, waiting}   │
 *        │               ┌─────────────────────┐               │ first: reopen now; then retryDue │
 *        └──── stop ──── │ failed{reason}      │ ─ start ─▶    │ after jittered backoff; 403/404  │
 *                        └─────────────────────┘  registering  │ or a lapsed expiry → registering │
 *                                                              └──────────────────────────────────┘
 *   registering, registerBackoff, streaming, reconnecting ── authLost ──▶ unauthorized
 *   unauthorized ── signedIn ──▶ registering;   every state ── stop ──▶ stopped (deregister if held)
 *
 * Heartbeats run while a serverId is held (streaming, reconnecting), every min(120 s, TTL/3):
 * Dust's TTL is 600 s and its own SDK waits 300 s, which leaves too little room after one failed
 * beat. A new serverId starts with no cursor (the old cursor belongs to the old stream). Every
 * change of the serverId others should use is announced: {previous, next}.
 */
import type { BackoffOptions } from '../backoff.js';

export type RegistrationState =
  | { kind: 'stopped' }
  | { kind: 'registering'; attempt: number; previousServerId: string | undefined }
  | {
      kind: 'registerBackoff';
      attempt: number;
      previousServerId: string | undefined;
      lastError: string;
    }
  | {
      kind: 'streaming';
      serverId: string;
      expiresAt: number;
      lastEventId: string | undefined;
      stream: 'opening' | 'open';
      /** When the stream last opened: a stream that stayed up a while resets the backoff. */
      openedAt: number | undefined;
      reconnectAttempt: number;
    }
  | {
      kind: 'reconnecting';
      serverId: string;
      expiresAt: number;
      lastEventId: string | undefined;
      attempt: number;
      /** True while a retry timer runs; false while the reopened stream is connecting. */
      waiting: boolean;
      lastError: string;
    }
  | { kind: 'failed'; reason: string }
  | { kind: 'unauthorized'; reason: string };

/** A failure reported by the Dust client, already in words. */
export interface DustFailure {
  message: string;
  status?: number;
  /** From a `Retry-After` header (backoff.ts `parseRetryAfter`). */
  retryAfterMs?: number;
}

export type RegistrationInput =
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'registered'; serverId: string; expiresAt: number }
  | { type: 'registerFailed'; error: DustFailure; fatal?: boolean }
  | { type: 'streamOpened'; serverId: string }
  | { type: 'streamEvent'; serverId: string; eventId: string }
  /**
   * `done`: `data: done` with nothing before it (idle timeout, shutdown). `page_end`: `data: done`
   * after events: Dust sends at most one history page (HISTORY_FETCH_COUNT events) per response,
   * so a backlog arrives as pages, each a normal end. `error`: anything else.
   */
  | {
      type: 'streamEnded';
      serverId: string;
      reason: 'done' | 'page_end' | 'error';
      message?: string;
    }
  | { type: 'streamForbidden'; serverId: string }
  | { type: 'heartbeatDue' }
  | { type: 'heartbeatOk'; serverId: string; expiresAt: number }
  | { type: 'heartbeatNotFound'; serverId: string }
  | { type: 'heartbeatFailed'; serverId: string; error: DustFailure }
  | { type: 'retryDue' }
  | { type: 'authLost'; reason: string }
  | { type: 'signedIn' };

export type RegistrationEffect =
  | { type: 'register' }
  | { type: 'openStream'; serverId: string; lastEventId: string | undefined }
  | { type: 'closeStream' }
  | { type: 'sendHeartbeat'; serverId: string }
  | { type: 'scheduleHeartbeat'; delayMs: number }
  | { type: 'cancelHeartbeat' }
  | { type: 'scheduleRetry'; delayMs: number }
  | { type: 'cancelRetry' }
  | { type: 'deregister'; serverId: string }
  | { type: 'announceServerId'; previous: string | undefined; next: string | undefined };

export interface RegistrationConfig {
  /** Never more than a third of the TTL Dust reports. */
  heartbeatMaxMs: number;
  /** After a failed (network) heartbeat, try again this soon. */
  heartbeatRetryMs: number;
  /** Assumed when `expiresAt` is unusable (clock skew): Dust's current TTL. */
  defaultTtlMs: number;
  /** `equal` jitter: a failed register never retries at once, however the dice fall. */
  registerBackoff: BackoffOptions;
  /** `immediateFirst`: Dust waits 5 s for `initialize`, so the first reopen cannot wait. */
  reconnectBackoff: BackoffOptions;
  /** A stream open this long counts as healthy: its next failure reconnects at once again. */
  stableStreamMs: number;
  /**
   * A `data: done` this soon after the stream opened counts as a failure: a server that ends
   * every stream at once must not make us reconnect in a tight loop.
   */
  quickDoneMs: number;
}

export const defaultRegistrationConfig: RegistrationConfig = {
  heartbeatMaxMs: 120_000,
  heartbeatRetryMs: 15_000,
  defaultTtlMs: 600_000,
  registerBackoff: { initialMs: 1_000, maxMs: 60_000, jitter: 'equal' },
  reconnectBackoff: { initialMs: 500, maxMs: 30_000, jitter: 'full', immediateFirst: true },
  stableStreamMs: 30_000,
  quickDoneMs: 1_000,
};

export const RegistrationStates = {
  stopped: (): RegistrationState => ({ kind: 'stopped' }),
  registering: (previousServerId?: string, attempt = 0): RegistrationState => ({
    kind: 'registering',
    attempt,
    previousServerId,
  }),
  registerBackoff: (
    attempt: number,
    lastError: string,
    previousServerId?: string,
  ): RegistrationState => ({
    kind: 'registerBackoff',
    attempt,
    previousServerId,
    lastError,
  }),
  streaming: (fields: {
    serverId: string;
    expiresAt: number;
    lastEventId?: string | undefined;
    stream?: 'opening' | 'open';
    openedAt?: number | undefined;
    reconnectAttempt?: number;
  }): RegistrationState => ({
    kind: 'streaming',
    lastEventId: undefined,
    stream: 'opening',
    openedAt: undefined,
    reconnectAttempt: 0,
    ...fields,
  }),
  reconnecting: (fields: {
    serverId: string;
    expiresAt: number;
    attempt: number;
    waiting: boolean;
    lastError: string;
    lastEventId?: string | undefined;
  }): RegistrationState => ({ kind: 'reconnecting', lastEventId: undefined, ...fields }),
  failed: (reason: string): RegistrationState => ({ kind: 'failed', reason }),
  unauthorized: (reason: string): RegistrationState => ({ kind: 'unauthorized', reason }),
};

/** The serverId the rest of the app should use now (or the one being replaced). */
export function currentServerId(state: RegistrationState): string | undefined {
  switch (state.kind) {
    case 'streaming':
    case 'reconnecting':
      return state.serverId;
    case 'registering':
    case 'registerBackoff':
      return state.previousServerId;
    case 'stopped':
    case 'failed':
    case 'unauthorized':
      return undefined;
  }
}

/** The state in a few words, for the tray menu and the window. */
export function describeRegistration(state: RegistrationState): string {
  switch (state.kind) {
    case 'stopped':
      return 'Not connected';
    case 'registering':
      return state.previousServerId === undefined
        ? 'Registering with Dust'
        : 'Re-registering with Dust';
    case 'registerBackoff':
      return `Could not register (${state.lastError}); retrying`;
    case 'streaming':
      return state.stream === 'open' ? 'Connected' : 'Connecting';
    case 'reconnecting':
      return `Reconnecting (${state.lastError})`;
    case 'failed':
      return `Dust refused the server: ${state.reason}`;
    case 'unauthorized':
      return `Signed out: ${state.reason}`;
  }
}
