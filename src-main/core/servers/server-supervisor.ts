/**
 * Runs one local MCP server: spawn, handshake as its MCP client, tools cache, health checks,
 * restarts with backoff, and requests on behalf of the relay. States and transitions are in
 * state.ts and transition.ts; one process's protocol work is in server-connection.ts; this
 * class runs the effects and owns the timers (ARCHITECTURE.md#lifecycle, #state-machines).
 */
import type { BackoffOptions } from '../backoff.js';
import type { CancellationToken } from '../cancellation.js';
import { Emitter } from '../emitter.js';
import {
  JsonRpcErrorCode,
  type JsonRpcMessage,
  type JsonRpcResponse,
  makeErrorResponse,
} from '../jsonrpc.js';
import { Disposable, MutableDisposable } from '../lifecycle.js';
import type { Clock, Logger, McpProcesses, Random, ServerLaunchSpec, Timers } from '../ports.js';
import type { ClientRole } from './client-role.js';
import { OFFERED_PROTOCOL_VERSION } from './handshake.js';
import { OutputRedaction } from './output-redaction.js';
import { ServerConnection } from './server-connection.js';
import {
  type HandshakeInfo,
  type McpTool,
  problemOf,
  type ServerInfo,
  ServerState,
} from './state.js';
import { StateWaiters } from './state-waiters.js';
import { StderrBuffer } from './stderr-buffer.js';
import {
  DEFAULT_MAX_START_ATTEMPTS,
  DEFAULT_RESTART_BACKOFF,
  type SupervisorEffect,
  type SupervisorInput,
  transition,
} from './transition.js';
import { describeHandshakeTimeout, describeSpawnError, describeState } from './wording.js';

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
  spec: ServerLaunchSpec | (() => Promise<ServerLaunchSpec>);
  clientInfo: ServerInfo;
  protocolVersion?: string;
  /**
   * How long initialize + tools/list may take; default 60 s, the MCP SDK's request timeout. Not
   * shorter: the first `npx -y some-server` downloads the package before it can answer, and a
   * timeout that kills the download would make it fail forever.
   */
  handshakeTimeoutMs?: number;
  /** 0 turns the heartbeat off. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Default timeout of `request` (Dust gives a tools/call 3 minutes in all). */
  requestTimeoutMs?: number;
  /** Ready this long → the next crash backs off from the start again. */
  stableAfterMs?: number;
  backoff?: BackoffOptions;
  autoRestart?: boolean;
  /** Failed starts in a row before it stops retrying (default DEFAULT_MAX_START_ATTEMPTS). */
  maxAttempts?: number;
  stderrBufferBytes?: number;
  /**
   * Every secret the app knows (other servers' keychain values too), read at each use so a
   * secret saved later is covered; the spec's own `secrets` are added to it.
   */
  knownSecrets?: () => readonly string[];
  /** A remote server (reached over HTTP): the same life-cycle, told in words about connecting. */
  remote?: boolean;
  /** Our side as the server's MCP client (roots, elicitation…); default: ping only. */
  client?: ClientRole;
}

export class ServerSupervisor extends Disposable {
  private _state: ServerState = ServerState.stopped();
  private readonly _onDidChangeState = this._register(
    new Emitter<ServerState>((e) => this.logListenerError(e)),
  );
  private readonly _onDidChangeTools = this._register(
    new Emitter<readonly McpTool[]>((e) => this.logListenerError(e)),
  );
  private readonly _onNotification = this._register(
    new Emitter<JsonRpcMessage>((e) => this.logListenerError(e)),
  );
  private readonly _onDidWriteStderr = this._register(
    new Emitter<string>((e) => this.logListenerError(e)),
  );
  /** Every state change, with the problem in words in crashed, hung, backoff and stopped. */
  readonly onDidChangeState = this._onDidChangeState.event;
  readonly onDidChangeTools = this._onDidChangeTools.event;
  /** Notifications from the server other than tools/list_changed (progress, logging…). */
  readonly onNotification = this._onNotification.event;
  /** Each stderr line as it comes (for a live log view); `stderrLines()` has the recent past. */
  readonly onDidWriteStderr = this._onDidWriteStderr.event;

