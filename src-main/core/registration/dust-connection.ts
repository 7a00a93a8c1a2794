import { NotSignedInError } from '../auth/token-session.js';
import type { DustApi } from '../dust/dust-api.js';
import { DustApiError, isRetryable } from '../dust/dust-errors.js';
import type { AccessTokenSource } from '../dust/dust-http.js';
import { parseRequestFrame } from '../dust/request-frames.js';
import { Emitter } from '../emitter.js';
import { errorMessage } from '../error-message.js';
import type { JsonRpcAnyMessage } from '../jsonrpc.js';
import { Disposable, MutableDisposable } from '../lifecycle.js';
import { LruSet } from '../lru-set.js';
import type { Clock, EventStreams, Logger, Random, Timers } from '../ports.js';
import {
  currentServerId,
  defaultRegistrationConfig,
  type DustFailure,
  type RegistrationConfig,
  type RegistrationEffect,
  type RegistrationInput,
  type RegistrationState,
} from './state.js';
import { transition, type TransitionContext } from './transition.js';

export interface DustConnectionDeps {
  api: DustApi;
  streams: EventStreams;
  tokens: AccessTokenSource;
  clock: Clock;
  timers: Timers;
  random: Random;
  logger: Logger;
  userAgent: string;
  config?: Partial<RegistrationConfig>;
}

/** One message from Dust's request stream, with the registration it arrived on. */
export interface IncomingMessage {
  message: JsonRpcAnyMessage;
  serverId: string;
  eventId: string;
}

const DEREGISTER_TIMEOUT_MS = 3_000;

/**
 * Runs the registration state machine (transition.ts) for one local server: registers,
 * heartbeats, streams requests with the latest cursor, re-registers when Dust forgets us, and
 * deregisters on stop. Every timer and stream is owned and released on dispose.
 */
export class DustConnection extends Disposable {
  private current: RegistrationState = { kind: 'stopped' };
  private readonly config: RegistrationConfig;
  private readonly context: DispatchContext;
  private readonly stream = this._register(new MutableDisposable());
  private readonly retryTimer = this._register(new MutableDisposable());
  private readonly heartbeatTimer = this._register(new MutableDisposable());
  private readonly seenEvents = new LruSet<string>(10_000);
  private streamGeneration = 0;
  private registerGeneration = 0;
  private pendingDeregister: Promise<void> = Promise.resolve();

  private readonly _onDidChangeState = this._register(new Emitter<RegistrationState>());
  readonly onDidChangeState = this._onDidChangeState.event;
  private readonly _onDidChangeServerId = this._register(
    new Emitter<{ previous: string | undefined; next: string | undefined }>(),
  );
  /** Fired when Dust gives this server a new id (or none): later messages must carry it. */
  readonly onDidChangeServerId = this._onDidChangeServerId.event;
  private readonly _onMessage = this._register(new Emitter<IncomingMessage>());
  readonly onMessage = this._onMessage.event;

  constructor(
    readonly dustName: string,
    private readonly deps: DustConnectionDeps,
  ) {
    super();
    this.config = { ...defaultRegistrationConfig, ...deps.config };
    this.context = new DispatchContext(this.config, deps.random);
  }

  get state(): RegistrationState {
    return this.current;
  }

  start(): void {
    this.dispatch({ type: 'start' });
  }

  /** Stops streaming and deregisters; resolves when Dust has been told (or after 3 s). */
  async stop(): Promise<void> {
    this.dispatch({ type: 'stop' });
    await this.pendingDeregister;
  }

  override dispose(): void {
    if (this.current.kind !== 'stopped') this.dispatch({ type: 'stop' });
    super.dispose();
  }

  /** The id Dust knows this server by (or the one being replaced), if any. */
  get serverId(): string | undefined {
    return currentServerId(this.current);
  }

  /**
   * Dust refused an answer because it no longer knows `serverId` (403 `mcp_auth_error` on
   * `/mcp/results`). The stream can still look open then, so without this the next heartbeat
   * (up to minutes away) would be the first to notice: re-register now, as a 403 on the stream
   * does. An id that is not the current one any more is ignored.
   */
  registrationRefused(serverId: string): void {
    if (serverId !== this.serverId) return;
    this.log('warn', 'Dust no longer knows this registration (403 on results); registering again', {
      serverId,
    });
    this.dispatch({ type: 'streamForbidden', serverId });
  }

  /** After a new sign-in: a connection stopped for lack of a token registers again. */
  signedIn(): void {
    this.dispatch({ type: 'signedIn' });
  }

