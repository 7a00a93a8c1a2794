/**
 * A session with a remote MCP server, seen by the supervisor like a local process: raw JSON-RPC
 * in and out, and an "exit" with the reason in words when the session is lost. So the same
 * state machine, handshake, heartbeat, relay, approvals and grants serve remote servers too.
 *
 * Transports come from the MCP SDK. Streamable HTTP is tried first; if the server answers our
 * `initialize` POST with a 4xx status other than 401/403, it is an older server and we open the
 * legacy HTTP+SSE transport instead, as the MCP spec's backwards-compatibility section says
 * (docs/protocol/mcp-facts.md#remote-transports). The SDK keeps the `Mcp-Session-Id` and sends it
 * on every request.
 *
 * Losing the session ends this connection, and the supervisor reconnects with backoff:
 * - a 404 on a request that carried a session id means the server forgot the session (it
 *   restarted, or the session expired); the spec says to start a new one with a new
 *   `initialize`, which a fresh connection does. Some servers answer 400 instead: same thing.
 * - any other failed POST (network down, 5xx): the request fails with the reason, and the
 *   reconnect proves whether the server is still there;
 * - the legacy transport's event stream dropping: its session lives only as long as the stream.
 */
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

import { Emitter } from '../core/emitter.js';
import type { JsonRpcMessage } from '../core/jsonrpc.js';
import type { LocalServerProcess, RemoteServerSpec } from '../core/ports.js';
import { describeRemoteFailure, httpStatusOf } from './remote-failure.js';
import {
  createRemoteFetch,
  MAX_REMOTE_MESSAGE_BYTES,
  type RemoteFetchRecord,
} from './remote-fetch.js';
import { forSdk } from './sdk-message.js';

export interface RemoteConnectionOptions {
  /** Largest message accepted (default 16 MiB, Dust's cap on a tool result). */
  maxMessageBytes?: number;
  /** How long the session's DELETE may take when closing. */
  closeTimeoutMs?: number;
}

type Exit = { code: number | null; signal: string | null; reason?: string };

export class RemoteMcpConnection implements LocalServerProcess {
  readonly pid = undefined;
  private readonly _onMessage = new Emitter<JsonRpcMessage>();
  private readonly _onStderr = new Emitter<string>();
  private readonly _onExit = new Emitter<Exit>();
  readonly onMessage = this._onMessage.event;
  /**
   * Transport notes (which transport was chosen, stream reconnects): the "stderr" of a remote
   * server.
   */
  readonly onStderr = this._onStderr.event;
  readonly onExit = this._onExit.event;

  private readonly url: URL;
  private readonly fetch: typeof fetch;
  private readonly record: RemoteFetchRecord;
  private transport: Transport | undefined;
  private opening: Promise<void> | undefined;
  private initializeId: unknown;
  private ended = false;
  /**
   * The SDK reports a failed send to `onerror` and throws it too; the throw is handled in `send`.
   */
  private readonly thrownBySend = new WeakSet<Error>();

  constructor(
    private readonly spec: RemoteServerSpec,
    private readonly options: RemoteConnectionOptions = {},
  ) {
    this.url = new URL(spec.url);
    const remote = createRemoteFetch(options.maxMessageBytes ?? MAX_REMOTE_MESSAGE_BYTES);
    this.fetch = remote.fetch;
    this.record = remote.record;
  }

  /** `streamable-http` or `sse` once connected; for the UI and tests. */
  get transportKind(): 'streamable-http' | 'sse' | undefined {
    if (this.transport instanceof StreamableHTTPClientTransport) return 'streamable-http';
    return this.transport ? 'sse' : undefined;
  }

  get sessionId(): string | undefined {
    return this.transport?.sessionId;
  }

