/**
 * One running process of a supervised server, seen as an MCP client sees it: the JSON-RPC
 * session, the handshake, the ping heartbeat, the tools cache refresh and the server's own
 * messages. The supervisor makes a new one for every (re)start and keeps the life-cycle; once
 * closed, a connection reports nothing more, so a dying process cannot disturb its successor.
 */
import { errorMessage } from '../error-message.js';
import {
  isErrorResponse,
  JsonRpcErrorCode,
  type JsonRpcMessage,
  type JsonRpcResponse,
} from '../jsonrpc.js';
import { DisposableStore, type IDisposable, MutableDisposable } from '../lifecycle.js';
import type { LocalServerProcess, Logger, Timers } from '../ports.js';
import { BASIC_CLIENT_ROLE, type ClientRole } from './client-role.js';
import {
  type HandshakeResult,
  listAllTools,
  performHandshake,
  type RpcChannel,
} from './handshake.js';
import { modernRequester } from './modern-era.js';
import { type RpcRequestOptions, RpcSession } from './rpc-session.js';
import type { McpTool, ServerInfo } from './state.js';
import type { StderrBuffer } from './stderr-buffer.js';
import { describeExit, describePingTimeout } from './wording.js';

/** Heartbeats missed in a row before a server counts as hung. */
const MISSED_HEARTBEATS_FOR_HUNG = 2;

export interface ServerConnectionEvents {
  /** The process exited; the text says how, with its last meaningful stderr line. */
  exited(error: string): void;
  stderr(line: string): void;
  pingTimedOut(error: string): void;
  toolsChanged(tools: McpTool[]): void;
  notification(message: JsonRpcMessage): void;
}

export interface ServerConnectionDeps {
  name: string;
  timers: Timers;
  logger: Logger;
  /** Shared across restarts, so the UI keeps the history; this connection counts its own lines. */
  stderr: StderrBuffer;
  requestTimeoutMs: number;
  /** The supervisor's redaction of known secrets, applied to each stderr line as it arrives. */
  redact?: (text: string) => string;
  /** How errors name the server; default `The local server "<name>"`. */
  subject?: string;
  /** Our capabilities and answers as the server's MCP client; default: ping only. */
  client?: ClientRole;
}

export class ServerConnection implements IDisposable {
  private readonly session: RpcSession;
  private readonly listeners = new DisposableStore();
  private readonly pingTimer = new MutableDisposable();
  private stderrLines = 0;
  private closed = false;
  private refreshing = false;
  private refreshAgain = false;
  /** The session as the server's era wants it (modern: `_meta` on every request). */
  private channel: RpcChannel;
  private heartbeatMethod = 'ping';
  private _writeFailed = false;

  constructor(
    readonly process: LocalServerProcess,
    private readonly deps: ServerConnectionDeps,
    private readonly events: ServerConnectionEvents,
  ) {
    const send = (message: JsonRpcMessage) =>
      process.send(message).catch((error: unknown) => {
        this._writeFailed = true;
        throw error;
      });
    this.session = new RpcSession(
      send,
      deps.timers,
      deps.subject ?? `The local server "${deps.name}"`,
    );
    this.channel = this.session;
    this.listeners.add(
      process.onStderr((raw) => {
        // Before the buffer: exit words clip the last line, and a clipped secret would slip by.
        const line = deps.redact ? deps.redact(raw) : raw;
        deps.stderr.push(line);
        this.stderrLines++;
        events.stderr(line);
      }),
    );
    this.listeners.add(process.onMessage((message) => this.handleMessage(message)));
    this.listeners.add(
      process.onExit((exit) => {
        if (this.closed) return;
        const tail =
          this.stderrLines > 0 ? deps.stderr.lastMeaningfulLine(this.stderrLines) : undefined;
        events.exited(exit.reason ?? describeExit(exit, tail));
      }),
    );
  }

  /**
   * A write to the process failed: it is exiting. Its exit event (with code and stderr) says
   * more than the write error, so the supervisor waits for that instead.
   */
  get writeFailed(): boolean {
    return this._writeFailed;
  }

  private get client(): ClientRole {
    return this.deps.client ?? BASIC_CLIENT_ROLE;
  }

  /**
   * Tells the server something it may ask us about changed (`notifications/roots/list_changed`).
   */
  notify(method: string, params?: unknown): Promise<void> {
    return this.closed ? Promise.resolve() : this.session.notify(method, params);
  }

