/**
 * Runs one local MCP server: spawn, handshake as its MCP client, tools cache, health checks,
 * restarts with backoff, and requests on behalf of the relay. States and transitions are in
 * state.ts and transition.ts; this class only runs their effects (architecture.md §4.6–4.7).
 */
import type { BackoffOptions } from '../backoff.js';
import type { CancellationToken } from '../cancellation.js';
import { Emitter } from '../emitter.js';
import { Disposable, DisposableStore, MutableDisposable } from '../lifecycle.js';
import type { Clock, JsonRpcMessage, LocalServerProcess, LocalServerSpec, Logger, McpProcesses, Random, Timers } from '../ports.js';
import { listAllTools, OFFERED_PROTOCOL_VERSION, performHandshake } from './handshake.js';
import { errorResponse, isErrorResponse, RpcErrorCode, type RpcResponse, RpcSession } from './rpc-session.js';
import { type HandshakeInfo, type McpTool, problemOf, type ServerInfo, ServerState } from './state.js';
import { StderrBuffer } from './stderr-buffer.js';
import { DEFAULT_RESTART_BACKOFF, type SupervisorEffect, type SupervisorInput, transition } from './transition.js';
import { describeExit, describeHandshakeTimeout, describePingTimeout, describeSpawnError } from './wording.js';

export interface SupervisorPorts {
  processes: McpProcesses;
  timers: Timers;
  clock: Clock;
  random: Random;
  logger: Logger;
}

export interface ServerSupervisorOptions {
  name: string;
  /** A function is called at every spawn, so secrets are read from the keychain only then. */
  spec: LocalServerSpec | (() => Promise<LocalServerSpec>);
  clientInfo: ServerInfo;
  protocolVersion?: string;
  handshakeTimeoutMs?: number;
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Default timeout of `request` (Dust gives a tools/call 3 minutes in all). */
  requestTimeoutMs?: number;
  /** Ready this long → the next crash backs off from the start again. */
  stableAfterMs?: number;
  backoff?: BackoffOptions;
  autoRestart?: boolean;
  stderrBufferBytes?: number;
}

interface Running {
  generation: number;
  process: LocalServerProcess;
  session: RpcSession;
  listeners: DisposableStore;
  stderrLines: number;
}

export class ServerSupervisor extends Disposable {
  private _state: ServerState = ServerState.stopped();
  private readonly _onDidChangeState = this._register(new Emitter<ServerState>((e) => this.logError(e)));
  private readonly _onDidChangeTools = this._register(new Emitter<readonly McpTool[]>((e) => this.logError(e)));
  private readonly _onNotification = this._register(new Emitter<JsonRpcMessage>((e) => this.logError(e)));
  /** Every state change, with the problem in words in crashed, hung, backoff and stopped. */
  readonly onDidChangeState = this._onDidChangeState.event;
  readonly onDidChangeTools = this._onDidChangeTools.event;
  /** Notifications from the server other than tools/list_changed (progress, logging…). */
  readonly onNotification = this._onNotification.event;

  private readonly stderr: StderrBuffer;
  private readonly retryTimer = this._register(new MutableDisposable());
  private readonly handshakeTimer = this._register(new MutableDisposable());
  private readonly pingTimer = this._register(new MutableDisposable());
  private readonly stableTimer = this._register(new MutableDisposable());
  private running: Running | undefined;
  private generation = 0;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private disposed = false;
  private readonly waiters = new Set<DisposableStore>();

  constructor(
    private readonly options: ServerSupervisorOptions,
    private readonly ports: SupervisorPorts,
  ) {
    super();
    this.stderr = new StderrBuffer(options.stderrBufferBytes);
  }

  get serverName(): string {
    return this.options.name;
  }

  /** The running process's id, for the UI and for leak checks. */
  get pid(): number | undefined {
    return this.running?.process.pid;
  }

  get state(): ServerState {
    return this._state;
  }

  /** The server's tools (every page), or undefined while it is not ready. */
  tools(): readonly McpTool[] | undefined {
    return this._state.kind === 'ready' ? this._state.tools : undefined;
  }

  initializeInfo(): HandshakeInfo | undefined {
    return this._state.kind === 'ready' ? this._state.handshake : undefined;
  }

  /** The last `count` stderr lines (bounded by bytes, across restarts). */
  stderrLines(count?: number): string[] {
    return this.stderr.lines(count);
  }

  /** Why the server is not ready, in words, e.g. `The local server "github" exited with code 1: …`. */
  describeProblem(): string {
    const subject = `The local server "${this.options.name}"`;
    const problem = problemOf(this._state);
    switch (this._state.kind) {
      case 'ready':
        return `${subject} is ready.`;
      case 'starting':
        return problem ? `${subject} is restarting; it last ${problem}.` : `${subject} is starting.`;
      case 'backoff':
        return `${subject} ${problem}; it restarts in ${Math.ceil(this._state.delayMs / 1000)} s.`;
      default:
        return problem ? `${subject} ${problem}.` : `${subject} is ${this._state.kind}.`;
    }
  }

