/**
 * An open SSE response body and the registry of all open ones. Kept apart from the frame helpers
 * so both the MCP requests stream and the conversation streams can share them.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/** `setSSEHeaders` (Hono) / `initSSEResponse` (Next), exactly these five. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
  'Content-Encoding': 'none',
};

/** The end-of-stream sentinel (not JSON); only public MCP requests write it in Dust. */
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
      if ((this.controller.desiredSize ?? 1) >= 1 || tries > 100)
        setTimeout(() => this.abort(), 10);
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

  /**
   * `close`: clean end without `done` (server closed while idle); `abort`: torn socket; `done`:
   * shutdown.
   */
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
