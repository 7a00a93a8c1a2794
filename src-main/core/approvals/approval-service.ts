/**
 * The approval service: the imperative shell around the request book.
 *
 * It turns "the policy says ask" into a promise that settles exactly once: when the person
 * decides, when the deadline inside Dust's 3-minute budget passes (denied, so Dust hears a clear
 * reason instead of timing out), when Dust cancels the call, or when the app shuts down. One
 * timer per pending call, released as soon as the call is settled, so disposal leaves none.
 */
import { type CancellationToken, neverCancelled } from '../cancellation.js';
import { Emitter, type Event } from '../emitter.js';
import { Disposable, DisposableStore, type IDisposable } from '../lifecycle.js';
import type { Clock, Random, Timers } from '../ports.js';
import {
  type ApprovalDecision,
  type ApprovalDelta,
  type ApprovalSnapshot,
  computeDeadline,
  DEADLINE_SAFETY_MARGIN_MS,
  type DecidedBy,
  type DecideOutcome,
  DUST_TOOL_CALL_BUDGET_MS,
  type ToolInfo,
} from './approval-types.js';
import {
  addPending,
  type BookUpdate,
  cancel,
  decide,
  denyAll,
  emptyBook,
  expire,
  type RequestBook,
  settleByPolicy,
  snapshot,
} from './request-book.js';

export interface ApprovalRequest {
  /** Defaults to a fresh random id. */
  callId?: string;
  server: string;
  tool: string;
  arguments: unknown;
  agent?: string;
  conversationId?: string;
  policyReason?: string;
  /** When Dust published the request (epoch ms), if known; shortens the deadline of replays. */
  publishedAt?: number;
  toolInfo?: ToolInfo;
  /** Dust's id of the call, as the activity log keys it. */
  requestId?: string;
}

export interface ApprovalResult {
  callId: string;
  decision: ApprovalDecision;
  reason: string;
  by: DecidedBy;
}

export interface ApprovalServiceOptions {
  clock: Clock;
  timers: Timers;
  random: Random;
  /**
   * How long to wait for a person; capped inside Dust's budget by `computeDeadline`. A function is
   * read for each new call, so a change in Settings applies to the next call without a restart.
   */
  deadlineMs?: number | (() => number);
  historyLimit?: number;
  onListenerError?: (error: unknown) => void;
}

export const SHUTDOWN_REASON = 'Dust MCP Tray stopped before anyone answered';
export const CANCELLED_REASON = 'Dust cancelled the call';

export class ApprovalService extends Disposable {
  private book: RequestBook;
  private readonly perCall = new Map<
    string,
    { resolve: (result: ApprovalResult) => void; owned: DisposableStore }
  >();
  private readonly _onDidChange: Emitter<ApprovalDelta>;
  readonly onDidChange: Event<ApprovalDelta>;
  private readonly deadlineMs: () => number;
  private isShutDown = false;

  constructor(private readonly options: ApprovalServiceOptions) {
    super();
    this.book = emptyBook(options.historyLimit);
    const deadline = options.deadlineMs ?? DUST_TOOL_CALL_BUDGET_MS - DEADLINE_SAFETY_MARGIN_MS;
    this.deadlineMs = typeof deadline === 'function' ? deadline : () => deadline;
    this._onDidChange = this._register(new Emitter<ApprovalDelta>(options.onListenerError));
    this.onDidChange = this._onDidChange.event;
  }

  get pendingCount(): number {
    return this.book.pending.size;
  }

  /** Calls waiting for the person on one server (the gate caps them). */
  pendingCountFor(server: string): number {
    let count = 0;
    for (const call of this.book.pending.values()) if (call.server === server) count++;
    return count;
  }

  snapshot(): ApprovalSnapshot {
    return snapshot(this.book);
  }

