import type { AuthService } from '../../core/auth/auth-service.js';
import type { AuthState } from '../../core/auth/auth-state.js';
import type { TokenSession } from '../../core/auth/token-session.js';
import type { BridgeHost } from '../../core/bridge/bridge-host.js';
import { type BridgeHostSetup, createBridgeHost } from '../../core/bridge/create-bridge-host.js';
import type { DustApi } from '../../core/dust/dust-api.js';
import type { DustHttp } from '../../core/dust/dust-http.js';
import { Emitter } from '../../core/emitter.js';
import { errorMessage } from '../../core/error-message.js';
import { Disposable, MutableDisposable } from '../../core/lifecycle.js';
import type { SecretStore } from '../../core/ports.js';
import { rootsOf } from '../../core/settings/entry-parts.js';
import { isRemoteEntry, type ServerEntry, type Settings } from '../../core/settings/schema.js';
import { enabledServers, resolveServerSpec } from '../../core/settings/server-spec.js';
import type { SettingsStore } from '../../core/settings/settings-store.js';
import { commandLineOfEntry } from '../consent/command-line.js';
import type { ConsentService } from '../consent/consent-service.js';

export type BridgeRuntimeDeps = Omit<BridgeHostSetup, 'dust' | 'tokens'> & {
  secrets: SecretStore;
  settings: SettingsStore;
  auth: AuthService;
  session: TokenSession;
  /** Only command lines the person confirmed are started; others are asked for first. */
  consent: Pick<ConsentService, 'isConfirmed' | 'requestStart' | 'forgetRefusal' | 'onDidChange'>;
};

/**
 * Keeps the bridged servers in step with the sign-in and the settings: a bridge host exists
 * while signed in to a workspace; enabled servers are added, changed ones restarted, removed or
 * disabled ones deregistered and stopped.
 */
export class BridgeRuntime extends Disposable {
  private readonly host = this._register(new MutableDisposable<BridgeHost>());
  private running: Map<string, string> = new Map();
  /** The roots each running server was last told about, to announce changes without a restart. */
  private announcedRoots: Map<string, string> = new Map();
  private context:
    { baseUrl: string; workspaceId: string; api: DustApi; http: DustHttp } | undefined;
  private sync: Promise<void> = Promise.resolve();
  private readonly _onDidChange = this._register(new Emitter<void>());
  /** Something about a server (state, serverId) or the set of servers changed. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly deps: BridgeRuntimeDeps) {
    super();
    this._register(deps.auth.onDidChange((state) => this.schedule(state)));
    this._register(deps.settings.onDidChange(() => this.schedule(deps.auth.state)));
    this._register(deps.consent.onDidChange(() => this.schedule(deps.auth.state)));
  }

  get bridgeHost(): BridgeHost | undefined {
    return this.host.value;
  }

  get api(): DustApi | undefined {
    return this.context?.api;
  }

  /** The signed-in workspace's Dust client, for the conversation API; undefined when signed out. */
  get dust(): { http: DustHttp; workspaceId: string } | undefined {
    return this.context;
  }

  /** Applies the current sign-in and settings (call once at start). */
  start(): Promise<void> {
    this.schedule(this.deps.auth.state);
    return this.sync;
  }

  /** Resolves once every sign-in or settings change seen so far has been applied. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.sync;
      await seen;
    } while (seen !== this.sync);
  }

  /** Stops every server (deregistering each) — shutdown. */
  async stop(): Promise<void> {
    await this.sync;
    await this.stopHost();
  }

  private async stopHost(): Promise<void> {
    await this.host.value?.stopAll();
    this.host.clear();
    this.running.clear();
    this.announcedRoots.clear();
    this.context = undefined;
  }

  private schedule(state: AuthState): void {
    this.sync = this.sync
      .then(() => this.apply(state))
      .catch((error: unknown) => {
        this.deps.logger.log('error', 'Could not apply the server settings', {
          error: errorMessage(error),
        });
      });
  }

  private async apply(state: AuthState): Promise<void> {
    if (state.kind !== 'signed-in') {
      if (this.host.value) await this.stopHost();
      this._onDidChange.fire();
      return;
    }
    if (
      !this.context ||
      this.context.baseUrl !== state.baseUrl ||
      this.context.workspaceId !== state.workspaceId
    ) {
      await this.stopHost();
      this.createHost(state.baseUrl, state.workspaceId);
    }
    await this.syncServers(this.deps.settings.settings);
    this._onDidChange.fire();
  }

  private createHost(baseUrl: string, workspaceId: string): void {
    // The workspace comes from the sign-in, and so do the tokens (refreshed by the session).
    const { host, api, dustHttp } = createBridgeHost({
      ...this.deps,
      dust: { baseUrl, workspaceId },
      tokens: this.deps.session,
    });
    host.onDidChange(() => this._onDidChange.fire());
    this.host.value = host;
    this.context = { baseUrl, workspaceId, api, http: dustHttp };
  }

  private async syncServers(settings: Settings): Promise<void> {
    const host = this.host.value;
    if (!host) return;
    const { consent } = this.deps;
    for (const [name, entry] of Object.entries(settings.mcpServers)) {
      if (!entry.enabled) consent.forgetRefusal(commandLineOfEntry(entry));
      else if (!consent.isConfirmed(commandLineOfEntry(entry)))
        consent.requestStart(name, commandLineOfEntry(entry));
    }
    // A command line nobody confirmed is not started, whatever wrote it into the settings.
    const wanted = new Map(
      enabledServers(settings)
        .filter((server) => consent.isConfirmed(commandLineOfEntry(server.entry)))
        .map((server) => [server.name, server]),
    );
    for (const name of [...this.running.keys()]) {
      const server = wanted.get(name);
      if (!server || fingerprint(server.dustName, server.entry) !== this.running.get(name)) {
        await host.remove(name);
        this.running.delete(name);
        this.announcedRoots.delete(name);
      }
    }
    for (const [name, server] of wanted) {
      const roots = JSON.stringify(rootsOf(server.entry));
      if (this.running.has(name)) {
        if (this.announcedRoots.get(name) !== roots) host.rootsChanged(name);
        this.announcedRoots.set(name, roots);
        continue;
      }
      this.running.set(name, fingerprint(server.dustName, server.entry));
      this.announcedRoots.set(name, roots);
      await host.add({
        name,
        dustName: server.dustName,
        remote: isRemoteEntry(server.entry),
        spec: () => resolveServerSpec(name, server.entry, this.deps.secrets),
        // Read live: switching a tool off needs no restart.
        switchedOffTools: () => this.deps.settings.settings.mcpServers[name]?.disabledTools ?? [],
        // Read from the settings at each ask, so a change is seen as soon as it is saved.
        roots: () => rootsOf(this.deps.settings.settings.mcpServers[name]),
      });
    }
  }
}

/**
 * What makes a running server stale: its Dust name or anything it is started (or connected) with.
 */
function fingerprint(dustName: string, entry: ServerEntry): string {
  if (isRemoteEntry(entry))
    return JSON.stringify([dustName, entry.url, entry.type ?? null, entry.headers]);
  return JSON.stringify([dustName, entry.command, entry.args, entry.env, entry.cwd ?? null]);
}
