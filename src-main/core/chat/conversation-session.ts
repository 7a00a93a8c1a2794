/**
 * One conversation the app started: its view, the running answer's event stream, and the
 * approvals Dust asks about it. The service (conversation-service.ts) sends messages and routes
 * server and approval news here; this class turns all of it into immutable snapshots.
 */
import type { DecidedCall, PendingCall } from '../approvals/approval-types.js';
import { DustApiError } from '../dust/dust-errors.js';
import type { AccessTokenSource } from '../dust/dust-http.js';
import { errorMessage } from '../error-message.js';
import { Disposable, MutableDisposable } from '../lifecycle.js';
import type { EventStreams, Logger, Random, Timers } from '../ports.js';
import type { ApprovalRequestInfo, ChatEvent } from './agent-events.js';
import { type AttachedServers, ownServerFor } from './approval-merge.js';
import type { ChatApi } from './chat-api.js';
import { approvalsFromBlocked, finalEventOf } from './chat-schemas.js';
import {
  type AgentTurn,
  applyAgentEvent,
  type ConversationView,
  newAgentTurn,
  recordDecision,
  statusOf,
  type ToolDecision,
  type UserTurn,
} from './conversation-state.js';
import type { ServerIdChange } from './local-servers.js';
import { MessageStream, type StreamEnd } from './message-stream.js';
import {
  lostServersAfter,
  openLocalPrompts,
  withLocalDecision,
  withLocalPrompt,
} from './session-updates.js';
import { describeChatError } from './usage-problem.js';

export interface SessionDeps {
  api: ChatApi;
  streams: EventStreams;
  tokens: AccessTokenSource;
  timers: Timers;
  random: Pick<Random, 'next'>;
  logger: Logger;
  userAgent: string;
  nextSeq: () => number;
  emit: (view: ConversationView) => void;
  /** Withdraws our gate's prompt for a call whose answer ended without it. */
  withdrawLocalApproval: (callId: string, reason: string) => void;
  stream?: { maxAttempts?: number; backoff?: { initialMs: number; maxMs: number } };
}

export class ConversationSession extends Disposable {
  private current: ConversationView;
  private readonly stream = this._register(new MutableDisposable<MessageStream>());
  private agentMessageId: string | undefined;
  /** The servers the latest user message carried, by registered name. */
  private attached: AttachedServers = new Map();
  private readonly autoApproved = new Set<string>();

  constructor(
    private readonly deps: SessionDeps,
    initial: {
      conversationId: string;
      agentId: string;
      title: string | undefined;
      url: string | undefined;
    },
  ) {
    super();
    this.current = {
      ...initial,
      status: 'sending',
      turns: [],
      approvals: [],
      lostServers: [],
      problem: undefined,
      seq: deps.nextSeq(),
    };
  }

  get view(): ConversationView {
    return this.current;
  }

  get conversationId(): string {
    return this.current.conversationId;
  }

  get isAnswering(): boolean {
    const status = this.current.status;
    return status === 'answering' || status === 'awaiting_approval' || status === 'sending';
  }

  /** Records a posted message and follows the agent's answer. */
  begin(
    user: UserTurn,
    attached: AttachedServers,
    agentId: string,
    agentMessageId: string | undefined,
  ): void {
    this.attached = attached;
    this.agentMessageId = agentMessageId;
    const agent = newAgentTurn(agentId, agentMessageId);
    const failed: AgentTurn = {
      ...agent,
      status: 'failed',
      error: 'Dust did not start an answer for this message.',
    };
    this.update((view) => ({
      ...view,
      agentId,
      approvals: [],
      problem: undefined,
      turns: [...view.turns, user, agentMessageId ? agent : failed],
    }));
    if (agentMessageId) this.follow(agentMessageId);
  }

