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
import type { IDisposable } from '../lifecycle.js';
import type { JsonRpcMessage, Timers } from '../ports.js';
import { formatDuration } from './wording.js';

export type RpcId = string | number;
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}
/** Shaped like core/jsonrpc.ts `JsonRpcResponse`, so the relay can use it as one. */
export type RpcResponse =
  | { jsonrpc: '2.0'; id: RpcId; result: unknown }
  | { jsonrpc: '2.0'; id: RpcId | null; error: RpcErrorObject };

/** -32000/-32001 as in the MCP SDK; -32800 is LSP's RequestCancelled. */
export const RpcErrorCode = {
  ConnectionClosed: -32000,
  RequestTimeout: -32001,
  RequestCancelled: -32800,
} as const;

export interface RpcRequestOptions {
  timeoutMs?: number;
  cancellation?: CancellationToken;
}

interface Pending {
  method: string;
  resolve: (response: RpcResponse) => void;
  cleanup: IDisposable[];
}

export function isErrorResponse(
  response: RpcResponse,
): response is Extract<RpcResponse, { error: RpcErrorObject }> {
  return 'error' in response;
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

  request(method: string, params: unknown, options: RpcRequestOptions = {}): Promise<RpcResponse> {
    const id = this.nextId++;
    if (this.closedReason !== undefined) {
      return Promise.resolve(
        errorResponse(id, RpcErrorCode.ConnectionClosed, `${this.subject} ${this.closedReason}.`),
      );
    }
    if (options.cancellation?.isCancelled) {
      return Promise.resolve(
        errorResponse(id, RpcErrorCode.RequestCancelled, 'The request was cancelled.'),
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
            this.abandon(id, RpcErrorCode.RequestTimeout, message, 'timed out');
          }, ms),
        );
      }
      if (options.cancellation) {
        entry.cleanup.push(
          options.cancellation.onCancelled(() =>
            this.abandon(
              id,
              RpcErrorCode.RequestCancelled,
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
          errorResponse(
            id,
            RpcErrorCode.ConnectionClosed,
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
    this.settle(id, message as RpcResponse);
    return true;
  }

  /** Answers every pending request with `reason` and refuses new ones ("exited with code 1"). */
  close(reason: string): void {
    this.closedReason ??= reason;
    for (const id of [...this.pending.keys()]) {
      this.settle(
        id,
        errorResponse(id, RpcErrorCode.ConnectionClosed, `${this.subject} ${reason}.`),
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
    this.settle(id, errorResponse(id, code, message));
    // initialize cannot be cancelled (MCP spec, "Cancellation").
    if (entry.method !== 'initialize')
      void this.notify('notifications/cancelled', { requestId: id, reason });
  }

  private settle(id: number, response: RpcResponse): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    for (const item of entry.cleanup) item.dispose();
    entry.resolve(response);
  }
}

export function errorResponse(id: RpcId | null, code: number, message: string): RpcResponse {
  return { jsonrpc: '2.0', id, error: { code, message } };
}