  private dispatch(input: RegistrationInput): void {
    if (this._store.isDisposed) return;
    const before = this.current;
    // One context, its time set per input: transition() reads it and keeps nothing of it, and an
    // object literal with a getter per request event showed in the relay's CPU profile.
    this.context.now = this.deps.clock.now();
    const { state, effects } = transition(before, input, this.context);
    this.current = state;
    // A cursor move alone is not news for the UI; everything else is.
    if (state !== before && !sameApartFromCursor(state, before)) this._onDidChangeState.fire(state);
    for (const effect of effects) this.run(effect);
  }

  private run(effect: RegistrationEffect): void {
    switch (effect.type) {
      case 'register':
        void this.register();
        return;
      case 'openStream':
        void this.openStream(effect.serverId);
        return;
      case 'closeStream':
        this.streamGeneration++;
        this.stream.clear();
        return;
      case 'scheduleRetry':
        this.retryTimer.value = this.deps.timers.setTimeout(
          () => this.dispatch({ type: 'retryDue' }),
          effect.delayMs,
        );
        return;
      case 'cancelRetry':
        this.retryTimer.clear();
        return;
      case 'scheduleHeartbeat':
        this.heartbeatTimer.value = this.deps.timers.setTimeout(
          () => this.dispatch({ type: 'heartbeatDue' }),
          effect.delayMs,
        );
        return;
      case 'cancelHeartbeat':
        this.heartbeatTimer.clear();
        return;
      case 'sendHeartbeat':
        void this.heartbeat(effect.serverId);
        return;
      case 'deregister':
        this.pendingDeregister = this.deregister(effect.serverId);
        return;
      case 'announceServerId':
        this._onDidChangeServerId.fire({ previous: effect.previous, next: effect.next });
        return;
    }
  }

  private async register(): Promise<void> {
    const generation = ++this.registerGeneration;
    try {
      const { serverId, expiresAt } = await this.deps.api.register(this.dustName);
      if (generation !== this.registerGeneration || this.current.kind !== 'registering') {
        // Stopped while Dust was answering: do not leave an orphan registration behind.
        void this.deregister(serverId);
        return;
      }
      this.log('info', 'registered', { serverId });
      this.dispatch({ type: 'registered', serverId, expiresAt: this.parseExpiry(expiresAt) });
    } catch (error) {
      if (generation !== this.registerGeneration) return;
      if (
        error instanceof NotSignedInError ||
        (error instanceof DustApiError && error.status === 401)
      ) {
        this.dispatch({ type: 'authLost', reason: error.message });
        return;
      }
      this.dispatch({
        type: 'registerFailed',
        error: toFailure(error),
        fatal: !isRetryable(error),
      });
    }
  }

  private async openStream(serverId: string): Promise<void> {
    const generation = ++this.streamGeneration;
    let token: string;
    try {
      token = await this.deps.tokens.getAccessToken();
    } catch (error) {
      if (generation === this.streamGeneration)
        this.dispatch({
          type: 'authLost',
          reason: errorMessage(error),
        });
      return;
    }
    if (generation !== this.streamGeneration) return;
    let sawDone = false;
    let eventsBeforeDone = 0;
    const isCurrent = () => generation === this.streamGeneration;
    this.stream.value = this.deps.streams.open(
      {
        // Read at every connect: the cursor is always the latest event handed to the relay.
        url: () =>
          this.deps.api.requestsUrl(
            serverId,
            'lastEventId' in this.current ? this.current.lastEventId : undefined,
          ),
        headers: () => ({ authorization: `Bearer ${token}`, 'user-agent': this.deps.userAgent }),
      },
      {
        onOpen: () => isCurrent() && this.dispatch({ type: 'streamOpened', serverId }),
        onMessage: (data, eventName) => {
          if (!isCurrent()) return;
          const frame = parseRequestFrame(data, eventName);
          if (frame.kind === 'done') sawDone = true;
          if (frame.kind === 'invalid') {
            this.log('warn', 'invalid frame', { reason: frame.reason });
            if (frame.eventId)
              this.dispatch({ type: 'streamEvent', serverId, eventId: frame.eventId });
          }
          if (frame.kind !== 'event') return;
          eventsBeforeDone++;
          if (!this.seenEvents.touch(frame.eventId))
            this._onMessage.fire({ message: frame.message, serverId, eventId: frame.eventId });
          this.dispatch({ type: 'streamEvent', serverId, eventId: frame.eventId });
        },
        onError: (error) => {
          if (!isCurrent()) return;
          if (error.status === 401) {
            void this.afterUnauthorizedStream(serverId, token, generation, error.message);
            return;
          }
          if (error.status === 403 || error.status === 404) {
            this.dispatch({ type: 'streamForbidden', serverId });
            return;
          }
          const cleanEnd = sawDone && error.status === undefined;
          const message = error.status ? `Dust answered HTTP ${error.status}` : error.message;
          // Why a stream broke (a network error, an over-long line cut by the adapter) is worth a
          // line.
          if (!cleanEnd) this.log('warn', 'stream ended', { message });
          else if (eventsBeforeDone > 0)
            this.log('debug', 'read a page of requests; reading on from its last event', {
              events: eventsBeforeDone,
            });
          this.dispatch({
            type: 'streamEnded',
            serverId,
            reason: cleanEnd ? (eventsBeforeDone > 0 ? 'page_end' : 'done') : 'error',
            message,
          });
        },
      },
    );
  }