  private readonly stderr: StderrBuffer;
  private readonly waiters: StateWaiters<ServerState>;
  private readonly retryTimer = this._register(new MutableDisposable());
  private readonly handshakeTimer = this._register(new MutableDisposable());
  private readonly stableTimer = this._register(new MutableDisposable());
  private connection: ServerConnection | undefined;
  /** What the server says leaves only through here (output-redaction.ts). */
  private readonly redaction: OutputRedaction;
  /** Bumped whenever the current process is abandoned, so a late spawn knows it is stale. */
  private generation = 0;
  private disposed = false;

  constructor(
    private readonly options: ServerSupervisorOptions,
    private readonly ports: SupervisorPorts,
  ) {
    super();
    this.stderr = new StderrBuffer(options.stderrBufferBytes);
    this.redaction = new OutputRedaction(options.knownSecrets);
    this.waiters = this._register(
      new StateWaiters(() => this._state, this.onDidChangeState, ports.timers),
    );
  }

  get serverName(): string {
    return this.options.name;
  }

  get state(): ServerState {
    return this._state;
  }

  /** The running process's id, for the UI and for leak checks. */
  get pid(): number | undefined {
    return this.connection?.process.pid;
  }

  /** The server's tools (every page), or undefined while it is not ready. */
  tools(): readonly McpTool[] | undefined {
    return this._state.kind === 'ready' ? this._state.tools : undefined;
  }

  initializeInfo(): HandshakeInfo | undefined {
    return this._state.kind === 'ready' ? this._state.handshake : undefined;
  }

  /** The last `count` stderr lines (bounded by bytes, kept across restarts). */
  stderrLines(count?: number): string[] {
    return this.stderr.lines(count);
  }

  /** The state in words, e.g. `The local server "github" exited with code 1: …`. */
  describeProblem(): string {
    return describeState(this.options.name, this._state, this.options.remote ? 'remote' : 'local');
  }

  start(): void {
    this.dispatch({ type: 'start' });
  }

  /** Stops the server (stdin, SIGTERM, SIGKILL) and resolves once it is stopped. */
  async stop(): Promise<void> {
    this.dispatch({ type: 'stop' });
    await this.waiters.waitFor((state) => state.kind === 'stopped', Infinity);
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  /** True once ready; false if not ready within `timeoutMs`, or stopped. */
  async whenReady(timeoutMs: number): Promise<boolean> {
    if (
      this._state.kind === 'stopped' ||
      this._state.kind === 'stopping' ||
      this._state.kind === 'failed'
    )
      return false;
    const state = await this.waiters.waitFor(
      (s) => s.kind === 'ready' || s.kind === 'stopped' || s.kind === 'failed',
      timeoutMs,
    );
    return state?.kind === 'ready';
  }

  /**
   * Sends a request with our own numeric id and resolves with the server's response (that id
   * included; the relay puts the caller's id back). Never rejects: a timeout, a cancellation or
   * a server that is not ready becomes a JSON-RPC error response with the reason in words.
   * Cancelling also sends `notifications/cancelled` to the server.
   */
  async request(
    method: string,
    params: unknown,
    options: { timeoutMs?: number; cancellation?: CancellationToken } = {},
  ): Promise<JsonRpcResponse> {
    if (this._state.kind !== 'ready' || !this.connection) {
      return makeErrorResponse(null, JsonRpcErrorCode.ConnectionClosed, this.describeProblem());
    }
    const response = await this.connection.request(method, params, {
      timeoutMs: options.timeoutMs ?? this.requestTimeoutMs,
      cancellation: options.cancellation,
    });
    return this.redaction.value(response);
  }

  /** Ends the process (without waiting for it) and releases every timer and listener. */
  override dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    this.connection?.dispose();
    this.connection = undefined;
    // Told to no one (the emitters go with us), but `state`, `tools()` and `whenReady` stay true.
    this._state = ServerState.stopped(problemOf(this._state) || undefined);
    super.dispose();
  }