  async send(message: JsonRpcMessage): Promise<void> {
    if (this.ended) throw new Error('the connection is closed');
    if (message['method'] === 'initialize') this.initializeId = message.id;
    clearRecord(this.record);
    const hadSession = this.transport?.sessionId !== undefined;
    try {
      if (!this.transport) {
        this.opening ??= this.open(message);
        await this.opening;
        return;
      }
      await this.transport.send(forSdk(message));
    } catch (error) {
      if (error instanceof Error) this.thrownBySend.add(error);
      if (this.ended) throw error;
      const reason = this.reasonFor(error, hadSession);
      this.end(reason);
      throw new Error(reason, { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.ended && !this.transport) return;
    this.ended = true;
    const transport = this.transport;
    this.transport = undefined;
    if (transport instanceof StreamableHTTPClientTransport && transport.sessionId !== undefined) {
      // Tell the server the session is over (MCP spec: DELETE with the session id); best effort.
      const timeout = new Promise<void>((resolve) =>
        setTimeout(resolve, this.options.closeTimeoutMs ?? 2_000).unref(),
      );
      await Promise.race([transport.terminateSession().catch(() => undefined), timeout]);
    }
    await transport?.close().catch(() => undefined);
    this.disposeEmitters();
  }

  dispose(): void {
    this.ended = true;
    void this.transport?.close().catch(() => undefined);
    this.transport = undefined;
    this.disposeEmitters();
  }

  /**
   * Connects with the first message (our `initialize`), falling back from Streamable HTTP to SSE.
   */
  private async open(first: JsonRpcMessage): Promise<void> {
    if (this.spec.transport === 'sse') {
      await (await this.openSse()).send(forSdk(first));
      return;
    }
    const streamable = this.attach(
      new StreamableHTTPClientTransport(this.url, {
        fetch: this.fetch,
        requestInit: { headers: { ...this.spec.headers } },
      }),
    );
    await streamable.start();
    try {
      await streamable.send(forSdk(first));
      this._onStderr.fire(`Connected to ${this.url.origin} with Streamable HTTP.`);
    } catch (error) {
      const status = httpStatusOf(error) ?? this.record.failedStatus;
      if (
        status === undefined ||
        status < 400 ||
        status >= 500 ||
        status === 401 ||
        status === 403 ||
        status === 429
      )
        throw error;
      this._onStderr.fire(
        `Streamable HTTP answered HTTP ${status}; trying the legacy HTTP+SSE transport.`,
      );
      this.transport = undefined;
      await streamable.close().catch(() => undefined);
      clearRecord(this.record);
      await (await this.openSse()).send(forSdk(first));
    }
  }

  private async openSse(): Promise<SSEClientTransport> {
    const sse = this.attach(
      new SSEClientTransport(this.url, {
        fetch: this.fetch,
        requestInit: { headers: { ...this.spec.headers } },
      }),
    );
    await sse.start();
    this._onStderr.fire(`Connected to ${this.url.origin} with the legacy HTTP+SSE transport.`);
    return sse;
  }

  private attach<T extends Transport>(transport: T): T {
    this.transport = transport;
    transport.onmessage = (message) => {
      if (this.ended || this.transport !== transport) return;
      const raw: JsonRpcMessage = message;
      this.noteProtocolVersion(transport, raw);
      this._onMessage.fire(raw);
    };
    transport.onerror = (error) => {
      // Looked at a turn later, once a failing send has had the chance to claim its error.
      setTimeout(() => {
        if (this.ended || this.transport !== transport || this.thrownBySend.has(error)) return;
        this.onTransportError(transport, error);
      }, 0);
    };
    return transport;
  }

  /**
   * Later requests carry `MCP-Protocol-Version` (spec, Streamable HTTP), as the SDK's Client does.
   */
  private noteProtocolVersion(transport: Transport, message: JsonRpcMessage): void {
    if (this.initializeId === undefined || message.id !== this.initializeId) return;
    const result = message['result'] as { protocolVersion?: unknown } | undefined;
    if (typeof result?.protocolVersion === 'string')
      transport.setProtocolVersion?.(result.protocolVersion);
  }

  /** Errors outside a send: the standing event stream. */
  private onTransportError(transport: Transport, error: Error): void {
    if (this.record.tooLarge) return this.end(describeRemoteFailure(error, this.record, this.url));
    if (transport instanceof SSEClientTransport) {
      // The legacy session lives as long as its stream; a new stream would be a new, uninitialised
      // session.
      return this.end(
        `lost the connection: ${describeRemoteFailure(error, this.record, this.url)}`,
      );
    }
    const status = httpStatusOf(error);
    if ((status === 404 || status === 400) && transport.sessionId !== undefined) {
      return this.end(`ended the session (HTTP ${status}); a new session starts`);
    }
    if (/Maximum reconnection attempts/.test(error.message)) {
      return this.end(
        `lost its event stream: ${describeRemoteFailure(error, this.record, this.url)}`,
      );
    }
    this._onStderr.fire(`Transport: ${error.message.slice(0, 300)}`);
  }

  private reasonFor(error: unknown, hadSession: boolean): string {
    const status = httpStatusOf(error);
    if (hadSession && (status === 404 || status === 400) && !this.record.tooLarge)
      return `ended the session (HTTP ${status}); a new session starts`;
    return describeRemoteFailure(error, this.record, this.url);
  }

  /** The session is over: say why once, and stop the transport's own reconnects. */
  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    const transport = this.transport;
    void transport?.close().catch(() => undefined);
    this._onExit.fire({ code: null, signal: null, reason });
  }

  private disposeEmitters(): void {
    this._onMessage.dispose();
    this._onStderr.dispose();
    this._onExit.dispose();
  }
}

function clearRecord(record: RemoteFetchRecord): void {
  delete record.networkError;
  delete record.failedStatus;
  delete record.wwwAuthenticate;
  delete record.location;
}