  private async afterUnauthorizedStream(
    serverId: string,
    token: string,
    generation: number,
    message: string,
  ): Promise<void> {
    const fresh = await this.deps.tokens.refreshAfterRejection(token).catch(() => null);
    if (generation !== this.streamGeneration) return;
    if (!fresh)
      this.dispatch({ type: 'authLost', reason: 'Your Dust session ended. Sign in again.' });
    else this.dispatch({ type: 'streamEnded', serverId, reason: 'error', message });
  }

  private async heartbeat(serverId: string): Promise<void> {
    try {
      const beat = await this.deps.api.heartbeat(serverId);
      this.dispatch(
        beat.alive
          ? { type: 'heartbeatOk', serverId, expiresAt: this.parseExpiry(beat.expiresAt) }
          : { type: 'heartbeatNotFound', serverId },
      );
    } catch (error) {
      if (error instanceof DustApiError && error.status === 404)
        this.dispatch({ type: 'heartbeatNotFound', serverId });
      // A 401 reaches here only once the token source had no fresh token (dust-http.ts): the
      // sign-in is lost, as on registering, not a heartbeat to retry every few seconds.
      else if (
        error instanceof NotSignedInError ||
        (error instanceof DustApiError && error.status === 401)
      )
        this.dispatch({ type: 'authLost', reason: error.message });
      else this.dispatch({ type: 'heartbeatFailed', serverId, error: toFailure(error) });
    }
  }

  private async deregister(serverId: string): Promise<void> {
    let timer: { dispose(): void } | undefined;
    const timeout = new Promise<void>(
      (resolve) => (timer = this.deps.timers.setTimeout(resolve, DEREGISTER_TIMEOUT_MS)),
    );
    await Promise.race([this.deps.api.deregister(serverId).catch(() => undefined), timeout]);
    timer?.dispose();
    this.log('info', 'deregistered', { serverId });
  }

  /** Dust's ISO `expiresAt`; an unreadable one counts as Dust's usual 10-minute TTL. */
  private parseExpiry(expiresAt: string | undefined): number {
    const parsed = expiresAt === undefined ? Number.NaN : Date.parse(expiresAt);
    return Number.isNaN(parsed) ? this.deps.clock.now() + this.config.defaultTtlMs : parsed;
  }

  private log(
    level: 'debug' | 'info' | 'warn',
    message: string,
    fields: Record<string, unknown>,
  ): void {
    this.deps.logger.log(level, `dust connection ${this.dustName}: ${message}`, fields);
  }
}

/**
 * Whether two states differ only in `lastEventId`. Runs on every request event, so it compares
 * the (flat, primitive-valued) fields directly instead of serialising both states.
 */
function sameApartFromCursor(a: RegistrationState, b: RegistrationState): boolean {
  if (a.kind !== b.kind || currentServerId(a) !== currentServerId(b)) return false;
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  // Two passes over the keys, no Set: this runs for every event of every stream.
  for (const key of Object.keys(left)) {
    if (key !== 'lastEventId' && !Object.is(left[key], right[key])) return false;
  }
  for (const key of Object.keys(right)) {
    if (!Object.hasOwn(left, key)) return false;
  }
  return true;
}

/**
 * What transition() reads. `random` is drawn only when a transition needs jitter: most inputs
 * are request events, and each draw is a CSPRNG read (it showed in the relay's CPU profile).
 */
class DispatchContext implements TransitionContext {
  now = 0;

  constructor(
    readonly config: RegistrationConfig,
    private readonly source: Random,
  ) {}

  get random(): number {
    return this.source.next();
  }
}

function toFailure(error: unknown): DustFailure {
  return {
    message: errorMessage(error),
    ...(error instanceof DustApiError ? { status: error.status } : {}),
    ...(error instanceof DustApiError && error.retryAfterMs !== undefined
      ? { retryAfterMs: error.retryAfterMs }
      : {}),
  };
}
