/**
 * Which approval notifications are on screen: the first waiting call gets its own (agent and
 * tool named); while it waits, later calls fold into ONE summary ("5 calls waiting"), redrawn at
 * most once per `quietMs`. 3,000 published calls give a handful of notifications, not 3,000.
 */
import type { ApprovalService } from '../core/approvals/approval-service.js';
import type { PendingCall } from '../core/approvals/approval-types.js';
import { Disposable, MutableDisposable } from '../core/lifecycle.js';
import type { Clock, Timers } from '../core/ports.js';
import {
  type ApprovalNotification,
  approvalNotification,
  type NotifyContext,
  type PendingCallSummary,
  shouldNotify,
  waitingSummaryNotification,
} from './notification-policy.js';

export interface NoticeSink {
  show(notification: ApprovalNotification): void;
  close(requestId: string): void;
}

export interface ApprovalNoticesOptions {
  approvals: ApprovalService;
  clock: Clock;
  timers: Timers;
  sink: NoticeSink;
  /** Read at each new call: focus, settings, pause. */
  context: () => Omit<NotifyContext, 'alreadyNotified'>;
  /** The least time between two notifications; later changes are shown once it has passed. */
  quietMs?: number;
}

export const NOTICE_QUIET_MS = 10_000;

export class ApprovalNotices extends Disposable {
  /** Calls the person was told about (alone or in a summary) that still wait. */
  private readonly announced = new Set<string>();
  private shown: string | undefined;
  private lastShownAt = Number.NEGATIVE_INFINITY;
  private readonly redraw = this._register(new MutableDisposable());

  constructor(private readonly options: ApprovalNoticesOptions) {
    super();
    this._register(
      options.approvals.onDidChange((delta) =>
        delta.kind === 'added' ? this.added(delta.call) : this.decided(delta.decided.callId),
      ),
    );
  }

  private added(call: PendingCall): void {
    if (
      !shouldNotify({ ...this.options.context(), alreadyNotified: this.announced.has(call.callId) })
    )
      return;
    this.announced.add(call.callId);
    const wait =
      this.lastShownAt + (this.options.quietMs ?? NOTICE_QUIET_MS) - this.options.clock.now();
    if (wait <= 0) return this.render();
    this.redraw.value ??= this.options.timers.setTimeout(() => {
      this.redraw.clear();
      this.render();
    }, wait);
  }

  private decided(callId: string): void {
    if (!this.announced.delete(callId)) return;
    // Not redrawn (that would pop up again after every answer): closed when it names this call
    // or nothing it counted still waits. The tray keeps the count.
    if (this.shown !== undefined && (this.shown === callId || this.announced.size === 0)) {
      this.options.sink.close(this.shown);
      this.shown = undefined;
    }
    if (this.announced.size === 0) this.redraw.clear();
  }

  private render(): void {
    const waiting = this.options.approvals
      .snapshot()
      .pending.filter((call) => this.announced.has(call.callId));
    const oldest = waiting[0];
    const latest = waiting.at(-1);
    if (!oldest || !latest) return;
    const notification =
      waiting.length === 1
        ? approvalNotification(summary(oldest))
        : waitingSummaryNotification(waiting.length, summary(oldest), summary(latest));
    if (this.shown !== undefined && this.shown !== notification.requestId)
      this.options.sink.close(this.shown);
    this.options.sink.show(notification);
    this.shown = notification.requestId;
    this.lastShownAt = this.options.clock.now();
  }
}

function summary(call: PendingCall): PendingCallSummary {
  return {
    requestId: call.callId,
    agentName: call.agent ?? 'A Dust agent',
    toolName: call.tool,
    serverName: call.server,
  };
}
