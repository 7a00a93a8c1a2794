import { setTimeout as sleep } from 'node:timers/promises';

import type { ActivityLog } from '../core/activity/activity-log.js';
import type { BridgeHost } from '../core/bridge/bridge-host.js';
import { Disposable, MutableDisposable } from '../core/lifecycle.js';
import type { Clock, Timers } from '../core/ports.js';
import type { RegistrationState } from '../core/registration/state.js';
import type { ServerState } from '../core/servers/state.js';

export type BridgePhase = 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface ServerStatus {
  local: ServerState['kind'];
  dust: RegistrationState['kind'];
  serverId: string | null;
  words: string;
  lastCall: {
    at: string;
    tool: string | undefined;
    decision: string | undefined;
    outcome: string;
    ms: number;
  } | null;
  lastError: { at: string; message: string } | null;
}

export interface BridgeStatus {
  updatedAt: string;
  pid: number;
  version: string;
  dustUrl: string;
  workspaceId: string;
  phase: BridgePhase;
  reason: string | null;
  servers: Record<string, ServerStatus>;
}

export interface StatusFileDeps {
  host: BridgeHost;
  activity: ActivityLog;
  clock: Clock;
  timers: Timers;
  /** Writes the whole file atomically (temporary file + rename): a reader never sees half. */
  write: (text: string) => Promise<void>;
  onWriteError: (error: unknown) => void;
  /**
   * The one redaction point (known keychain secrets): `lastError`, words and reasons quote servers
   * and Dust.
   */
  redact: <T>(value: T) => T;
  info: { pid: number; version: string; dustUrl: string; workspaceId: string };
  /** Rewritten at least this often, so a reader can tell a live bridge from a hung one. */
  refreshMs?: number;
  /** And at most this often: under load every call is news, and each write is fsynced. */
  minIntervalMs?: number;
}

/**
 * `--status-file PATH`: a small JSON file kept up to date for health checks and monitoring
 * agents, so they need no network listener. Rewritten on every change (coalesced: one write at
 * a time, at most one every 250 ms, the latest state last) and every 30 s.
 */
export class StatusFile extends Disposable {
  private phase: BridgePhase = 'starting';
  private reason: string | null = null;
  private readonly lastCall = new Map<string, ServerStatus['lastCall']>();
  private readonly lastError = new Map<string, NonNullable<ServerStatus['lastError']>>();
  private readonly known = new Map<string, ServerStatus>();
  private readonly refresh = this._register(new MutableDisposable());
  private writing: Promise<void> | undefined;
  private dirty = false;
  /** Set by flush(): the last writes go out without the pause between writes. */
  private flushing = false;

  constructor(private readonly deps: StatusFileDeps) {
    super();
    this._register(deps.host.onDidChange((event) => this.observe(event.server)));
    this._register(
      deps.activity.onDidRecord((record) => {
        if (record.type !== 'outcome') return;
        const entry = deps.activity.get(record.id);
        if (!entry) return;
        this.lastCall.set(entry.server, {
          at: this.iso(record.at),
          tool: entry.tool,
          decision: entry.decision?.decision,
          outcome: record.outcome.kind,
          ms: Math.round(record.latencyMs),
        });
        this.schedule();
      }),
    );
    this.schedule();
  }

  setPhase(phase: BridgePhase, reason: string | null = null): void {
    this.phase = phase;
    this.reason = reason;
    this.schedule();
  }

  /** Resolves once the latest state is on disk. */
  async flush(): Promise<void> {
    this.flushing = true;
    this.schedule();
    while (this.writing) await this.writing;
  }

  snapshot(): BridgeStatus {
    for (const name of this.deps.host.names()) this.observe(name, false);
    const servers: Record<string, ServerStatus> = {};
    for (const [name, status] of this.known)
      servers[name] = {
        ...status,
        lastCall: this.lastCall.get(name) ?? null,
        lastError: this.lastError.get(name) ?? null,
      };
    const { info } = this.deps;
    return {
      updatedAt: this.iso(this.deps.clock.now()),
      ...info,
      phase: this.phase,
      reason: this.reason,
      servers,
    };
  }

  /** Remembers a server's latest state (a removed server keeps its last one, shown stopped). */
  private observe(name: string, write = true): void {
    const bridge = this.deps.host.get(name);
    const previous = this.known.get(name);
    if (!bridge) {
      if (previous)
        this.known.set(name, { ...previous, local: 'stopped', dust: 'stopped', serverId: null });
    } else {
      const local = bridge.supervisor.state;
      const dust = bridge.connection.state;
      this.known.set(name, {
        local: local.kind,
        dust: dust.kind,
        serverId: bridge.connection.serverId ?? null,
        words: bridge.supervisor.describeProblem(),
        lastCall: null,
        lastError: null,
      });
      const error = localError(local) ?? dustError(dust);
      if (error !== undefined && this.lastError.get(name)?.message !== error)
        this.lastError.set(name, { at: this.iso(this.deps.clock.now()), message: error });
    }
    if (write) this.schedule();
  }

  private schedule(): void {
    this.dirty = true;
    this.writing ??= this.writeLoop();
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        try {
          await this.deps.write(`${JSON.stringify(this.deps.redact(this.snapshot()), null, 2)}\n`);
        } catch (error) {
          this.deps.onWriteError(error);
        }
        // A plain (ref'd) timer: the port's timers are unref'd, and a pause they alone held
        // could let the process end before the latest state is written.
        if (this.dirty && !this.flushing) await sleep(this.deps.minIntervalMs ?? 250);
      }
    } finally {
      this.writing = undefined;
      if (!this._store.isDisposed)
        this.refresh.value = this.deps.timers.setTimeout(
          () => this.schedule(),
          this.deps.refreshMs ?? 30_000,
        );
    }
  }

  private iso(epochMs: number): string {
    return new Date(epochMs).toISOString();
  }
}

function localError(state: ServerState): string | undefined {
  switch (state.kind) {
    case 'crashed':
    case 'hung':
    case 'backoff':
      return state.error;
    default:
      return undefined;
  }
}

function dustError(state: RegistrationState): string | undefined {
  switch (state.kind) {
    case 'registerBackoff':
    case 'reconnecting':
      return state.lastError;
    case 'failed':
    case 'unauthorized':
      return state.reason;
    default:
      return undefined;
  }
}
