import type { IncomingHttpHeaders } from 'node:http';

import type { Dispatcher } from 'undici';

import type { HttpRequest, HttpResponse } from '../core/ports.js';

/** Raised when the caller cancelled or the timeout elapsed (as opposed to a network failure). */
export class HttpAbortedError extends Error {
  override readonly name = 'HttpAbortedError';
}

/**
 * One request through an undici dispatcher, from dispatch to the last byte of the answer: it
 * settles the caller's promise when the headers arrive, collects the body, and owns the
 * request's deadline and cancellation.
 *
 * No AbortController or signal: the exchange itself aborts (undici hands it a controller once the
 * request is on a socket). A request still waiting for a socket (connecting, or queued behind
 * others) cannot be aborted in undici yet, so the caller's promise is rejected at once and the
 * request is dropped the moment it reaches its socket.
 */
export class HttpExchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private aborted: Error | undefined;
  private responded = false;
  private finished = false;
  private readonly chunks: Buffer[] = [];
  private resolveBody: (text: string) => void = () => undefined;
  private rejectBody: (error: Error) => void = () => undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cancellation: { dispose(): void } | undefined;

  constructor(
    private readonly request: HttpRequest,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: Error) => void,
    private readonly describeNetworkError: (error: unknown) => Error,
  ) {}

  /** Sends the request; the deadline and the cancellation watch start with it. */
  start(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions): void {
    const { cancellation, timeoutMs } = this.request;
    if (cancellation?.isCancelled) {
      this.reject(new HttpAbortedError('The request was cancelled.'));
      return;
    }
    if (cancellation) {
      this.cancellation = cancellation.onCancelled(() =>
        this.abort(new HttpAbortedError('The request was cancelled.')),
      );
    }
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(
        () => this.abort(new HttpAbortedError(`No answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      this.timer.unref();
    }
    dispatcher.dispatch(options, this);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.aborted) controller.abort(this.aborted);
    else this.controller = controller;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    // 1xx (100 Continue, 103 Early Hints) are not the answer; the final status follows.
    if (statusCode < 200 || this.responded) return;
    this.responded = true;
    const body = new Promise<string>((resolveBody, rejectBody) => {
      this.resolveBody = resolveBody;
      this.rejectBody = rejectBody;
    });
    // Read at once either way (frees the socket); a caller that never asks is not an error.
    body.catch(() => undefined);
    this.resolve({
      status: statusCode,
      header: (name) => headerValue(headers, name),
      text: () => body,
    });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.finished) return;
    this.release();
    const { chunks } = this;
    this.resolveBody(
      chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
    );
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.finished) return;
    this.release();
    if (this.responded) this.rejectBody(this.aborted ?? error);
    else this.reject(this.aborted ?? this.describeNetworkError(error));
  }

  private abort(reason: Error): void {
    if (this.aborted || this.finished) return;
    this.aborted = reason;
    if (this.controller) {
      // Ends in onResponseError with the reason (and closes the socket).
      this.controller.abort(reason);
    } else {
      // Not on a socket yet: answer now; onRequestStart drops the request when it gets there.
      this.onResponseError(undefined, reason);
    }
  }

  /** Timer and cancellation released; later events from undici are ignored. */
  private release(): void {
    this.finished = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.cancellation?.dispose();
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}
