/**
 * Our side of the JSON-RPC conversation with one local server process: our own numeric ids,
 * per-request timeouts, cancellation, and answers for requests the process can no longer give.
 *
 * Requests never reject: a timeout, a cancellation or a dead process becomes a JSON-RPC error
 * response, because that is what the relay forwards to Dust anyway, and a supervisor that only
 * ever gets responses has no unhandled rejections to leak.
 */
import type { CancellationToken } from '../cancellation.js';
import { errorMessage } from '../error-message.js';
import {
  JsonRpcErrorCode,
  type JsonRpcMessage,
  type JsonRpcResponse,
  makeErrorResponse,
} from '../jsonrpc.js';
import type { IDisposable } from '../lifecycle.js';
import type { Timers } from '../ports.js';
import { formatDuration } from './wording.js';

export interface RpcRequestOptions {
  timeoutMs?: number | undefined;
  cancellation?: CancellationToken | undefined;
}

interface Pending {
  method: string;
  resolve: (response: JsonRpcResponse) => void;
  cleanup: IDisposable[];
}

export class RpcSession implements IDisposable {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedReason: string | undefined;

  constructor(
    private readonly send: (message: JsonRpcMessage) => Promise<void>,
    private readonly timers: Timers,
    /** Prefix for errors we make up, e.g. `The local server "github"`. */
    private readonly subject: string,
  ) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  request(
    method: string,
    params: unknown,
    options: RpcRequestOptions = {},
  ): Promise<JsonRpcResponse> {
    const id = this.nextId++;
    if (this.closedReason !== undefined) {
      return Promise.resolve(
        makeErrorResponse(
          id,
          JsonRpcErrorCode.ConnectionClosed,
          `${this.subject} ${this.closedReason}.`,
        ),
      );
    }
    if (options.cancellation?.isCancelled) {
      return Promise.resolve(
        makeErrorResponse(id, JsonRpcErrorCode.RequestCancelled, 'The request was cancelled.'),
      );
    }
    return new Promise((resolve) => {
      const entry: Pending = { method, resolve, cleanup: [] };
      this.pending.set(id, entry);
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        entry.cleanup.push(
          this.timers.setTimeout(() => {
            const message = `${this.subject} did not answer ${method} within ${formatDuration(ms)}.`;
            this.abandon(id, JsonRpcErrorCode.RequestTimeout, message, 'timed out');
          }, ms),
        );
      }
      if (options.cancellation) {
        entry.cleanup.push(
          options.cancellation.onCancelled(() =>
            this.abandon(
              id,
              JsonRpcErrorCode.RequestCancelled,
              'The request was cancelled.',
              'cancelled by the client',
            ),
          ),
        );
      }
      const message: JsonRpcMessage = { jsonrpc: '2.0', id, method };
      if (params !== undefined) message.params = params;
      this.send(message).catch((error: unknown) => {
        const reason = errorMessage(error);
        this.settle(
          id,
          makeErrorResponse(
            id,
            JsonRpcErrorCode.ConnectionClosed,
            `${this.subject} could not be reached: ${reason}`,
          ),
        );
      });
    });
  }

  notify(method: string, params?: unknown): Promise<void> {
    if (this.closedReason !== undefined) return Promise.resolve();
    const message: JsonRpcMessage = { jsonrpc: '2.0', method };
    if (params !== undefined) message.params = params;
    return this.send(message).catch(() => undefined);
  }

  /** Takes a message from the process; true if it answered one of our requests. */
  handleResponse(message: JsonRpcMessage): boolean {
    if ('method' in message || !('result' in message || 'error' in message)) return false;
    const id = message.id;
    if (typeof id !== 'number' || !this.pending.has(id)) return false;
    this.settle(id, message as JsonRpcResponse);
    return true;
  }

  /** Answers every pending request with `reason` and refuses new ones ("exited with code 1"). */
  close(reason: string): void {
    this.closedReason ??= reason;
    for (const id of [...this.pending.keys()]) {
      this.settle(
        id,
        makeErrorResponse(id, JsonRpcErrorCode.ConnectionClosed, `${this.subject} ${reason}.`),
      );
    }
  }

  dispose(): void {
    this.close('was shut down');
  }

  /** Gives up on a request we still consider live, and tells the server (MCP cancellation). */
  private abandon(id: number, code: number, message: string, reason: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.settle(id, makeErrorResponse(id, code, message));
    // initialize cannot be cancelled (MCP spec, "Cancellation").
    if (entry.method !== 'initialize')
      void this.notify('notifications/cancelled', { requestId: id, reason });
  }

  private settle(id: number, response: JsonRpcResponse): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    for (const item of entry.cleanup) item.dispose();
    entry.resolve(response);
  }
}