  /**
   * Puts a call in front of the person; resolves once, however the call ends.
   *
   * Never rejects, except for a `callId` the book already knows (pending or recently decided):
   * that is a caller bug, since replays must be filtered before (the registration drops a seen
   * eventId, relay/in-flight-calls.ts a call id already running or answered).
   */
  requestApproval(
    request: ApprovalRequest,
    cancellation: CancellationToken = neverCancelled,
  ): Promise<ApprovalResult> {
    const { clock, random } = this.options;
    const callId = request.callId ?? random.hex(8);
    if (this.isShutDown) {
      return Promise.resolve({
        callId,
        decision: { verdict: 'deny' },
        reason: SHUTDOWN_REASON,
        by: 'shutdown',
      });
    }
    const now = clock.now();
    const update = addPending(this.book, {
      callId,
      nonce: random.hex(16),
      server: request.server,
      tool: request.tool,
      arguments: request.arguments,
      agent: request.agent,
      conversationId: request.conversationId,
      policyReason: request.policyReason,
      receivedAt: now,
      deadlineAt: computeDeadline(now, this.deadlineMs(), request.publishedAt),
      ...(request.toolInfo ? { toolInfo: request.toolInfo } : {}),
      ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
    });
    if (update.outcome === 'duplicate')
      return Promise.reject(new Error(`Call ${callId} is already known`));
    const promise = new Promise<ApprovalResult>((resolve) => {
      this.perCall.set(callId, { resolve, owned: new DisposableStore() });
    });
    this.apply(update);
    this.scheduleDeadline(callId);
    const owned = this.perCall.get(callId)?.owned;
    owned?.add(cancellation.onCancelled(() => this.cancel(callId, CANCELLED_REASON)));
    return promise;
  }

  /** A person's answer (from IPC, already schema-checked). */
  decide(callId: string, nonce: string, decision: ApprovalDecision): DecideOutcome {
    const reason =
      decision.verdict === 'deny' && decision.reason?.trim()
        ? `Denied by you: ${decision.reason.trim()}`
        : decision.verdict === 'approve' && decision.arguments
          ? 'Approved by you, with edited arguments'
          : undefined;
    const update = decide(this.book, {
      callId,
      nonce,
      decision,
      now: this.options.clock.now(),
      ...(reason ? { reason } : {}),
    });
    this.apply(update);
    return update.outcome;
  }

  /** Settles a pending call as denied (Dust cancelled it); false if it was not pending. */
  cancel(callId: string, reason: string = CANCELLED_REASON): boolean {
    const update = cancel(this.book, callId, reason, this.options.clock.now());
    this.apply(update);
    return update.outcome !== undefined;
  }

  /**
   * Denies every call whose deadline has passed on the wall clock. For a machine waking from
   * sleep: timers may run on a clock that stood still, while Dust's deadline did not.
   */
  expireDue(): void {
    this.apply(expire(this.book, this.options.clock.now()));
  }

  /**
   * Settles a waiting call by a permission or rule that now covers it; false if it was not waiting.
   */
  settleByPolicy(callId: string, verdict: 'approve' | 'deny', reason: string): boolean {
    const decision: ApprovalDecision =
      verdict === 'approve' ? { verdict, remember: { kind: 'once' } } : { verdict };
    const update = settleByPolicy(this.book, callId, decision, reason, this.options.clock.now());
    this.apply(update);
    return update.outcome !== undefined;
  }

  /** Denies every call waiting now with `reason` (sign-out); later calls still ask. */
  denyAllPending(reason: string): void {
    this.apply(denyAll(this.book, reason, this.options.clock.now()));
  }

  /** Denies every pending call with a reason, then releases timers and listeners. */
  override dispose(): void {
    if (!this.isShutDown) {
      this.isShutDown = true;
      this.apply(denyAll(this.book, SHUTDOWN_REASON, this.options.clock.now()));
    }
    super.dispose();
  }

  private scheduleDeadline(callId: string): void {
    const entry = this.perCall.get(callId);
    const call = this.book.pending.get(callId);
    if (!entry || !call) return;
    const { clock, timers } = this.options;
    const timer: IDisposable = timers.setTimeout(
      () => {
        entry.owned.delete(timer);
        this.apply(expire(this.book, clock.now()));
        // A timer can fire a little before the wall clock reaches the deadline: try again.
        this.scheduleDeadline(callId);
      },
      Math.max(0, call.deadlineAt - clock.now()),
    );
    entry.owned.add(timer);
  }

  private apply(update: BookUpdate<unknown>): void {
    this.book = update.book;
    for (const delta of update.deltas) {
      if (delta.kind === 'decided') {
        const entry = this.perCall.get(delta.decided.callId);
        if (entry) {
          this.perCall.delete(delta.decided.callId);
          entry.owned.dispose();
          const { callId, decision, reason, by } = delta.decided;
          entry.resolve({ callId, decision, reason, by });
        }
      }
      this._onDidChange.fire(delta);
    }
  }
}
