/**
 * SSE helpers shared by every stream the emulator serves (MCP requests, message and conversation
 * events), reproducing `streamEvents` in `front-api/lib/api/sse/stream_events.ts`.
 *
 * Frames are built as exact strings: one unnamed `data:` line of `{"eventId","data"}` and a blank
 * line; no `id:`, `event:` or `retry:` lines; no keep-alives; `data: done` as the end sentinel.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

import type { EmulatorClock } from '../clock.js';
import { type Cursor, type EventLog, type LogEvent } from './event-log.js';

export { type Cursor, EventLog, type LogEvent, parseCursor } from './event-log.js';

/** `setSSEHeaders` (Hono) / `initSSEResponse` (Next), exactly these five. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
  'Content-Encoding': 'none',
};

/** Opening frame by Dust version: current named event, previous Hono comment, Next era nothing. */
export type HandshakeVariant = 'dust-handshake' | 'comment' | 'none';

export function handshakeFrame(variant: HandshakeVariant): string {
  switch (variant) {
    case 'dust-handshake':
      return 'event: dust-handshake\ndata: {}\n\n';
    case 'comment':
      return ': connected\n\n';
    case 'none':
      return '';
  }
}

export function dataFrame(eventId: string, data: unknown): string {
  return `data: ${JSON.stringify({ eventId, data })}\n\n`;
}

export const DONE_FRAME = 'data: done\n\n';

const encoder = new TextEncoder();

/**
 * How to tear down the TCP connection under a response (Node binding of @hono/node-server).
 * Destroying the socket directly avoids node-server logging an errored body as a crash.
 */
export function socketDestroyer(c: Context): (() => void) | undefined {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  return outgoing ? () => outgoing.destroy() : undefined;
}

/**
 * One open SSE response body. `end()` closes cleanly (optionally after `data: done`); `abort()`
 * tears the connection down mid-stream, like a crashed pod.
 */
export class SseStream {
  readonly body: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private closeHandlers: Array<() => void> = [];
  private isOpen = true;

  constructor(private readonly destroy?: () => void) {
    this.body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => this.finish(),
    });
  }

  get open(): boolean {
    return this.isOpen;
  }

  write(text: string): void {
    if (this.isOpen && text !== '') this.controller.enqueue(encoder.encode(text));
  }

  end(options: { done: boolean }): void {
    if (!this.isOpen) return;
    if (options.done) this.write(DONE_FRAME);
    this.controller.close();
    this.finish();
  }

  abort(): void {
    if (!this.isOpen) return;
    this.finish();
    if (this.destroy) this.destroy();
    else this.controller.error(new Error('emulator: stream aborted'));
  }

  /** Aborts once what was written has left the body queue (so a half frame reaches the wire). */
  abortAfterFlush(): void {
    const wait = (tries: number): void => {
      if (!this.isOpen) return;
      if ((this.controller.desiredSize ?? 1) >= 1 || tries > 100) setTimeout(() => this.abort(), 10);
      else setTimeout(() => wait(tries + 1), 2);
    };
    wait(0);
  }

  /** Runs once when the stream ends for any reason, including the client going away. */
  onClose(handler: () => void): void {
    if (this.isOpen) this.closeHandlers.push(handler);
    else handler();
  }

  response(status = 200): Response {
    return new Response(this.body, { status, headers: SSE_HEADERS });
  }

  private finish(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    const handlers = this.closeHandlers;
    this.closeHandlers = [];
    for (const handler of handlers) handler();
  }
}

/** Every open stream, labelled by kind, so faults and shutdown can reach them. */
export class StreamRegistry {
  private readonly streams = new Map<SseStream, string>();

  add(stream: SseStream, kind: string): void {
    this.streams.set(stream, kind);
    stream.onClose(() => this.streams.delete(stream));
  }

  count(kind?: string): number {
    return [...this.streams.values()].filter((k) => kind === undefined || k === kind).length;
  }

  /** `close`: clean end without `done` (server closed while idle); `abort`: torn socket; `done`: shutdown. */
  endAll(mode: 'close' | 'abort' | 'done', kind?: string): number {
    let ended = 0;
    for (const [stream, k] of [...this.streams]) {
      if (kind !== undefined && k !== kind) continue;
      if (mode === 'abort') stream.abort();
      else stream.end({ done: mode === 'done' });
      ended += 1;
    }
    return ended;
  }
}

/** What to do with the next frame; lets fault injection corrupt a stream (§8 point 35). */
export type FrameAction = 'normal' | 'malformed' | 'half-then-drop';

export interface LogStreamOptions<T> {
  readonly log: EventLog<T>;
  readonly channel: string;
  readonly cursor: Cursor;
  readonly clock: EmulatorClock;
  readonly registry: StreamRegistry;
  readonly kind: string;
  readonly handshake: HandshakeVariant;
  /** History page size (`HISTORY_FETCH_COUNT` = 50): a full page with more pending ends the stream. */
  readonly pageSize: number;
  /** Close after this long without an event (`MCP_EVENTS_TIMEOUT_MS`); null = never. */
  readonly idleMs: number | null;
  /** Write `data: done` before a server-side close (only public MCP requests do). */
  readonly writeDone: boolean;
  /** End right after the handshake (fault). */
  readonly doneAfterHandshake?: boolean;
  /** Close after writing an event for which this is true (terminal agent events). */
  readonly endAfter?: (data: T) => boolean;
  /** Tears the connection down (see `socketDestroyer`); without it, abort errors the body. */
  readonly destroy?: (() => void) | undefined;
  /** Consulted before each event frame. */
  readonly beforeFrame?: (event: LogEvent<T>) => FrameAction;
}

/**
 * Serves one channel of an `EventLog` as SSE: handshake, one history page, then live events,
 * ending on idle, overflow, `endAfter`, fault or client disconnect.
 */
export function streamLog<T>(options: LogStreamOptions<T>): Response {
  const stream = new SseStream(options.destroy);
  options.registry.add(stream, options.kind);
  stream.write(handshakeFrame(options.handshake));
  if (options.doneAfterHandshake) {
    stream.end({ done: options.writeDone });
    return stream.response();
  }

  let idle: ReturnType<EmulatorClock['setTimeout']> | undefined;
  stream.onClose(() => idle?.cancel());
  const armIdle = (): void => {
    idle?.cancel();
    if (options.idleMs !== null) {
      idle = options.clock.setTimeout(() => stream.end({ done: options.writeDone }), options.idleMs);
    }
  };
  const emit = (event: LogEvent<T>): void => {
    if (!stream.open) return;
    const action = options.beforeFrame?.(event) ?? 'normal';
    const frame = dataFrame(event.id, event.data);
    // A malformed frame is inserted before the real one: a robust client skips it and loses nothing.
    if (action === 'malformed') stream.write('data: {"eventId":\n\n');
    if (action === 'half-then-drop') {
      stream.write(frame.slice(0, Math.max(1, Math.floor(frame.length / 2))));
      stream.abortAfterFlush();
      return;
    }
    stream.write(frame);
    if (options.endAfter?.(event.data)) stream.end({ done: options.writeDone });
    else armIdle();
  };

  const page = options.log.read(options.channel, options.cursor, options.pageSize);
  for (const event of page.events) emit(event);
  if (page.hasMore) {
    stream.end({ done: options.writeDone });
    return stream.response();
  }
  if (!stream.open) return stream.response();
  const unsubscribe = options.log.subscribe(options.channel, emit);
  stream.onClose(unsubscribe);
  armIdle();
  return stream.response();
}
