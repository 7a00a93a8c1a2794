/**
 * Ask a Dust agent from the app, with our local servers attached ("Ask an agent").
 *
 * Dust routes tool calls to a client-side server only for messages whose
 * `context.clientSideMCPServerIds` lists it, and only for that message
 * (docs/protocol/conversations.md#server-ids), so every message reads the ids the bridge host has
 * *at send time*: after a re-registration the next message carries the new id. A conversation whose
 * last message carried an id that changed or vanished is told so (`lostServers`), since the agent
 * can no longer reach that server.
 *
 * Approvals of our own tools are merged with the local gate (approval-merge.ts); others are
 * listed in the view for the person to answer with `answerApproval`.
 *
 * The UI reads `list()` / `get()` and then follows `onDidChange` (each view carries a `seq`).
 */
import type { ApprovalDelta, ApprovalSnapshot } from '../approvals/approval-types.js';
import type { AccessTokenSource } from '../dust/dust-http.js';
import { Emitter, type Event } from '../emitter.js';
import { Disposable } from '../lifecycle.js';
import type { EventStreams, Logger, Random, Timers } from '../ports.js';
import type { AttachedServers } from './approval-merge.js';
import type { ChatApi, PostedMessage, SenderContext } from './chat-api.js';
import type { AgentConfiguration } from './chat-schemas.js';
import { ConversationSession, type SessionDeps } from './conversation-session.js';
import type { ConversationView, UserTurn } from './conversation-state.js';
import type { LocalServers } from './local-servers.js';
import { restoreConversation } from './restore.js';
import { describeChatError, toUsageProblem, type UsageProblem } from './usage-problem.js';

export interface ConversationServiceDeps {
  api: ChatApi;
  streams: EventStreams;
  tokens: AccessTokenSource;
  timers: Timers;
  random: Pick<Random, 'next'>;
  logger: Logger;
  userAgent: string;
  servers: LocalServers;
  /** Who is asking (from `/api/v1/me`) and their IANA time zone. */
  sender: () => Promise<SenderContext>;
  /** Our approval service, so each local call shows the gate's pending prompt and its decision. */
  localApprovals?: LocalApprovals;
  stream?: SessionDeps['stream'];
}

/** The part of the approval service the conversations use (ApprovalService fits it). */
export interface LocalApprovals {
  snapshot(): ApprovalSnapshot;
  readonly onDidChange: Event<ApprovalDelta>;
  /** Withdraws a prompt nobody needs to answer any more (the answer was stopped or failed). */
  cancel(callId: string, reason: string): boolean;
}

export interface AskInput {
  agentId: string;
  text: string;
  /** Local server names to attach; all connected servers when absent. */
  serverNames?: readonly string[];
}

/** A message Dust (or we) refused to send, in words; `usage` is set for usage refusals. */
export class ChatSendError extends Error {
  constructor(
    message: string,
    readonly usage: UsageProblem | undefined,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ChatSendError';
  }
}

export class ConversationService extends Disposable {
  private readonly sessions = new Map<string, ConversationSession>();
  private seq = 0;
  private readonly _onDidChange = this._register(new Emitter<ConversationView>());
  /** Every change of any conversation, as its new snapshot. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly deps: ConversationServiceDeps) {
    super();
    this._register(
      deps.servers.onDidChangeServerId((change) =>
        this.sessions.forEach((s) => s.serverIdChanged(change)),
      ),
    );
    if (deps.localApprovals) {
      this._register(
        deps.localApprovals.onDidChange((delta) => {
          if (delta.kind === 'added')
            this.sessions.get(delta.call.conversationId ?? '')?.localApprovalAdded(delta.call);
          else this.sessions.forEach((s) => s.localApprovalDecided(delta.decided));
        }),
      );
    }
  }

  /** Active agents for a picker, favourites first. */
  listAgents(): Promise<AgentConfiguration[]> {
    return this.deps.api.listAgents();
  }

  list(): ConversationView[] {
    return [...this.sessions.values()].map((s) => s.view);
  }

  get(conversationId: string): ConversationView | undefined {
    return this.sessions.get(conversationId)?.view;
  }

  /** Starts a conversation; resolves once Dust created it (the answer then streams). */
  async ask(input: AskInput): Promise<ConversationView> {
    const sender = await this.deps.sender();
    // Read after every await: a re-registration meanwhile must not send a stale id.
    const { ids, turnServers, attached } = this.pickServers(input.serverNames);
    const outgoing = {
      agentId: input.agentId,
      text: input.text,
      sender,
      clientSideMCPServerIds: ids,
    };
    const posted = await this.send(() => this.deps.api.createConversation(outgoing));
    const session = this.session(posted, input.agentId);
    session.begin(
      userTurn(posted, input.text, turnServers),
      attached,
      input.agentId,
      posted.agentMessageId,
    );
    return session.view;
  }