  start(): void {
    this.dispatch({ type: 'start' });
  }

  /** Stops the server (stdin, SIGTERM, SIGKILL) and resolves once it is stopped. */
  stop(): Promise<void> {
    this.dispatch({ type: 'stop' });
    return this.waitFor((state) => state.kind === 'stopped', Infinity).then(() => undefined);
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  /** True once ready; false if not ready within `timeoutMs` or stopped for good. */
  async whenReady(timeoutMs: number): Promise<boolean> {
    if (this._state.kind === 'ready') return true;
    if (this._state.kind === 'stopped' || this._state.kind === 'stopping') return false;
    const state = await this.waitFor((s) => s.kind === 'ready' || s.kind === 'stopped', timeoutMs);
    return state?.kind === 'ready';
  }

  /**
   * Sends a request to the server with our own numeric id and resolves with its response (that
   * id included; the relay puts the caller's id back). Never rejects: a timeout, cancellation or
   * a server that is not ready becomes a JSON-RPC error response with the reason in words.
   * Cancelling sends `notifications/cancelled` to the server.
   */
  request(
    method: string,
    params: unknown,
    options: { timeoutMs?: number; cancellation?: CancellationToken } = {},
  ): Promise<RpcResponse> {
    const running = this.running;
    if (this._state.kind !== 'ready' || !running) {
      return Promise.resolve(errorResponse(null, RpcErrorCode.ConnectionClosed, this.describeProblem()));
    }
    return running.session.request(method, params, {
      timeoutMs: options.timeoutMs ?? this.options.requestTimeoutMs ?? 120_000,
      ...(options.cancellation ? { cancellation: options.cancellation } : {}),
    });
  }

  /** Ends the process (without waiting) and releases every timer and listener. */
  override dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const running = this.running;
    this.running = undefined;
    this.generation++;
    if (running) {
      running.session.dispose();
      running.listeners.dispose();
      running.process.dispose();
    }
    for (const waiter of [...this.waiters]) waiter.dispose();
    this.waiters.clear();
    super.dispose();
  }

  private dispatch(input: SupervisorInput): void {
    if (this.disposed) return;
    const before = this._state;
    const { state, effects } = transition(before, input, {
      now: this.ports.clock.now(),
      random: this.ports.random,
      backoff: this.options.backoff ?? DEFAULT_RESTART_BACKOFF,
      autoRestart: this.options.autoRestart ?? true,
    });
    this._state = state;
    if (state !== before) this.onStateChanged(before, state);
    for (const effect of effects) this.run(effect);
  }

  private onStateChanged(before: ServerState, state: ServerState): void {
    if (before.kind === 'ready' && state.kind !== 'ready') {
      this.pingTimer.clear();
      this.stableTimer.clear();
    }
    if (before.kind === 'starting' && state.kind !== 'starting') this.handshakeTimer.clear();
    if (state.kind !== before.kind) {
      const error = problemOf(state);
      this.ports.logger.log(error && state.kind !== 'starting' ? 'warn' : 'info', `local server ${state.kind}`, {
        server: this.options.name,
        ...(error ? { error } : {}),
      });
    }
    if (state.kind === 'ready' && before.kind !== 'ready') {
      this.schedulePing();
      if (state.attempt > 0) {
        this.stableTimer.value = this.ports.timers.setTimeout(
          () => this.dispatch({ type: 'stable' }),
          this.options.stableAfterMs ?? 60_000,
        );
      }
    }
    this._onDidChangeState.fire(state);
    if (state.kind === 'ready' && (before.kind !== 'ready' || before.tools !== state.tools)) {
      this._onDidChangeTools.fire(state.tools);
    }
  }

  private run(effect: SupervisorEffect): void {
    switch (effect.type) {
      case 'spawn':
        void this.launch(++this.generation);
        return;
      case 'closeProcess':
        void this.closeProcess();
        return;
      case 'scheduleRetry':
        this.retryTimer.value = this.ports.timers.setTimeout(() => this.dispatch({ type: 'retryDue' }), effect.delayMs);
        return;
      case 'cancelRetry':
        this.retryTimer.clear();
        return;
      case 'failPending':
        this.running?.session.close(effect.error);
        return;
    }
  }

