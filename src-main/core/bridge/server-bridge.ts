import { eventPublishedAt } from '../dust/request-frames.js';
import type { DeliveryOutcome, ResultPoster } from '../dust/result-poster.js';
import type { JsonRpcResponse } from '../jsonrpc.js';
import { Disposable, MutableDisposable } from '../lifecycle.js';
import type { Clock, Timers } from '../ports.js';
import type { DustConnection } from '../registration/dust-connection.js';
import { DEFAULT_RELAY_OPTIONS, McpRelay } from '../relay/mcp-relay.js';
import type { CallGate, RelayObserver } from '../relay/relay-ports.js';
import { SupervisorRelayTarget } from '../relay/supervisor-target.js';
import type { ServerSupervisor } from '../servers/server-supervisor.js';

export interface ServerBridgeDeps {
  connection: DustConnection;
  supervisor: ServerSupervisor;
  gate: CallGate;
  poster: ResultPoster;
  clock: Clock;
  timers: Timers;
  observer: RelayObserver & {
    onDelivery?(response: JsonRpcResponse, outcome: DeliveryOutcome): void;
  };
  appVersion: string;
  relay?: { toolsListWaitMs?: number; dustCallBudgetMs?: number };
  /** The tools the person switched off (hidden from Dust, refused if called). */
  switchedOffTools?: () => readonly string[];
}

const REPLAY_AGE_MS = 10_000;
const DUST_CALL_BUDGET_MS = 180_000;

/** How long shutdown waits for calls already running to finish before stopping anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * One local server, end to end: its process (supervisor), its Dust registration and request
 * stream (connection), and the relay between them behind the approval gate.
 *
 * Each answer goes back on the registration its request came from: after a re-registration,
 * Dust's waiting client listens on the old id's channel, not the new one.
 */
export class ServerBridge extends Disposable {
  readonly relay: McpRelay;
  private accepting = false;
  /** Until the local server first completes its handshake: then it registers with Dust. */
  private readonly untilFirstReady = this._register(new MutableDisposable());

  constructor(private readonly deps: ServerBridgeDeps) {
    super();
    this.relay = new McpRelay(
      new SupervisorRelayTarget(deps.supervisor, deps.switchedOffTools),
      deps.gate,
      deps.clock,
      deps.observer,
      {
        appVersion: deps.appVersion,
        toolsListWaitMs: deps.relay?.toolsListWaitMs ?? DEFAULT_RELAY_OPTIONS.toolsListWaitMs,
        dustCallBudgetMs: deps.relay?.dustCallBudgetMs ?? DEFAULT_RELAY_OPTIONS.dustCallBudgetMs,
      },
    );
    this._register(
      deps.connection.onMessage(({ message, serverId, eventId }) => {
        if (!this.accepting) return;
        this.relay.handle(message, {
          reply: (response) => this.post(serverId, response),
          publishedAt: this.replayPublishedAt(eventId),
        });
      }),
    );
    this._register(
      deps.supervisor.onNotification((message) => {
        if (message.method === 'notifications/progress')
          this.relay.handleLocalProgress(message.params);
      }),
    );
  }

  get connection(): DustConnection {
    return this.deps.connection;
  }

  get supervisor(): ServerSupervisor {
    return this.deps.supervisor;
  }

  /**
   * Starts the local server, and registers it with Dust once it has completed its handshake for
   * the first time: a server that cannot start is not offered to agents at all (nothing to call,
   * nothing attached in Ask). Once registered it stays so across crashes and restarts, and the
   * agent hears the reason in words.
   */
  start(): void {
    this.accepting = true;
    this.deps.supervisor.start();
    if (this.deps.supervisor.state.kind === 'ready') {
      this.deps.connection.start();
      return;
    }
    this.untilFirstReady.value = this.deps.supervisor.onDidChangeState((state) => {
      if (state.kind !== 'ready') return;
      this.untilFirstReady.clear();
      if (this.accepting) this.deps.connection.start();
    });
  }

  /**
   * Stops accepting requests, lets running calls finish (pending approvals are denied by the
   * approval service's own shutdown), deregisters, then ends the local process.
   */
  async stop(): Promise<void> {
    this.accepting = false;
    this.untilFirstReady.clear();
    await this.drain(DRAIN_TIMEOUT_MS);
    await this.deps.connection.stop();
    await this.deps.supervisor.stop();
  }

  override dispose(): void {
    this.accepting = false;
    this.relay.cancelAll();
    this.deps.connection.dispose();
    this.deps.supervisor.dispose();
    super.dispose();
  }

  private async drain(timeoutMs: number): Promise<void> {
    let timer: { dispose(): void } | undefined;
    await Promise.race([
      this.relay.drain(),
      new Promise<void>((resolve) => (timer = this.deps.timers.setTimeout(resolve, timeoutMs))),
    ]);
    timer?.dispose();
    if (this.relay.pendingCallCount > 0) this.relay.cancelAll();
  }

  /** Posts an answer on the registration its request came from (`serverId`). */
  private async post(serverId: string, response: JsonRpcResponse): Promise<void> {
    const outcome = await this.deps.poster.post(serverId, response);
    if (outcome.kind === 'registration_gone') this.deps.connection.registrationRefused(serverId);
    this.deps.observer.onDelivery?.(response, outcome);
  }

  /**
   * When Dust published a request that is clearly a replay (older than 10 s), so its approval
   * deadline counts from then. Fresh requests ignore the eventId's timestamp: it comes from
   * Dust's clock, and a few seconds of skew must not eat into the person's time.
   */
  private replayPublishedAt(eventId: string): number | undefined {
    const publishedAt = eventPublishedAt(eventId);
    if (publishedAt === undefined) return undefined;
    const age = this.deps.clock.now() - publishedAt;
    return age > REPLAY_AGE_MS && age < DUST_CALL_BUDGET_MS ? publishedAt : undefined;
  }
}
