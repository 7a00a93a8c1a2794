/**
 * In-memory conversations and messages of one emulator.
 *
 * Posting builds both rows before anyone answers, as Dust's `postUserMessage` does: the user
 * message, then (when an agent is mentioned) the agent message with `status:"created"` and
 * `parentMessageId` = the user message, so the response can include both
 * (docs/protocol/emulator.md#chat-7).
 */
import { type SeedAgent, toLightAgentConfiguration } from '../catalogue/agent-configurations.js';
import { IdSequence, randomSId } from './ids.js';
import type {
  AgentMessageJson,
  ConversationRecord,
  MessageJson,
  UserJson,
  UserMessageJson,
  WorkspaceJson,
} from './model.js';
import type { PostedMessage } from './validation.js';

export interface MessageLocation {
  conversation: ConversationRecord;
  message: MessageJson;
}

export class ConversationStore {
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly messages = new Map<string, MessageLocation>();
  readonly ids = new IdSequence(500);
  readonly agentMessageIds = new IdSequence(300);
  readonly actionIds = new IdSequence(9000);

  create(input: {
    workspace: WorkspaceJson;
    title: string | null;
    visibility: string;
    ownerUserSId: string | null;
    now: number;
  }): ConversationRecord {
    const conversation: ConversationRecord = {
      id: this.ids.take(),
      sId: randomSId(),
      workspace: input.workspace,
      created: input.now,
      updated: input.now,
      title: input.title,
      visibility: input.visibility === 'workspace' ? 'unlisted' : input.visibility,
      ownerUserSId: input.ownerUserSId,
      messages: [],
    };
    this.conversations.set(conversation.sId, conversation);
    return conversation;
  }

  get(workspaceSId: string, conversationSId: string): ConversationRecord | undefined {
    const conversation = this.conversations.get(conversationSId);
    return conversation?.workspace.sId === workspaceSId ? conversation : undefined;
  }

  message(conversation: ConversationRecord, messageSId: string): MessageJson | undefined {
    const found = this.messages.get(messageSId);
    return found?.conversation === conversation ? found.message : undefined;
  }

  /** Appends the user message; `pending` when it steers an agent that is still running. */
  addUserMessage(
    conversation: ConversationRecord,
    input: { user: UserJson | null; posted: PostedMessage; pending: boolean; now: number },
  ): UserMessageJson {
    const { posted, now } = input;
    const context: UserMessageJson['context'] = { ...posted.context };
    if (posted.context.clientSideMCPServerIds === null) delete context.clientSideMCPServerIds;
    const userMessage: UserMessageJson = {
      type: 'user_message',
      id: this.ids.take(),
      sId: randomSId(),
      created: now,
      visibility: input.pending ? 'pending' : 'visible',
      version: 0,
      rank: conversation.messages.length,
      user: input.user,
      mentions: posted.mentions,
      content: posted.content,
      context,
    };
    this.append(conversation, userMessage, now);
    return userMessage;
  }

  /** Appends the `created` agent message answering `userMessage`. */
  addAgentMessage(
    conversation: ConversationRecord,
    userMessage: UserMessageJson,
    agent: SeedAgent,
    now: number,
  ): AgentMessageJson {
    const agentMessage: AgentMessageJson = {
      type: 'agent_message',
      id: this.ids.take(),
      agentMessageId: this.agentMessageIds.take(),
      sId: randomSId(),
      created: now,
      completedTs: null,
      visibility: 'visible',
      version: 0,
      rank: conversation.messages.length,
      parentMessageId: userMessage.sId,
      parentAgentMessageId: null,
      configuration: toLightAgentConfiguration(agent, userMessage.user?.sId ?? null),
      status: 'created',
      actions: [],
      content: null,
      chainOfThought: null,
      rawContents: [],
      error: null,
    };
    this.append(conversation, agentMessage, now);
    return agentMessage;
  }

  /** The agent message of `agentSId` still running in this conversation, if any (steering). */
  runningAgentMessage(
    conversation: ConversationRecord,
    agentSId: string,
  ): AgentMessageJson | undefined {
    return conversation.messages.find(
      (m): m is AgentMessageJson =>
        m.type === 'agent_message' && m.status === 'created' && m.configuration.sId === agentSId,
    );
  }

  private append(conversation: ConversationRecord, message: MessageJson, now: number): void {
    conversation.messages.push(message);
    conversation.updated = now;
    this.messages.set(message.sId, { conversation, message });
  }
}