  private async launch(generation: number): Promise<void> {
    const stale = () => this.disposed || generation !== this.generation;
    let child: LocalServerProcess;
    try {
      const spec = typeof this.options.spec === 'function' ? await this.options.spec() : this.options.spec;
      if (stale()) return;
      child = await this.ports.processes.spawn(spec);
    } catch (error) {
      if (!stale()) this.dispatch({ type: 'failed', error: describeSpawnError(error) });
      return;
    }
    if (stale()) {
      void child.close();
      return;
    }
    const subject = `The local server "${this.options.name}"`;
    const running: Running = {
      generation,
      process: child,
      session: new RpcSession((message) => child.send(message), this.ports.timers, subject),
      listeners: new DisposableStore(),
      stderrLines: 0,
    };
    this.running = running;
    running.listeners.add(
      child.onStderr((line) => {
        this.stderr.push(line);
        running.stderrLines++;
      }),
    );
    running.listeners.add(child.onMessage((message) => this.handleMessage(running, message)));
    running.listeners.add(child.onExit((exit) => this.handleExit(running, exit)));

    const handshakeMs = this.options.handshakeTimeoutMs ?? 10_000;
    this.handshakeTimer.value = this.ports.timers.setTimeout(
      () => this.dispatch({ type: 'timedOut', error: describeHandshakeTimeout(handshakeMs) }),
      handshakeMs,
    );
    const result = await performHandshake(
      running.session,
      this.options.clientInfo,
      this.options.protocolVersion ?? OFFERED_PROTOCOL_VERSION,
    );
    if (this.running !== running || this._state.kind !== 'starting') return;
    this.dispatch(result.ok ? { type: 'ready', tools: result.tools, handshake: result.handshake } : { type: 'failed', error: result.error });
  }

  private async closeProcess(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    this.generation++;
    this.handshakeTimer.clear();
    if (running) {
      running.session.close('was stopped');
      await running.process.close();
      running.listeners.dispose();
    }
    this.dispatch({ type: 'processGone' });
  }

  private handleExit(running: Running, exit: { code: number | null; signal: string | null }): void {
    if (this.running !== running) return;
    const tail = running.stderrLines > 0 ? this.stderr.lastMeaningfulLine(running.stderrLines) : undefined;
    this.dispatch({ type: 'failed', error: describeExit(exit, tail) });
  }

  private handleMessage(running: Running, message: JsonRpcMessage): void {
    if (this.running !== running || running.session.handleResponse(message)) return;
    const method = typeof message.method === 'string' ? message.method : undefined;
    if (method === undefined) return;
    if ('id' in message) {
      // A request from the server. We declare no client capabilities, so only ping is ours.
      const answer: JsonRpcMessage =
        method === 'ping'
          ? { jsonrpc: '2.0', id: message.id, result: {} }
          : { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: `Method not found: ${method}` } };
      running.process.send(answer).catch(() => undefined);
    } else if (method === 'notifications/tools/list_changed') {
      this.refreshTools(running);
    } else {
      this._onNotification.fire(message);
    }
  }

  /** Single-flight: a change announced during a refresh triggers one more refresh after it. */
  private refreshTools(running: Running): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        const timeoutMs = this.options.requestTimeoutMs ?? 120_000;
        const listed = await listAllTools(running.session, { timeoutMs });
        if (this.running !== running) break;
        if (listed.ok) this.dispatch({ type: 'toolsChanged', tools: listed.tools });
        else this.ports.logger.log('warn', 'local server tools refresh failed', { server: this.options.name, error: listed.error });
      } while (this.refreshAgain);
    })().finally(() => (this.refreshing = undefined));
  }

  /** Heartbeats reschedule after each answer (no drift, never two pings in flight). */
  private schedulePing(): void {
    const running = this.running;
    const interval = this.options.pingIntervalMs ?? 30_000;
    const timeoutMs = this.options.pingTimeoutMs ?? 10_000;
    if (!running || interval <= 0) return;
    this.pingTimer.value = this.ports.timers.setTimeout(() => {
      void running.session.request('ping', undefined, { timeoutMs }).then((answer) => {
        if (this.running !== running || this._state.kind !== 'ready') return;
        // Any answer, even "method not found", proves the server is alive.
        if (isErrorResponse(answer) && answer.error.code === RpcErrorCode.RequestTimeout) {
          this.dispatch({ type: 'timedOut', error: describePingTimeout(timeoutMs) });
        } else this.schedulePing();
      });
    }, interval);
  }

  /** Resolves with the first state that matches, or undefined on timeout or disposal. */
  private waitFor(predicate: (state: ServerState) => boolean, timeoutMs: number): Promise<ServerState | undefined> {
    if (predicate(this._state)) return Promise.resolve(this._state);
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const store = new DisposableStore();
      const finish = (state: ServerState | undefined) => {
        resolve(state);
        this.waiters.delete(store);
        store.dispose();
      };
      store.add(this.onDidChangeState((state) => predicate(state) && finish(state)));
      if (Number.isFinite(timeoutMs)) store.add(this.ports.timers.setTimeout(() => finish(undefined), timeoutMs));
      store.add({ dispose: () => resolve(undefined) });
      this.waiters.add(store);
    });
  }

  private logError(error: unknown): void {
    this.ports.logger.log('error', 'local server listener failed', { server: this.options.name, error: String(error) });
  }
}
