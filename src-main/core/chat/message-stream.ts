/**
 * Follows one agent message's event stream until a terminal event, across drops.
 *
 *   open ──events──▶ deliver (deduped by eventId, cursor = last eventId)
 *     │  terminal event ─────────────────────────────▶ ended{terminal}
 *     │  drop / `done` without terminal / 408 / 429 / 5xx ──▶ reopen with ?lastEventId=
 *     │        (at once when the connection carried events, else after a jittered backoff;
 *     │         gives up after `maxAttempts` empty or failed connections in a row)
 *     │  401 ──▶ refresh the token once per rejection ──▶ reopen, or ended{unauthorized}
 *     └  400 / 403 / 404 ──▶ ended{failed}
 *
 * Dust resumes exclusively after `lastEventId` (history, then live, no gap), so tokens are neither
 * lost nor repeated; the eventId set guards against a server that replays anyway. The SDK waits 5 s
 * before each reconnect (docs/protocol/conversations.md#sdk-streaming); we reopen at once first,
 * because an approval the person is waiting on should not sit behind a fixed delay.
 */
import { Backoff } from '../backoff.js';
import type { AccessTokenSource } from '../dust/dust-http.js';
import { errorMessage } from '../error-message.js';
import { Disposable, MutableDisposable } from '../lifecycle.js';
import { LruSet } from '../lru-set.js';
import type { EventStreams, Random, Timers } from '../ports.js';
import { type ChatEvent, isTerminal, parseAgentFrame } from './agent-events.js';

export type StreamEnd =
  | { kind: 'terminal' }
  | { kind: 'failed'; message: string }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'stopped' };

export interface MessageStreamDeps {
  streams: EventStreams;
  tokens: AccessTokenSource;
  timers: Timers;
  random: Pick<Random, 'next'>;
  userAgent: string;
  /** The events URL for a cursor (ChatApi.messageEventsUrl). */
  url: (lastEventId: string | undefined) => string;
  maxAttempts?: number;
  backoff?: { initialMs: number; maxMs: number };
}

export interface MessageStreamHandlers {
  onEvent(event: ChatEvent, eventId: string): void;
  /** A connection dropped before the end; `afterMs` until the next try. */
  onReconnecting?(afterMs: number): void;
  /** A connection is open (events may still be far off: a paused answer sends nothing). */
  onConnected?(): void;
  onEnd(end: StreamEnd): void;
}

const RETRYABLE = new Set([408, 429]);

export class MessageStream extends Disposable {
  private readonly connection = this._register(new MutableDisposable());
  private readonly retryTimer = this._register(new MutableDisposable());
  private readonly seen = new LruSet<string>(50_000);
  private readonly backoff: Backoff;
  private lastEventId: string | undefined;
  /** The token a refresh just handed us; the next connect uses it rather than asking again. */
  private refreshedToken: string | undefined;
  private generation = 0;
  private finished = false;

  constructor(
    private readonly deps: MessageStreamDeps,
    private readonly handlers: MessageStreamHandlers,
    startAfter?: string,
  ) {
    super();
    this.lastEventId = startAfter;
    this.backoff = new Backoff(
      { initialMs: 500, maxMs: 10_000, jitter: 'equal', immediateFirst: true, ...deps.backoff },
      deps.random,
    );
  }

  /** The cursor: the last event delivered. */
  get cursor(): string | undefined {
    return this.lastEventId;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  start(): void {
    void this.connect();
  }

  /** Ends the stream on our side (the answer keeps running at Dust unless cancelled). */
  stop(): void {
    this.end({ kind: 'stopped' });
  }

  override dispose(): void {
    this.finished = true;
    super.dispose();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    let token: string;
    try {
      token = this.refreshedToken ?? (await this.deps.tokens.getAccessToken());
      this.refreshedToken = undefined;
    } catch (error) {
      this.end({
        kind: 'unauthorized',
        message: errorMessage(error),
      });
      return;
    }
    if (this.finished || generation !== this.generation) return;
    let delivered = 0;
    const current = () => !this.finished && generation === this.generation;
    this.connection.value = this.deps.streams.open(
      {
        url: () => this.deps.url(this.lastEventId),
        headers: () => ({
          authorization: `Bearer ${token}`,
          'user-agent': this.deps.userAgent,
          accept: 'text/event-stream',
        }),
      },
      {
        onOpen: () => {
          if (current()) this.handlers.onConnected?.();
        },
        onMessage: (data, eventName) => {
          if (!current()) return;
          const frame = parseAgentFrame(data, eventName);
          if (frame.kind !== 'event' || this.seen.touch(frame.eventId)) return;
          delivered++;
          this.lastEventId = frame.eventId;
          this.handlers.onEvent(frame.event, frame.eventId);
          if (isTerminal(frame.event) && current()) this.end({ kind: 'terminal' });
        },
        onError: (error) => {
          if (!current()) return;
          this.connection.clear();
          if (delivered > 0) this.backoff.reset();
          void this.afterError(error.status, error.message, token);
        },
      },
    );
  }

  private async afterError(
    status: number | undefined,
    message: string,
    token: string,
  ): Promise<void> {
    if (this.backoff.attempt >= (this.deps.maxAttempts ?? 10)) {
      return this.end({
        kind: 'failed',
        message: `Lost the answer's event stream and could not get it back: ${message}`,
      });
    }
    if (status === 401) {
      const fresh = await this.deps.tokens.refreshAfterRejection(token).catch(() => null);
      if (this.finished) return;
      if (!fresh)
        return this.end({
          kind: 'unauthorized',
          message: 'Your Dust session ended. Sign in again.',
        });
      this.refreshedToken = fresh;
    } else if (status !== undefined && status < 500 && !RETRYABLE.has(status)) {
      return this.end({
        kind: 'failed',
        message: `Dust refused the answer's event stream (HTTP ${status}): ${message}`,
      });
    }
    this.retry(this.backoff.next());
  }

  private retry(delayMs: number): void {
    this.handlers.onReconnecting?.(delayMs);
    this.retryTimer.value = this.deps.timers.setTimeout(() => void this.connect(), delayMs);
  }

  private end(end: StreamEnd): void {
    if (this.finished) return;
    this.finished = true;
    this.generation++;
    this.connection.clear();
    this.retryTimer.clear();
    this.handlers.onEnd(end);
  }
}
