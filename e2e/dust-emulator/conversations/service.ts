/**
 * The conversation engine: posts turns, runs scripted agents, and owns the event logs, the
 * approval book and the fault switches. Routes only translate HTTP to these calls.
 *
 * Every agent message has its own channel in `messageLog` (append-only, exclusive cursor, 10-min
 * TTL); every conversation has one in `conversationLog`. The agent talks MCP through the
 * `AgentMcpClient` (see turn-io.ts), the fake Dust MCP client on the app's `mcp/requests` stream.
 */
import type { EmulatorClock } from '../clock.js';
import { EventLog } from '../http/event-log.js';
import type { AgentMcpClient } from '../mcp/agent-types.js';
import { errorMessage } from '../values.js';
import { ApprovalBook } from './approvals.js';
import {
  agentError,
  type AgentEvent,
  agentMessageDone,
  agentMessageNew,
  type ConversationEvent,
  conversationTitle,
  generationCancelled,
  isTerminal,
  userMessageNew,
} from './events.js';
import { type ConversationFaults, defaultFaults } from './faults.js';
import type { AgentMessageJson, ConversationRecord, UserMessageJson } from './model.js';
import { ConversationStore } from './store.js';
import { runTurn, type TurnIo } from './turn.js';
import { createTurnIo, type TurnEnv, type TurnRequest, type TurnStart } from './turn-io.js';

export type { TurnRequest } from './turn-io.js';

export interface ServiceDeps {
  clock: EmulatorClock;
  /** The fake Dust MCP client (`mcp/agent-client.ts`) on the app's `mcp/requests` stream. */
  agent: AgentMcpClient;
  /** Log history lifetime after the last publish. */
  logTtlMs?: number;
}

export class ConversationService {
  readonly store = new ConversationStore();
  readonly approvals = new ApprovalBook();
  readonly faults: ConversationFaults = defaultFaults();
  readonly messageLog: EventLog<AgentEvent>;
  readonly conversationLog: EventLog<ConversationEvent>;
  private readonly cancelled = new Set<string>();
  private readonly postTimes = new Map<string, number[]>();
  /** Steering messages waiting for the running agent of their conversation, oldest first. */
  private readonly steering = new Map<string, TurnRequest[]>();

  private readonly env: TurnEnv;