  /** A follow-up in a conversation this app started; `agentId` defaults to the last one asked. */
  async followUp(
    conversationId: string,
    input: Omit<AskInput, 'agentId'> & { agentId?: string },
  ): Promise<ConversationView> {
    const session = this.sessions.get(conversationId);
    if (!session) throw new ChatSendError('This conversation was not started here.', undefined);
    if (session.isAnswering)
      throw new ChatSendError(
        'The agent is still answering. Wait for it, or stop it first.',
        undefined,
      );
    const agentId = input.agentId ?? session.view.agentId;
    const sender = await this.deps.sender();
    const { ids, turnServers, attached } = this.pickServers(input.serverNames);
    const outgoing = { agentId, text: input.text, sender, clientSideMCPServerIds: ids };
    const posted = await this.send(() => this.deps.api.postMessage(conversationId, outgoing));
    session.begin(
      userTurn(posted, input.text, turnServers),
      attached,
      agentId,
      posted.agentMessageId,
    );
    return session.view;
  }

  /**
   * A conversation started here in an earlier run, read back from Dust so the person can go on
   * with it (`agentId`: who to mention when Dust's copy names no agent yet).
   */
  async open(conversationId: string, agentId: string): Promise<ConversationView> {
    const live = this.sessions.get(conversationId);
    if (live) return live.view;
    let conversation;
    try {
      conversation = await this.deps.api.getConversation(conversationId);
    } catch (error) {
      throw new ChatSendError(describeChatError(error), toUsageProblem(error), error);
    }
    // Another open() may have won the race while we read.
    const raced = this.sessions.get(conversationId);
    if (raced) return raced.view;
    const names = new Map(
      this.deps.servers.list().flatMap((s) => (s.serverId ? [[s.serverId, s.name] as const] : [])),
    );
    const restored = restoreConversation(conversation, (serverId) => names.get(serverId));
    const session = this.session(
      {
        conversationId,
        userMessageId: '',
        agentMessageId: undefined,
        url: conversation.url,
        title: conversation.title,
      },
      restored.agentId ?? agentId,
    );
    session.restore(restored.turns, restored.runningAgentMessageId);
    return session.view;
  }

  /** Cancels the running answer of a conversation. */
  stop(conversationId: string): Promise<void> {
    return this.required(conversationId).stop();
  }

  /** The person's answer to a Dust-side approval of a tool that is not ours. */
  answerApproval(
    conversationId: string,
    actionId: string,
    verdict: 'approve' | 'deny',
  ): Promise<void> {
    return this.required(conversationId).answerApproval(actionId, verdict);
  }

  /** Reads Dust's blocked actions, so an approval missed during a stream drop is not lost. */
  recoverApprovals(conversationId: string): Promise<void> {
    return this.required(conversationId).recoverApprovals();
  }

  override dispose(): void {
    this.sessions.forEach((s) => s.dispose());
    this.sessions.clear();
    super.dispose();
  }

  private required(conversationId: string): ConversationSession {
    const session = this.sessions.get(conversationId);
    if (!session) throw new Error('This conversation was not started here.');
    return session;
  }

  private session(posted: PostedMessage, agentId: string): ConversationSession {
    const session = new ConversationSession(
      {
        ...this.deps,
        nextSeq: () => ++this.seq,
        emit: (view) => this._onDidChange.fire(view),
        withdrawLocalApproval: (callId, reason) =>
          void this.deps.localApprovals?.cancel(callId, reason),
      },
      {
        conversationId: posted.conversationId,
        agentId,
        title: posted.title ?? undefined,
        url: posted.url,
      },
    );
    this.sessions.set(posted.conversationId, session);
    return session;
  }

  /** The current ids of the servers to attach (read now, never cached between messages). */
  private pickServers(names: readonly string[] | undefined) {
    const connected = this.deps.servers.list().filter((s) => s.serverId !== undefined);
    const missing = (names ?? []).filter((name) => !connected.some((s) => s.name === name));
    if (missing.length > 0) {
      throw new ChatSendError(
        `Not connected to Dust right now: ${missing.join(', ')}. Wait until it is connected, or leave it out.`,
        undefined,
      );
    }
    const picked = names ? connected.filter((s) => names.includes(s.name)) : connected;
    const turnServers = picked.map((s) => ({ name: s.name, serverId: s.serverId! }));
    const attached: AttachedServers = new Map(
      picked.map((s) => [s.dustName, { name: s.name, serverId: s.serverId! }]),
    );
    return { ids: turnServers.map((s) => s.serverId), turnServers, attached };
  }

  private async send(post: () => Promise<PostedMessage>): Promise<PostedMessage> {
    try {
      return await post();
    } catch (error) {
      throw new ChatSendError(describeChatError(error), toUsageProblem(error), error);
    }
  }
}

function userTurn(posted: PostedMessage, text: string, servers: UserTurn['servers']): UserTurn {
  return { role: 'user', messageId: posted.userMessageId, text, servers };
}