  /**
   * Shows a conversation rebuilt from Dust (restore.ts), following its answer if one still runs.
   */
  restore(
    turns: ReadonlyArray<UserTurn | AgentTurn>,
    runningAgentMessageId: string | undefined,
  ): void {
    const lastAgent = turns.findLast((t): t is AgentTurn => t.role === 'agent');
    this.agentMessageId = runningAgentMessageId ?? lastAgent?.messageId;
    this.update((view) => ({ ...view, turns: [...turns] }));
    if (runningAgentMessageId) this.follow(runningAgentMessageId);
  }

  private follow(messageId: string): void {
    const stream = new MessageStream(
      {
        streams: this.deps.streams,
        tokens: this.deps.tokens,
        timers: this.deps.timers,
        random: this.deps.random,
        userAgent: this.deps.userAgent,
        url: (cursor) => this.deps.api.messageEventsUrl(this.conversationId, messageId, cursor),
        ...this.deps.stream,
      },
      {
        onEvent: (event) => this.onEvent(event),
        onReconnecting: () => {
          this.updateAgent((turn) => ({ ...turn, reconnecting: true }));
          void this.recoverApprovals().catch((error: unknown) =>
            this.log('warn', 'could not read blocked actions', error),
          );
        },
        onConnected: () =>
          this.updateAgent((turn) => (turn.reconnecting ? { ...turn, reconnecting: false } : turn)),
        onEnd: (end) => this.onEnd(end),
      },
    );
    this.stream.value = stream;
    stream.start();
  }

  /** Cancels the running answer at Dust; the stream then ends with `agent_generation_cancelled`. */
  async stop(): Promise<void> {
    if (!this.agentMessageId || !this.isAnswering) return;
    await this.deps.api.cancel(this.conversationId, [this.agentMessageId]);
    // With no live stream to bring Dust's `agent_generation_cancelled`, say it ourselves.
    if (this.stream.value?.isFinished ?? true) this.onEvent({ type: 'message_cancelled' });
  }

  /** The person's answer to a Dust-side approval (a tool that is not ours). */
  async answerApproval(actionId: string, verdict: 'approve' | 'deny'): Promise<void> {
    const approval = this.current.approvals.find((a) => a.actionId === actionId);
    if (!approval) throw new Error('This approval is no longer pending.');
    await this.deps.api.validateAction(
      this.conversationId,
      approval.messageId,
      actionId,
      verdict === 'approve' ? 'approved' : 'rejected',
    );
    const decision: ToolDecision = {
      verdict: verdict === 'approve' ? 'approved' : 'denied',
      by: 'person',
    };
    this.update((view) => ({
      ...view,
      approvals: view.approvals.filter((a) => a.actionId !== actionId),
    }));
    this.updateAgent((turn) =>
      recordDecision(turn, (call) => call.actionId === actionId, decision),
    );
  }

  /**
   * Reads `actions/blocked`: after a drop the approval event may have been missed, or deleted from
   * the log (Dust removes it once answered, docs/protocol/conversations.md#validate-action), so the
   * event stream alone cannot be trusted.
   */
  async recoverApprovals(): Promise<void> {
    const blocked = await this.deps.api.blockedActions(this.conversationId);
    for (const approval of approvalsFromBlocked(blocked, this.agentMessageId))
      this.onEvent({ type: 'approval_needed', approval });
  }

  /** A local server got a new id or lost it: the messages that carried the old one lost it. */
  serverIdChanged(change: ServerIdChange): void {
    const lostServers = lostServersAfter(this.current, change, this.isAnswering);
    if (lostServers) this.update((view) => ({ ...view, lostServers }));
  }

  /** Our approval service started asking about a call of this conversation. */
  localApprovalAdded(call: PendingCall): void {
    this.updateAgent((turn) => withLocalPrompt(turn, call));
  }

  localApprovalDecided(decided: DecidedCall): void {
    this.updateAgent((turn) => withLocalDecision(turn, decided));
  }

