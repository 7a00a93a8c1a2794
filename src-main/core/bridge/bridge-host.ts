import type { DustApi } from '../dust/dust-api.js';
import type { AccessTokenSource } from '../dust/dust-http.js';
import type { ResultPoster } from '../dust/result-poster.js';
import type { ElicitationService } from '../elicitation/elicitation-service.js';
import type { OpenUrlConsent } from '../elicitation/url-mode.js';
import { Emitter } from '../emitter.js';
import { Disposable, DisposableStore } from '../lifecycle.js';
import type {
  Clock,
  EventStreams,
  Logger,
  McpProcesses,
  Random,
  ServerLaunchSpec,
  Timers,
} from '../ports.js';
import { DustConnection } from '../registration/dust-connection.js';
import type { RegistrationConfig } from '../registration/state.js';
import type { CallGate } from '../relay/relay-ports.js';
import { ServerSupervisor, type ServerSupervisorOptions } from '../servers/server-supervisor.js';
import { elicitFromPerson } from './elicit.js';
import { LocalClient } from './local-client.js';
import { ServerBridge, type ServerBridgeDeps } from './server-bridge.js';

export interface BridgedServer {
  /** The user's name for it (the `mcpServers` key). */
  name: string;
  /** The name Dust shows (5–30 characters). */
  dustName: string;
  /**
   * Called at every spawn (or connect), so `${secret:…}` placeholders are resolved from the
   * keychain only then.
   */
  spec: () => Promise<ServerLaunchSpec>;
  /** The tools the person switched off, read at each request. */
  switchedOffTools?: () => readonly string[];
  /**
   * A remote server (settings `url`): described as connecting/unreachable rather than
   * starting/crashed.
   */
  remote?: boolean;
  /** The folders it may see (MCP roots), read whenever the server asks; default none. */
  roots?: () => readonly string[];
}

export interface BridgeHostDeps {
  clock: Clock;
  timers: Timers;
  random: Random;
  logger: Logger;
  processes: McpProcesses;
  streams: EventStreams;
  api: DustApi;
  tokens: AccessTokenSource;
  poster: ResultPoster;
  gate: CallGate;
  observer: ServerBridgeDeps['observer'];
  appVersion: string;
  userAgent: string;
  connection?: Partial<RegistrationConfig>;
  supervisor?: Partial<Omit<ServerSupervisorOptions, 'name' | 'spec' | 'clientInfo'>>;
  relay?: ServerBridgeDeps['relay'];
  /** Where a local server's elicitation forms go to the person; absent (headless): declined. */
  elicitation?: ElicitationService;
  /** Main's "open this address?" for URL-mode elicitation; absent: URL mode is not offered. */
  openUrl?: OpenUrlConsent;
}

export type BridgeEvent =
  | { kind: 'state'; server: string }
  | { kind: 'serverId'; server: string; previous: string | undefined; next: string | undefined };

/**
 * Every bridged local server, built the same way for the desktop app, headless mode and the e2e
 * harness. Adds, removes and stops servers; tells listeners when anything about one changes.
 */
export class BridgeHost extends Disposable {
  private readonly bridges = new Map<
    string,
    { bridge: ServerBridge; listeners: DisposableStore }
  >();
  private readonly _onDidChange = this._register(new Emitter<BridgeEvent>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly deps: BridgeHostDeps) {
    super();
  }

  get(name: string): ServerBridge | undefined {
    return this.bridges.get(name)?.bridge;
  }

  names(): string[] {
    return [...this.bridges.keys()];
  }

  /** Builds and starts a bridge for the server; a server of the same name is replaced. */
  async add(server: BridgedServer): Promise<ServerBridge> {
    await this.remove(server.name);
    const { deps } = this;
    // The client answers the server's requests with the bridge's running calls; the bridge is built
    // below.
    const built: { bridge?: ServerBridge } = {};
    const elicit = deps.elicitation
      ? elicitFromPerson({
          serverName: server.name,
          service: deps.elicitation,
          relay: () => built.bridge?.relay,
          logger: deps.logger,
          ...(deps.openUrl ? { openUrl: deps.openUrl } : {}),
        })
      : undefined;
    const client = new LocalClient({
      serverName: server.name,
      roots: server.roots ?? (() => []),
      logger: deps.logger,
      ...(elicit ? { elicit, elicitUrls: deps.openUrl !== undefined } : {}),
    });
    const supervisor = new ServerSupervisor(
      {
        ...deps.supervisor,
        name: server.name,
        spec: server.spec,
        remote: server.remote === true,
        clientInfo: { name: 'dust-mcp-tray', version: deps.appVersion },
        client,
      },
      {
        processes: deps.processes,
        timers: deps.timers,
        clock: deps.clock,
        random: deps.random,
        logger: deps.logger,
      },
    );
    const connection = new DustConnection(server.dustName, {
      api: deps.api,
      streams: deps.streams,
      tokens: deps.tokens,
      clock: deps.clock,
      timers: deps.timers,
      random: deps.random,
      logger: deps.logger,
      userAgent: deps.userAgent,
      ...(deps.connection ? { config: deps.connection } : {}),
    });
    const bridge = new ServerBridge({
      connection,
      supervisor,
      gate: deps.gate,
      poster: deps.poster,
      clock: deps.clock,
      timers: deps.timers,
      observer: deps.observer,
      appVersion: deps.appVersion,
      ...(deps.relay ? { relay: deps.relay } : {}),
      ...(server.switchedOffTools ? { switchedOffTools: server.switchedOffTools } : {}),
    });
    built.bridge = bridge;
    const listeners = new DisposableStore();
    listeners.add(
      supervisor.onDidChangeState(() =>
        this._onDidChange.fire({ kind: 'state', server: server.name }),
      ),
    );
    listeners.add(
      connection.onDidChangeState(() =>
        this._onDidChange.fire({ kind: 'state', server: server.name }),
      ),
    );
    listeners.add(
      connection.onDidChangeServerId((change) =>
        this._onDidChange.fire({ kind: 'serverId', server: server.name, ...change }),
      ),
    );
    this.bridges.set(server.name, { bridge, listeners });
    bridge.start();
    return bridge;
  }

  /**
   * The folders a server may see changed: tells it (`notifications/roots/list_changed`), and it
   * asks again. No restart, so calls in flight are not lost.
   */
  rootsChanged(name: string): void {
    void this.bridges.get(name)?.bridge.supervisor.notify('notifications/roots/list_changed');
  }

  /** Stops one server: deregisters it and ends its process. */
  async remove(name: string): Promise<void> {
    const entry = this.bridges.get(name);
    if (!entry) return;
    this.bridges.delete(name);
    await entry.bridge.stop();
    entry.listeners.dispose();
    entry.bridge.dispose();
    this._onDidChange.fire({ kind: 'state', server: name });
  }

  /** Stops every server in parallel (shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all(this.names().map((name) => this.remove(name)));
  }

  override dispose(): void {
    for (const { bridge, listeners } of this.bridges.values()) {
      listeners.dispose();
      bridge.dispose();
    }
    this.bridges.clear();
    super.dispose();
  }
}