  async handshake(clientInfo: ServerInfo, protocolVersion: string): Promise<HandshakeResult> {
    const result = await performHandshake(
      this.session,
      clientInfo,
      protocolVersion,
      this.client.capabilities(),
    );
    if (result.ok && result.handshake.era === 'modern') {
      this.channel = {
        ...this.channel,
        request: modernRequester((m, p, o) => this.session.request(m, p, o), clientInfo),
      };
      // Modern servers have no ping; server/discover is the cheap request every one must answer.
      this.heartbeatMethod = 'server/discover';
    }
    return result;
  }

  request(method: string, params: unknown, options: RpcRequestOptions): Promise<JsonRpcResponse> {
    return this.channel.request(method, params, options);
  }

  /** Answers every in-flight request with `reason`; later requests get it too. */
  fail(reason: string): void {
    this.session.close(reason);
  }

  /**
   * Heartbeats reschedule after each answer (no drift, never two pings in flight). One missed
   * heartbeat is retried at once and only a second one in a row declares the server hung: a
   * single-threaded server busy in a long tool call may answer late once, and killing it would
   * lose the call it is working on.
   */
  startPinging(intervalMs: number, timeoutMs: number, missed = 0): void {
    if (intervalMs <= 0 || this.closed) return;
    this.pingTimer.value = this.deps.timers.setTimeout(
      () => {
        void this.channel.request(this.heartbeatMethod, undefined, { timeoutMs }).then((answer) => {
          if (this.closed || this.pingTimer.value === undefined) return;
          // Any answer, even "method not found", proves the server is alive.
          if (!(isErrorResponse(answer) && answer.error.code === JsonRpcErrorCode.RequestTimeout))
            return this.startPinging(intervalMs, timeoutMs);
          if (missed + 1 < MISSED_HEARTBEATS_FOR_HUNG)
            return this.startPinging(intervalMs, timeoutMs, missed + 1);
          this.events.pingTimedOut(
            describePingTimeout(timeoutMs, this.heartbeatMethod, missed + 1),
          );
        });
      },
      missed === 0 ? intervalMs : 0,
    );
  }

  stopPinging(): void {
    this.pingTimer.clear();
  }

  /** Ends the process (stdin, SIGTERM, SIGKILL) and resolves once it is gone. */
  async close(): Promise<void> {
    this.closed = true;
    this.pingTimer.dispose();
    this.session.close('was stopped');
    await this.process.close();
    this.listeners.dispose();
  }

  /** Like close, without waiting: for disposal. */
  dispose(): void {
    this.closed = true;
    this.pingTimer.dispose();
    this.session.dispose();
    this.listeners.dispose();
    this.process.dispose();
  }

  private handleMessage(message: JsonRpcMessage): void {
    if (this.closed || this.session.handleResponse(message)) return;
    const method = typeof message.method === 'string' ? message.method : undefined;
    if (method === undefined) return;
    if ('id' in message) {
      void this.answerServerRequest(message.id, method, message.params);
    } else if (method === 'notifications/tools/list_changed') {
      void this.refreshTools();
    } else {
      this.events.notification(message);
    }
  }

  /**
   * A request from the server to us, its client (roots, elicitation, ping…): answered with its own
   * id.
   */
  private async answerServerRequest(id: unknown, method: string, params: unknown): Promise<void> {
    let answer: Awaited<ReturnType<ClientRole['answer']>>;
    try {
      answer = await this.client.answer(method, params);
    } catch (error) {
      answer = {
        error: { code: -32603, message: errorMessage(error) },
      };
    }
    if (this.closed) return;
    this.process.send({ jsonrpc: '2.0', id, ...answer }).catch(() => undefined);
  }

  /** Single-flight: a change announced during a refresh triggers one more refresh after it. */
  private async refreshTools(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        const listed = await listAllTools(this.channel, { timeoutMs: this.deps.requestTimeoutMs });
        if (this.closed) return;
        if (listed.ok) this.events.toolsChanged(listed.tools);
        else
          this.deps.logger.log('warn', 'local server tools refresh failed', {
            server: this.deps.name,
            error: this.deps.redact?.(listed.error) ?? listed.error,
          });
      } while (this.refreshAgain);
    } finally {
      this.refreshing = false;
    }
  }
}
