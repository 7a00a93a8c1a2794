import type { IncomingHttpHeaders } from 'node:http';

import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import type { Dispatcher } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';

import { errorMessage } from '../core/error-message.js';
import type { IDisposable } from '../core/lifecycle.js';
import type { EventStreamHandlers, EventStreamOptions, EventStreams } from '../core/ports.js';

const MAX_REDIRECTS = 3;

/**
 * The longest SSE line we hold: above Dust's 16 MiB tool-result limit, far below what a stream
 * that never sends a newline would make us buffer (300 MB was seen before this cap).
 */
export const MAX_SSE_LINE_BYTES = 20 * 1024 * 1024;

/**
 * EventStreams on undici's dispatcher and `eventsource-parser`.
 *
 * The stream's bytes go straight from undici's handler to the parser: no `fetch` Response, web
 * streams or AbortController in between (with the `eventsource` package over `fetch` those were
 * a visible share of the relay's CPU per call; docs/benchmarks.md). The rest is as an
 * EventSource without its own reconnects:
 *
 * - The URL and headers are computed on every connect, so the `lastEventId` cursor in the query
 *   is always the latest (Dust sends no `id:` lines; the cursor lives in the JSON) and a refreshed
 *   token is used.
 * - Redirects are followed by hand: same-origin 307/308 only, keeping Authorization; anything
 *   else is handed back as a non-200 so the token never goes to another host.
 * - Any error, a non-200 answer, a wrong content type or the end of the stream is reported once
 *   and the stream is closed: the core's connection state machine owns reconnect timing
 *   (immediate first, then jittered backoff).
 * - A line longer than `maxLineBytes` ends the stream with that reason (the core logs it and
 *   reconnects as after any stream error).
 * - Only unnamed (`message`) events are handed over; named ones (Dust's handshake) are skipped.
 */
export class EventSourceStreams implements EventStreams {
  /** undici's default deadlines (300 s for headers, 300 s between body bytes), as with fetch. */
  private readonly dispatcher = new Agent();

  constructor(private readonly maxLineBytes = MAX_SSE_LINE_BYTES) {}

  open(options: EventStreamOptions, handlers: EventStreamHandlers): IDisposable {
    const stream = new EventStream(this.dispatcher, options, handlers, this.maxLineBytes);
    stream.connect(options.url(), 0);
    return { dispose: () => stream.close() };
  }
}

class EventStream {
  closed = false;
  controller: Dispatcher.DispatchController | undefined;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly options: EventStreamOptions,
    readonly handlers: EventStreamHandlers,
    readonly maxLineBytes: number,
  ) {}

  connect(url: string, hop: number): void {
    if (this.closed) return;
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      this.fail({ message: errorMessage(error) });
      return;
    }
    this.dispatcher.dispatch(
      {
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: { accept: 'text/event-stream', ...this.options.headers() },
      },
      new EventStreamResponse(this, target, hop),
    );
  }

  /** Reports the end once, and closes the connection. */
  fail(error: { status?: number; message: string }): void {
    if (this.closed) return;
    this.close();
    this.handlers.onError(error);
  }

  close(): void {
    this.closed = true;
    this.controller?.abort(new Error('The event stream was closed.'));
    this.controller = undefined;
  }
}

/** One request of a stream (the first, or one after a same-origin redirect). */
class EventStreamResponse implements Dispatcher.DispatchHandler {
  private redirectTo: string | undefined;
  private parser: EventSourceParser | undefined;
  private readonly decoder = new TextDecoder();
  private lineBytes = 0;

  constructor(
    private readonly stream: EventStream,
    private readonly url: URL,
    private readonly hop: number,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.stream.closed) controller.abort(new Error('The event stream was closed.'));
    else this.stream.controller = controller;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (status < 200) return;
    const { stream } = this;
    if (status === 307 || status === 308) {
      const next = this.sameOriginRedirect(headers['location']);
      if (next) {
        this.redirectTo = next;
        return;
      }
    }
    if (status === 204) {
      stream.fail({ status, message: 'Server sent HTTP 204, not reconnecting' });
      return;
    }
    if (status !== 200) {
      stream.fail({ status, message: `Non-200 status code (${status})` });
      return;
    }
    const type = headers['content-type'];
    if (typeof type !== 'string' || !type.startsWith('text/event-stream')) {
      stream.fail({ status, message: 'Invalid content type, expected "text/event-stream"' });
      return;
    }
    this.parser = createParser({ onEvent: (event) => this.deliver(event) });
    stream.handlers.onOpen();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.parser || this.stream.closed) return;
    if (this.lineTooLong(chunk)) {
      const mb = Math.round(this.stream.maxLineBytes / 1024 / 1024);
      this.stream.fail({
        message: `Dust sent a line longer than ${mb} MB without ending it; the stream was closed`,
      });
      return;
    }
    this.parser.feed(this.decoder.decode(chunk, { stream: true }));
  }

  onResponseEnd(): void {
    const { stream } = this;
    if (stream.closed) return;
    stream.controller = undefined;
    if (this.redirectTo !== undefined) {
      stream.connect(this.redirectTo, this.hop + 1);
      return;
    }
    // An event without its blank line at the very end is dropped, as EventSource does.
    stream.fail({ message: 'The event stream ended.' });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.stream.fail({ message: errorMessage(error) });
  }

  private deliver(event: EventSourceMessage): void {
    if (this.stream.closed) return;
    if (event.event === undefined || event.event === 'message')
      this.stream.handlers.onMessage(event.data, undefined);
  }

  private sameOriginRedirect(location: string | string[] | undefined): string | undefined {
    if (typeof location !== 'string' || this.hop >= MAX_REDIRECTS) return undefined;
    let next: URL;
    try {
      next = new URL(location, this.url);
    } catch {
      return undefined;
    }
    return next.origin === this.url.origin ? next.toString() : undefined;
  }

  /** SSE lines end with LF, CR or CRLF; only the bytes after the last one still grow a line. */
  private lineTooLong(chunk: Buffer): boolean {
    let last = -1;
    for (let i = chunk.length - 1; i >= 0; i--) {
      if (chunk[i] === 0x0a || chunk[i] === 0x0d) {
        last = i;
        break;
      }
    }
    this.lineBytes = last === -1 ? this.lineBytes + chunk.length : chunk.length - last - 1;
    return this.lineBytes > this.stream.maxLineBytes;
  }
}