  private get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs ?? 120_000;
  }

  private dispatch(raw: SupervisorInput): void {
    if (this.disposed) return;
    const input = this.redaction.input(raw);
    const before = this._state;
    const { state, effects } = transition(before, input, {
      now: this.ports.clock.now(),
      random: this.ports.random,
      backoff: this.options.backoff ?? DEFAULT_RESTART_BACKOFF,
      autoRestart: this.options.autoRestart ?? true,
      maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_START_ATTEMPTS,
    });
    this._state = state;
    if (state !== before) this.onStateChanged(before, state);
    for (const effect of effects) this.run(effect);
  }

  private onStateChanged(before: ServerState, state: ServerState): void {
    if (before.kind === 'starting' && state.kind !== 'starting') this.handshakeTimer.clear();
    if (before.kind === 'ready' && state.kind !== 'ready') {
      this.connection?.stopPinging();
      this.stableTimer.clear();
    }
    if (state.kind === 'ready' && before.kind !== 'ready') {
      this.connection?.startPinging(
        this.options.pingIntervalMs ?? 30_000,
        this.options.pingTimeoutMs ?? 10_000,
      );
      if (state.attempt > 0) {
        const stableAfterMs = this.options.stableAfterMs ?? 60_000;
        this.stableTimer.value = this.ports.timers.setTimeout(
          () => this.dispatch({ type: 'stable' }),
          stableAfterMs,
        );
      }
    }
    if (state.kind !== before.kind) {
      const error = problemOf(state);
      const level = error && state.kind !== 'starting' ? 'warn' : 'info';
      this.ports.logger.log(level, `local server ${state.kind}`, {
        server: this.options.name,
        ...(error ? { error } : {}),
      });
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
        this.retryTimer.value = this.ports.timers.setTimeout(
          () => this.dispatch({ type: 'retryDue' }),
          effect.delayMs,
        );
        return;
      case 'cancelRetry':
        this.retryTimer.clear();
        return;
      case 'failPending':
        this.connection?.fail(effect.error);
        return;
    }
  }

  private async launch(generation: number): Promise<void> {
    const stale = () => this.disposed || generation !== this.generation;
    let connection: ServerConnection;
    try {
      const spec =
        typeof this.options.spec === 'function' ? await this.options.spec() : this.options.spec;
      if (stale()) return;
      this.redaction.useSpecSecrets(spec.secrets);
      const child = await this.ports.processes.spawn(spec);
      if (stale()) return void child.close();
      connection = this.connect(child);
    } catch (error) {
      if (!stale()) this.dispatch({ type: 'failed', error: describeSpawnError(error) });
      return;
    }
    // Started only once the process runs: reading the spec may wait on a keychain prompt.
    const handshakeMs = this.options.handshakeTimeoutMs ?? 60_000;
    this.handshakeTimer.value = this.ports.timers.setTimeout(
      () => this.dispatch({ type: 'timedOut', error: describeHandshakeTimeout(handshakeMs) }),
      handshakeMs,
    );
    const result = await connection.handshake(
      this.options.clientInfo,
      this.options.protocolVersion ?? OFFERED_PROTOCOL_VERSION,
    );
    if (this.connection !== connection || this._state.kind !== 'starting') return;
    if (!result.ok && connection.writeFailed) return;
    this.dispatch(
      result.ok
        ? { type: 'ready', tools: result.tools, handshake: result.handshake }
        : { type: 'failed', error: result.error },
    );
  }

  private connect(child: ServerConnection['process']): ServerConnection {
    const { timers, logger } = this.ports;
    const subject = `The ${this.options.remote ? 'remote' : 'local'} server "${this.options.name}"`;
    const deps = {
      name: this.options.name,
      timers,
      logger,
      stderr: this.stderr,
      requestTimeoutMs: this.requestTimeoutMs,
      redact: (text: string) => this.redaction.text(text),
      subject,
      ...(this.options.client ? { client: this.options.client } : {}),
    };
    const connection: ServerConnection = new ServerConnection(child, deps, {
      exited: (error) => this.connection === connection && this.dispatch({ type: 'failed', error }),
      pingTimedOut: (error) =>
        this.connection === connection && this.dispatch({ type: 'timedOut', error }),
      toolsChanged: (tools) =>
        this.connection === connection && this.dispatch({ type: 'toolsChanged', tools }),
      notification: (message) => this._onNotification.fire(this.redaction.value(message)),
      stderr: (line) => this._onDidWriteStderr.fire(line),
    });
    this.connection = connection;
    return connection;
  }

  /** Sends a notification to the running server, if any (e.g. its roots changed). */
  notify(method: string, params?: unknown): Promise<void> {
    return this.connection?.notify(method, params) ?? Promise.resolve();
  }

  private async closeProcess(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.generation++;
    await connection?.close();
    this.dispatch({ type: 'processGone' });
  }

  private logListenerError(error: unknown): void {
    this.ports.logger.log('error', 'local server listener failed', {
      server: this.options.name,
      error: String(error),
    });
  }
}
