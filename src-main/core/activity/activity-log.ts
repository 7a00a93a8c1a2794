/**
 * The activity log: what each request was, how it was decided and why, and how it ended.
 *
 * Bounded in memory (a ring: the oldest entry goes when a new one would exceed the capacity).
 * Every change is also emitted as an append-only record, which a Node adapter writes as one JSONL
 * line (`toJsonlLine`), rotating files as it likes; the log itself does no I/O. Secrets are
 * redacted when recorded, so neither memory nor disk ever holds them through here.
 */
import { Emitter, type Event } from '../emitter.js';
import type { IDisposable } from '../lifecycle.js';
import { OldestFirstMap } from '../oldest-first-map.js';
import type { Clock } from '../ports.js';
import { redact, redactText } from './redact.js';

export interface ActivityRequest {
  /** Unique per request (the approval callId, or the JSON-RPC id as a string). */
  id: string;
  server: string;
  method: string;
  tool?: string | undefined;
  agent?: string | undefined;
  conversationId?: string | undefined;
  arguments?: unknown;
}

export interface ActivityDecision {
  decision: 'allow' | 'deny';
  /** In words, e.g. "Allowed by your rule for filesystem/read_*". */
  reason: string;
  by: 'policy' | 'user' | 'deadline' | 'cancelled' | 'shutdown';
}

export type OutcomeKind = 'result' | 'tool_error' | 'failed' | 'cancelled' | 'denied';

export interface ActivityOutcome {
  kind: OutcomeKind;
  detail: string;
}

/** What the local server last said about a running call (`notifications/progress`). */
export interface ActivityProgress {
  /** `progress / total` when the server gave a total, between 0 and 1. */
  ratio?: number;
  message?: string;
}

export interface ActivityEntry extends ActivityRequest {
  /** Epoch ms. */
  receivedAt: number;
  /** The latest progress of a call still running (kept in memory, not journaled). */
  progress?: ActivityProgress;
  decision?: ActivityDecision & { decidedAt: number };
  outcome?: ActivityOutcome & { finishedAt: number; latencyMs: number };
}

/** One append-only change, as persisted. */
export type ActivityRecord =
  | { type: 'request'; at: number; entry: ActivityEntry }
  | { type: 'decision'; at: number; id: string; decision: ActivityDecision }
  | { type: 'outcome'; at: number; id: string; outcome: ActivityOutcome; latencyMs: number };

export interface ActivityLogOptions {
  clock: Clock;
  capacity?: number;
  /** Read at every record, so secrets added later are redacted too. */
  knownSecrets?: () => Iterable<string>;
}

const PROGRESS_INTERVAL_MS = 250;
const MAX_PROGRESS_MESSAGE = 500;

export class ActivityLog implements IDisposable {
  private readonly items = new OldestFirstMap<
    string,
    { entry: ActivityEntry; startedMono: number }
  >();
  private readonly capacity: number;
  private readonly _onDidRecord = new Emitter<ActivityRecord>();
  readonly onDidRecord: Event<ActivityRecord> = this._onDidRecord.event;
  private readonly _onDidProgress = new Emitter<string>();
  /** A running call's progress changed (its id): for the window, not for the journal. */
  readonly onDidProgress: Event<string> = this._onDidProgress.event;
  private readonly progressAt = new Map<string, number>();