  private onEvent(event: ChatEvent): void {
    const isLocal = (name: string) => this.attached.has(name);
    const ending = event.type === 'message_error' || event.type === 'message_cancelled';
    const asking = ending ? openLocalPrompts(this.lastAgent()) : [];
    this.updateAgent((turn) => applyAgentEvent(turn, event, isLocal));
    for (const callId of asking)
      this.deps.withdrawLocalApproval(callId, 'The answer ended before anyone decided');
    if (event.type === 'approval_needed') this.onApproval(event.approval);
    if (event.type === 'action_done') {
      this.update((view) => ({
        ...view,
        approvals: view.approvals.filter((a) => a.actionId !== event.action.actionId),
      }));
    }
    if (
      event.type === 'message_success' ||
      event.type === 'message_error' ||
      event.type === 'message_cancelled'
    ) {
      this.update((view) => ({ ...view, approvals: [] }));
    }
  }

  /** See approval-merge.ts: ours are approved at Dust's layer and decided by our gate. */
  private onApproval(approval: ApprovalRequestInfo): void {
    if (ownServerFor(approval, this.attached)) {
      if (this.autoApproved.has(approval.actionId)) return;
      this.autoApproved.add(approval.actionId);
      void this.deps.api
        .validateAction(this.conversationId, approval.messageId, approval.actionId, 'approved')
        .catch((error: unknown) => {
          // Already validated (a replay raced us) or gone (cancelled): nothing is waiting on us.
          if (
            error instanceof DustApiError &&
            ['action_not_blocked', 'action_not_found'].includes(error.type)
          )
            return;
          this.autoApproved.delete(approval.actionId);
          this.log('warn', 'could not pass a local tool call on to our approval gate', error);
          this.update((view) => ({
            ...view,
            problem: {
              message: `Could not let the agent call ${approval.toolName}: ${describeChatError(error)}`,
            },
          }));
        });
      return;
    }
    if (this.current.approvals.some((a) => a.actionId === approval.actionId)) return;
    this.update((view) => ({ ...view, approvals: [...view.approvals, approval] }));
  }

  private onEnd(end: StreamEnd): void {
    if (end.kind === 'failed') void this.settleFromConversation(end.message);
    if (end.kind === 'unauthorized')
      this.updateAgent((turn) => ({
        ...turn,
        status: 'failed',
        reconnecting: false,
        error: end.message,
      }));
  }

  /**
   * The stream is gone for good (e.g. its 10-minute log expired while we were offline): the
   * conversation itself still says how the answer ended, so read it before calling it a failure.
   */
  private async settleFromConversation(streamProblem: string): Promise<void> {
    const messageId = this.agentMessageId;
    const final = await this.deps.api
      .getConversation(this.conversationId)
      .then((conversation) => (messageId ? finalEventOf(conversation, messageId) : undefined))
      .catch(() => undefined);
    if (messageId !== this.agentMessageId) return;
    if (final) this.onEvent(final);
    else
      this.updateAgent((turn) => ({
        ...turn,
        status: 'failed',
        reconnecting: false,
        error: streamProblem,
      }));
  }

  private lastAgent(): AgentTurn | undefined {
    return this.current.turns.findLast((t): t is AgentTurn => t.role === 'agent');
  }

  private updateAgent(change: (turn: AgentTurn) => AgentTurn): void {
    const index = this.current.turns.findLastIndex((t) => t.role === 'agent');
    const turn = this.current.turns[index];
    if (!turn || turn.role !== 'agent') return;
    const next = change(turn);
    if (next !== turn)
      this.update((view) => ({
        ...view,
        turns: view.turns.map((t, i) => (i === index ? next : t)),
      }));
  }

  private update(change: (view: ConversationView) => ConversationView): void {
    if (this._store.isDisposed) return;
    const next = change(this.current);
    this.current = { ...next, status: statusOf(next), seq: this.deps.nextSeq() };
    this.deps.emit(this.current);
  }

  private log(level: 'warn' | 'info', message: string, error: unknown): void {
    this.deps.logger.log(level, `conversation ${this.conversationId}: ${message}`, {
      error: errorMessage(error),
    });
  }
}