  constructor(private readonly deps: ServiceDeps) {
    this.messageLog = new EventLog({
      now: () => deps.clock.now(),
      ttlMs: deps.logTtlMs ?? 600_000,
    });
    this.conversationLog = new EventLog({
      now: () => deps.clock.now(),
      ttlMs: deps.logTtlMs ?? 600_000,
    });
    this.env = {
      clock: deps.clock,
      agent: deps.agent,
      faults: this.faults,
      approvals: this.approvals,
      messageLog: this.messageLog,
      nextActionId: () => this.store.actionIds.take(),
      isCancelled: (sId: string) => this.cancelled.has(sId),
      onTerminal: (conversation: ConversationRecord, agentMessage: AgentMessageJson) =>
        this.finishTurn(conversation, agentMessage),
    } satisfies TurnEnv;
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** Sliding one-minute window per actor (`MESSAGE_RATE_LIMIT_PER_ACTOR_PER_MINUTE`). */
  allowMessage(actor: string, limitPerMinute: number): boolean {
    const now = this.now();
    const recent = (this.postTimes.get(actor) ?? []).filter((t) => now - t < 60_000);
    const allowed = recent.length < limitPerMinute;
    if (allowed) recent.push(now);
    this.postTimes.set(actor, recent);
    return allowed;
  }

  /** `user_message_new` on the conversation channel (every posted user message). */
  announceUserMessage(conversation: ConversationRecord, userMessage: UserMessageJson): void {
    this.conversationLog.publish(conversation.sId, userMessageNew(this.now(), userMessage));
  }

  /** Creates the `created` agent message, announces it, and runs the agent in the background. */
  startTurn(request: TurnRequest): AgentMessageJson {
    const { conversation } = request;
    const agentMessage = this.store.addAgentMessage(
      conversation,
      request.userMessage,
      request.agent,
      this.now(),
    );
    this.conversationLog.publish(conversation.sId, agentMessageNew(this.now(), agentMessage));
    const start: TurnStart = { ...request, agentMessage };
    const io = createTurnIo(this.env, start);
    // Next macrotask: the POST answers first, with the agent message still `created` (as Dust).
    setImmediate(() => void this.run(start, io));
    return agentMessage;
  }

  /** A `pending` steering message: promoted and answered once the running turn ends. */
  queueSteering(request: TurnRequest): void {
    const queue = this.steering.get(request.conversation.sId) ?? [];
    queue.push(request);
    this.steering.set(request.conversation.sId, queue);
  }

  private async run(start: TurnStart, io: TurnIo): Promise<void> {
    const { agentMessage, userMessage } = start;
    await runTurn(
      {
        behaviour: start.agent.behaviour,
        content: userMessage.content,
        servers: start.servers,
        skipToolsValidation: start.skipToolsValidation,
        forcedError: this.faults.agentError,
        message: agentMessage,
      },
      io,
    ).catch((error: unknown) => {
      if (agentMessage.status !== 'created') return;
      const message = errorMessage(error);
      agentMessage.status = 'failed';
      agentMessage.error = { code: 'emulator_internal_error', message, metadata: null };
      const head = {
        created: this.now(),
        configurationId: start.agent.sId,
        messageId: agentMessage.sId,
      };
      io.emit(agentError(head, 0, agentMessage.error.code, message));
    });
  }

  /** Resolves when the message reached a terminal state, or after `timeoutMs` (blocking posts). */
  waitForTerminal(agentMessage: AgentMessageJson, timeoutMs: number): Promise<void> {
    if (agentMessage.status !== 'created') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(done, timeoutMs);
      const unsubscribe = this.messageLog.subscribe(agentMessage.sId, (event) => {
        if (isTerminal(event.data)) done();
      });
      function done(): void {
        timer.cancel();
        unsubscribe();
        resolve();
      }
    });
  }

  /** `POST …/cancel`: every still-running agent message among `ids` ends as `cancelled`. */
  cancel(conversation: ConversationRecord, ids: readonly string[]): void {
    for (const id of ids) {
      const message = this.store.message(conversation, id);
      if (message?.type !== 'agent_message' || message.status !== 'created') continue;
      message.status = 'cancelled';
      message.completedTs = this.now();
      const head = {
        created: this.now(),
        configurationId: message.configuration.sId,
        messageId: message.sId,
      };
      this.messageLog.publish(message.sId, generationCancelled(head, 0));
      this.cancelled.add(message.sId);
      for (const action of message.actions)
        if (action.status === 'blocked_validation_required') action.status = 'denied';
      this.approvals.release((action) => action.messageId === message.sId, 'cancelled');
      this.finishTurn(conversation, message);
    }
  }

  /** Conversation-channel bookkeeping once a turn ended: `agent_message_done`, then a title. */
  private finishTurn(conversation: ConversationRecord, agentMessage: AgentMessageJson): void {
    // A turn that failed while other calls of its step were still blocked leaves nothing pending.
    this.approvals.release((action) => action.messageId === agentMessage.sId, 'cancelled');
    this.conversationLog.publish(
      conversation.sId,
      agentMessageDone(this.now(), conversation.sId, agentMessage),
    );
    if (conversation.title === null) {
      const first = conversation.messages.find(
        (m): m is UserMessageJson => m.type === 'user_message',
      );
      conversation.title = `Emulated: ${(first?.content ?? 'conversation').slice(0, 30)}`;
      this.conversationLog.publish(
        conversation.sId,
        conversationTitle(this.now(), conversation.title),
      );
    }
    const next = this.steering.get(conversation.sId)?.shift();
    if (next === undefined) return;
    next.userMessage.visibility = 'visible';
    const promoted = {
      type: 'user_message_promoted',
      created: this.now(),
      messageId: next.userMessage.sId,
    };
    this.conversationLog.publish(conversation.sId, promoted);
    this.startTurn(next);
  }
}
