import type { DustHttp } from '../dust/dust-http.js';
import {
  type AgentConfiguration,
  AgentConfigurationsResponse,
  agentMessageFor,
  type BlockedAction,
  BlockedActionsResponse,
  type Conversation,
  ConversationResponse,
  CreateConversationResponse,
  PostMessageResponse,
  SuccessResponse,
} from './chat-schemas.js';

/**
 * Who is speaking, as Dust's `context` wants it
 * (docs/protocol/conversations.md#create-conversation). `origin` is always `api`: the app says
 * honestly what it is (docs/protocol/conversations.md#origin-api) and never borrows the CLI's
 * User-Agent for `cli`.
 */
export interface SenderContext {
  username: string;
  timezone: string;
  fullName?: string | null;
  email?: string | null;
  profilePictureUrl?: string | null;
}

export interface OutgoingMessage {
  agentId: string;
  text: string;
  sender: SenderContext;
  /**
   * The registrations Dust may send tool calls to, for this one message only
   * (docs/protocol/conversations.md#post-message).
   */
  clientSideMCPServerIds: readonly string[];
}

export interface PostedMessage {
  conversationId: string;
  userMessageId: string;
  /**
   * Absent while the message waits behind a running answer (Dust's steering,
   * docs/protocol/conversations.md#steering).
   */
  agentMessageId: string | undefined;
  url: string | undefined;
  title: string | null | undefined;
}

export type ValidateDecision = 'approved' | 'rejected' | 'always_approved';

const TITLE_LENGTH = 60;

/**
 * Typed calls to Dust's conversation API for one workspace. Errors are DustHttp's typed errors;
 * usage refusals are worded by usage-problem.ts.
 */
export class ChatApi {
  constructor(
    private readonly http: DustHttp,
    readonly workspaceId: string,
  ) {}

  private path(rest: string): string {
    return `/api/v1/w/${encodeURIComponent(this.workspaceId)}/assistant${rest}`;
  }

  private conversationPath(conversationId: string, rest = ''): string {
    return this.path(`/conversations/${encodeURIComponent(conversationId)}${rest}`);
  }

  /** Active agents the user can mention, favourites first, for a picker. */
  async listAgents(): Promise<AgentConfiguration[]> {
    const { agentConfigurations } = await this.http.json(
      'GET',
      this.path('/agent_configurations'),
      AgentConfigurationsResponse,
    );
    return agentConfigurations
      .filter((agent) => agent.status === 'active')
      .sort(
        (a, b) =>
          Number(b.userFavorite ?? false) - Number(a.userFavorite ?? false) ||
          a.name.localeCompare(b.name),
      );
  }

  async createConversation(message: OutgoingMessage): Promise<PostedMessage> {
    const body = {
      title: titleFor(message.text),
      visibility: 'unlisted',
      message: {
        content: message.text,
        mentions: [{ configurationId: message.agentId }],
        context: contextFor(message),
      },
      contentFragments: [],
      blocking: false,
      skipToolsValidation: false,
    };
    const answer = await this.http.json(
      'POST',
      this.path('/conversations'),
      CreateConversationResponse,
      body,
    );
    const { conversation } = answer;
    const userMessageId = answer.message?.sId;
    if (userMessageId === undefined)
      throw new Error('Dust created the conversation without the message.');
    return {
      conversationId: conversation.sId,
      userMessageId,
      agentMessageId: agentMessageFor(conversation, userMessageId)?.sId,
      url: conversation.url,
      title: conversation.title,
    };
  }

  /**
   * A follow-up: the ids are sent again, since Dust keeps them on one message only
   * (docs/protocol/conversations.md#post-message).
   */
  async postMessage(conversationId: string, message: OutgoingMessage): Promise<PostedMessage> {
    const body = {
      content: message.text,
      mentions: [{ configurationId: message.agentId }],
      context: contextFor(message),
      blocking: false,
      skipToolsValidation: false,
    };
    const answer = await this.http.json(
      'POST',
      this.conversationPath(conversationId, '/messages'),
      PostMessageResponse,
      body,
    );
    const userMessageId = answer.message.sId;
    let agentMessageId =
      answer.agentMessages?.find((m) => m.parentMessageId === userMessageId)?.sId ??
      answer.agentMessages?.[0]?.sId;
    let conversation: Conversation | undefined;
    if (agentMessageId === undefined) {
      conversation = await this.getConversation(conversationId);
      agentMessageId = agentMessageFor(conversation, userMessageId)?.sId;
    }
    return {
      conversationId,
      userMessageId,
      agentMessageId,
      url: conversation?.url,
      title: conversation?.title,
    };
  }

  async getConversation(conversationId: string): Promise<Conversation> {
    return (
      await this.http.json('GET', this.conversationPath(conversationId), ConversationResponse)
    ).conversation;
  }

  async cancel(conversationId: string, messageIds: readonly string[]): Promise<void> {
    await this.http.json(
      'POST',
      this.conversationPath(conversationId, '/cancel'),
      SuccessResponse,
      { messageIds },
    );
  }

  async validateAction(
    conversationId: string,
    agentMessageId: string,
    actionId: string,
    approved: ValidateDecision,
  ): Promise<void> {
    const path = this.conversationPath(
      conversationId,
      `/messages/${encodeURIComponent(agentMessageId)}/validate-action`,
    );
    await this.http.json('POST', path, SuccessResponse, { actionId, approved });
  }

  async blockedActions(conversationId: string): Promise<BlockedAction[]> {
    return (
      await this.http.json(
        'GET',
        this.conversationPath(conversationId, '/actions/blocked'),
        BlockedActionsResponse,
      )
    ).blockedActions;
  }

  /** The public events URL; Dust answers 307 to `/api/sse/…`, which the stream adapter follows. */
  messageEventsUrl(
    conversationId: string,
    agentMessageId: string,
    lastEventId: string | undefined,
  ): string {
    const query = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
    return `${this.http.baseUrl}${this.conversationPath(conversationId, `/messages/${encodeURIComponent(agentMessageId)}/events`)}${query}`;
  }
}

function contextFor(message: OutgoingMessage) {
  const { sender } = message;
  return {
    username: sender.username,
    timezone: sender.timezone,
    ...(sender.fullName === undefined ? {} : { fullName: sender.fullName }),
    ...(sender.email === undefined ? {} : { email: sender.email }),
    ...(sender.profilePictureUrl === undefined
      ? {}
      : { profilePictureUrl: sender.profilePictureUrl }),
    origin: 'api',
    clientSideMCPServerIds:
      message.clientSideMCPServerIds.length > 0 ? [...message.clientSideMCPServerIds] : null,
  };
}

function titleFor(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line || 'Question';
}
