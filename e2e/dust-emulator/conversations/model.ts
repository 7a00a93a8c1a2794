/**
 * Conversation, message and action records, and their public JSON.
 *
 * Field sets follow `@dust-tt/client` 1.2.8 (`UserMessageSchema`, `AgentMessageTypeSchema`,
 * `AgentActionTypeSchema`, `ConversationSchema`): the SDK validates responses with zod, so every
 * required field is always present (docs/protocol/conversations.md#create-conversation,
 * #message-events).
 */
import type { LightAgentConfiguration } from '../catalogue/agent-configurations.js';

/** The author as Dust's `UserSchema` shows it. */
export interface UserJson {
  sId: string;
  id: number;
  createdAt: number;
  provider: string | null;
  username: string;
  email: string;
  firstName: string;
  lastName: string | null;
  fullName: string;
  image: string | null;
}

/** Dust's `WorkspaceSchema`, as embedded in `conversation.owner`. */
export interface WorkspaceJson {
  id: number;
  sId: string;
  name: string;
  role: string;
  segmentation: string | null;
  whiteListedProviders: string[] | null;
  defaultEmbeddingProvider: string | null;
  regionalModelsOnly: boolean;
}

export interface UserMessageContext {
  username: string;
  timezone: string;
  fullName: string | null;
  email: string | null;
  profilePictureUrl: string | null;
  origin: string;
  clientSideMCPServerIds?: string[] | null;
}

export interface UserMessageJson {
  type: 'user_message';
  id: number;
  sId: string;
  created: number;
  visibility: 'visible' | 'deleted' | 'pending';
  version: number;
  rank: number;
  user: UserJson | null;
  mentions: { configurationId: string }[];
  content: string;
  context: UserMessageContext;
}

export type ActionStatus =
  | 'blocked_validation_required'
  | 'ready_allowed_explicitly'
  | 'ready_allowed_implicitly'
  | 'running'
  | 'succeeded'
  | 'errored'
  | 'denied';

export interface AgentActionJson {
  id: number;
  sId: string;
  createdAt: number;
  updatedAt: number;
  mcpServerId: string | null;
  internalMCPServerName: string | null;
  toolName: string;
  agentMessageId: number;
  functionCallName: string;
  functionCallId: string;
  status: ActionStatus;
  params: Record<string, unknown>;
  step: number;
  executionDurationMs: number | null;
  citationsAllocated: number;
  output: unknown[] | null;
  generatedFiles: unknown[];
  displayLabels: { running: string; done: string } | null;
}

export type AgentMessageStatus = 'created' | 'succeeded' | 'failed' | 'cancelled';

export interface AgentMessageJson {
  type: 'agent_message';
  id: number;
  agentMessageId: number;
  sId: string;
  created: number;
  completedTs: number | null;
  visibility: 'visible' | 'deleted';
  version: number;
  rank: number;
  parentMessageId: string;
  parentAgentMessageId: string | null;
  configuration: LightAgentConfiguration;
  status: AgentMessageStatus;
  actions: AgentActionJson[];
  content: string | null;
  chainOfThought: string | null;
  rawContents: { step: number; content: string }[];
  error: { code: string; message: string; metadata: Record<string, unknown> | null } | null;
}

export type MessageJson = UserMessageJson | AgentMessageJson;

export interface ConversationRecord {
  id: number;
  sId: string;
  workspace: WorkspaceJson;
  created: number;
  updated: number;
  title: string | null;
  visibility: string;
  /** Author of the conversation; only they can validate its actions. */
  ownerUserSId: string | null;
  /** One entry per rank; Dust keeps versions, the emulator keeps exactly one per rank. */
  messages: MessageJson[];
}

/** The public conversation: `content` is an array of version arrays, one per rank. */
export function toConversationJson(
  conversation: ConversationRecord,
  baseUrl: string,
): Record<string, unknown> {
  return {
    id: conversation.id,
    sId: conversation.sId,
    created: conversation.created,
    updated: conversation.updated,
    title: conversation.title,
    visibility: conversation.visibility,
    unread: false,
    actionRequired: conversation.messages.some(
      (message) =>
        message.type === 'agent_message' &&
        message.actions.some((a) => a.status === 'blocked_validation_required'),
    ),
    owner: conversation.workspace,
    groupIds: [],
    requestedGroupIds: [],
    url: `${baseUrl}/w/${conversation.workspace.sId}/agent/${conversation.sId}`,
    content: conversation.messages.map((message) => [structuredClone(message)]),
  };
}
