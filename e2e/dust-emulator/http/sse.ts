/**
 * SSE helpers shared by every stream the emulator serves (MCP requests, message and conversation
 * events), reproducing `streamEvents` in `front-api/lib/api/sse/stream_events.ts`.
 *
 * Frames are built as exact strings: one unnamed `data:` line of `{"eventId","data"}` and a blank
 * line; no `id:`, `event:` or `retry:` lines; no keep-alives; `data: done` as the end sentinel.
 */
import type { EmulatorClock } from '../clock.js';
import { type Cursor, type EventLog, type LogEvent } from './event-log.js';
import { SseStream, type StreamRegistry } from './sse-stream.js';

export { type Cursor, EventLog, type LogEvent, parseCursor } from './event-log.js';
export { socketDestroyer, StreamRegistry } from './sse-stream.js';

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

/**
 * What to do with the next frame; lets fault injection corrupt a stream
 * (docs/protocol/emulator.md#mcp-35).
 */
export type FrameAction = 'normal' | 'malformed' | 'half-then-drop';

export interface LogStreamOptions<T> {
  readonly log: EventLog<T>;
  readonly channel: string;
  readonly cursor: Cursor;
  readonly clock: EmulatorClock;
  readonly registry: StreamRegistry;
  readonly kind: string;
  readonly handshake: HandshakeVariant;
  /**
   * History page size (`HISTORY_FETCH_COUNT` = 50): a full page with more pending ends the stream.
   */
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
      idle = options.clock.setTimeout(
        () => stream.end({ done: options.writeDone }),
        options.idleMs,
      );
    }
  };
  const emit = (event: LogEvent<T>): void => {
    if (!stream.open) return;
    const action = options.beforeFrame?.(event) ?? 'normal';
    const frame = dataFrame(event.id, event.data);
    // A malformed frame is inserted before the real one: a robust client skips it and loses
    // nothing.
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