  constructor(private readonly options: ActivityLogOptions) {
    this.capacity = options.capacity ?? 5000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1)
      throw new RangeError('Activity log capacity must be ≥ 1');
  }

  get size(): number {
    return this.items.size;
  }

  /** Starts an entry; a second request with the same id replaces the first. */
  recordRequest(request: ActivityRequest): ActivityEntry {
    const { clock } = this.options;
    const secrets = this.secrets();
    const entry: ActivityEntry = {
      ...request,
      ...(request.arguments === undefined ? {} : { arguments: redact(request.arguments, secrets) }),
      receivedAt: clock.now(),
    };
    this.items.set(entry.id, { entry, startedMono: clock.monotonic() });
    while (this.items.size > this.capacity) this.items.shift();
    this._onDidRecord.fire({ type: 'request', at: entry.receivedAt, entry });
    return entry;
  }

  /** Records how the call was decided; false if the entry is unknown (or already rotated out). */
  recordDecision(id: string, decision: ActivityDecision): boolean {
    const item = this.items.get(id);
    if (!item) return false;
    const at = this.options.clock.now();
    const clean = { ...decision, reason: redactText(decision.reason, this.secrets()) };
    item.entry = { ...item.entry, decision: { ...clean, decidedAt: at } };
    this._onDidRecord.fire({ type: 'decision', at, id, decision: clean });
    return true;
  }

  /** Records how the request ended; latency is measured on the monotonic clock. */
  recordOutcome(id: string, outcome: ActivityOutcome): boolean {
    const item = this.items.get(id);
    if (!item) return false;
    const { clock } = this.options;
    const at = clock.now();
    const latencyMs = Math.max(0, clock.monotonic() - item.startedMono);
    const clean = { ...outcome, detail: redactText(outcome.detail, this.secrets()) };
    this.progressAt.delete(id);
    item.entry = {
      ...withoutProgress(item.entry),
      outcome: { ...clean, finishedAt: at, latencyMs },
    };
    this._onDidRecord.fire({ type: 'outcome', at, id, outcome: clean, latencyMs });
    return true;
  }

  /**
   * Records a running call's progress. At most a few a second per call reach listeners (a server
   * may send thousands), except the one that completes the total; false if not recorded.
   */
  recordProgress(id: string, progress: ActivityProgress): boolean {
    const item = this.items.get(id);
    if (!item || item.entry.outcome) return false;
    const now = this.options.clock.monotonic();
    const last = this.progressAt.get(id);
    if (last !== undefined && now - last < PROGRESS_INTERVAL_MS && progress.ratio !== 1)
      return false;
    this.progressAt.set(id, now);
    const clean: ActivityProgress = {
      ...(progress.ratio === undefined ? {} : { ratio: progress.ratio }),
      ...(progress.message === undefined
        ? {}
        : { message: redactText(progress.message.slice(0, MAX_PROGRESS_MESSAGE), this.secrets()) }),
    };
    item.entry = { ...item.entry, progress: clean };
    this._onDidProgress.fire(id);
    return true;
  }

  get(id: string): ActivityEntry | undefined {
    return this.items.get(id)?.entry;
  }

  /** Oldest first; the last `limit` entries when a limit is given. */
  entries(limit?: number): readonly ActivityEntry[] {
    const all = [...this.items.values()].map((item) => item.entry);
    return limit === undefined ? all : all.slice(Math.max(0, all.length - limit));
  }

  /** The whole log as JSONL, one entry per line (the "export" button). */
  exportJsonl(): string {
    return this.entries().map(toJsonlLine).join('');
  }

  dispose(): void {
    this._onDidRecord.dispose();
    this._onDidProgress.dispose();
  }

  private secrets(): Iterable<string> {
    return this.options.knownSecrets?.() ?? [];
  }
}

/** A finished call shows no progress; most never had any (and then are not copied for it). */
function withoutProgress(entry: ActivityEntry): ActivityEntry {
  if (entry.progress === undefined) return entry;
  const { progress: _finished, ...rest } = entry;
  return rest;
}

/**
 * One JSON line with its newline. JSON.stringify escapes raw newlines inside strings, so a value
 * can never break a line in two; values JSON cannot hold (cycles, BigInt) become a marker.
 */
export function toJsonlLine(value: unknown): string {
  try {
    return `${JSON.stringify(value) ?? 'null'}\n`;
  } catch {
    return `${JSON.stringify({ unserializable: true })}\n`;
  }
}

/** Reads JSONL back (for the viewer and tests), skipping blank and damaged lines. */
export function parseJsonl(text: string): unknown[] {
  const values: unknown[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      // A line cut short by a crash mid-write; the rest of the file is still good.
    }
  }
  return values;
}
