import { Backoff } from '../core/backoff.js';
import type { BridgeHost } from '../core/bridge/bridge-host.js';
import { Disposable, MutableDisposable } from '../core/lifecycle.js';
import type { Clock, Random, Timers } from '../core/ports.js';

export interface HealthWatchDeps {
  host: BridgeHost;
  clock: Clock;
  timers: Timers;
  random: Random;
  /** How long Dust may refuse the token, once running, before giving up. */
  signedOutTimeoutMs: number;
  writeLine: (record: Record<string, unknown>) => void;
  /** The bridge cannot work: the caller stops it and exits 1 with `reason` on stderr. */
  onFatal: (reason: string) => void;
}

/**
 * Retries of a refused token: 5 s, 10 s, 20 s … at most a minute apart, never past the deadline.
 */
const SIGNED_OUT_RETRY = { initialMs: 5_000, maxMs: 60_000, jitter: 'equal' } as const;

/**
 * Decides when headless mode cannot work and should exit 1 for a supervisor (systemd, Docker,
 * Kubernetes) to restart it or alert, instead of running on signed out:
 * - at start, Dust refuses the token (401 before any server was registered);
 * - every server's first start failed, or Dust refused every server;
 * - once running, Dust refuses the token: logged, retried with backoff, fatal after the timeout.
 */
export class HealthWatch extends Disposable {
  private readonly everRegistered = new Set<string>();
  private readonly everReady = new Set<string>();
  private readonly firstStartFailed = new Map<string, string>();
  private signedOutSince: number | undefined;
  private readonly backoff: Backoff;
  private readonly retryTimer = this._register(new MutableDisposable());
  private fatal = false;

  constructor(private readonly deps: HealthWatchDeps) {
    super();
    this.backoff = new Backoff(SIGNED_OUT_RETRY, deps.random);
    this._register(
      deps.host.onDidChange((event) => {
        if (event.kind === 'serverId') {
          if (event.next) this.everRegistered.add(event.server);
          return;
        }
        this.check();
      }),
    );
    // The servers started before this watch: take their state as it is now.
    for (const name of deps.host.names())
      if (deps.host.get(name)?.connection.serverId) this.everRegistered.add(name);
    this.check();
  }

  private check(): void {
    if (this.fatal) return;
    const { host } = this.deps;
    const names = host.names();
    const unauthorized: string[] = [];
    const refused: string[] = [];
    let registering = false;
    for (const name of names) {
      const bridge = host.get(name);
      if (!bridge) continue;
      const local = bridge.supervisor.state;
      if (local.kind === 'ready') this.everReady.add(name);
      else if (!this.everReady.has(name) && !this.firstStartFailed.has(name)) {
        const error =
          local.kind === 'crashed' || local.kind === 'hung' || local.kind === 'backoff'
            ? local.error
            : local.kind === 'stopped'
              ? local.lastError
              : undefined;
        if (error !== undefined) this.firstStartFailed.set(name, error);
      }
      const dust = bridge.connection.state;
      if (dust.kind === 'unauthorized') unauthorized.push(dust.reason);
      if (dust.kind === 'registering' || dust.kind === 'registerBackoff') registering = true;
      if (dust.kind === 'failed') refused.push(`${name}: ${dust.reason}`);
    }
    if (unauthorized.length > 0 && this.everRegistered.size === 0) {
      return this.giveUp(`Dust refused the token: ${unauthorized[0]}`);
    }
    if (names.length > 0 && names.every((name) => this.firstStartFailed.has(name))) {
      return this.giveUp(
        `No server could start. ${names.map((name) => `${name}: ${this.firstStartFailed.get(name)}`).join('; ')}`,
      );
    }
    if (names.length > 0 && refused.length === names.length) {
      return this.giveUp(`Dust refused every server. ${refused.join('; ')}`);
    }
    if (unauthorized.length > 0) this.whileSignedOut(unauthorized[0]!);
    // Back only once no retry is still waiting for Dust's answer.
    else if (this.signedOutSince !== undefined && !registering) this.signedInAgain();
  }

  private whileSignedOut(reason: string): void {
    const now = this.deps.clock.now();
    if (this.signedOutSince === undefined) this.signedOutSince = now;
    if (this.retryTimer.value) return;
    const remaining = this.signedOutSince + this.deps.signedOutTimeoutMs - now;
    if (remaining <= 0) {
      return this.giveUp(
        `Dust has refused the token for ${Math.round((now - this.signedOutSince) / 1000)} s (${reason}).`,
      );
    }
    const delayMs = Math.min(this.backoff.next(), remaining);
    this.deps.writeLine({ event: 'signedOut', reason, retryInMs: delayMs, exitInMs: remaining });
    this.retryTimer.value = this.deps.timers.setTimeout(() => {
      this.retryTimer.clear();
      const retried = this.retryAll();
      if (!retried) this.check();
    }, delayMs);
  }

  /** Asks every signed-out connection to register again; false when none was signed out. */
  private retryAll(): boolean {
    let any = false;
    for (const name of this.deps.host.names()) {
      const connection = this.deps.host.get(name)?.connection;
      if (connection?.state.kind === 'unauthorized') {
        any = true;
        connection.signedIn();
      }
    }
    // A retry refused again comes back through check() with the same `signedOutSince`.
    return any;
  }

  private signedInAgain(): void {
    this.deps.writeLine({
      event: 'signedIn',
      afterMs: this.deps.clock.now() - (this.signedOutSince ?? 0),
    });
    this.signedOutSince = undefined;
    this.backoff.reset();
    this.retryTimer.clear();
  }

  private giveUp(reason: string): void {
    this.fatal = true;
    this.retryTimer.clear();
    this.deps.onFatal(reason);
  }
}
