import { z } from 'zod';

import type { ApprovalRequestInfo, ChatEvent } from './agent-events.js';

/**
 * The shapes of Dust's conversation API answers we rely on
 * (docs/protocol/conversations.md#agent-configurations,
 * #create-conversation, #post-message, #message-events, #blocked-actions). Only what we read is required; extra fields pass through, and
 * open enums stay strings, so a new Dust status never turns a 200 into a format error.
 */

export const AgentConfiguration = z.looseObject({
  sId: z.string().min(1),
  name: z.string(),
  description: z.string().nullish(),
  pictureUrl: z.string().nullish(),
  status: z.string(),
  scope: z.string(),
  userFavorite: z.boolean().optional(),
});
export type AgentConfiguration = z.infer<typeof AgentConfiguration>;
export const AgentConfigurationsResponse = z.object({
  agentConfigurations: z.array(AgentConfiguration),
});

export const UserMessage = z.looseObject({
  type: z.literal('user_message'),
  sId: z.string(),
  content: z.string(),
  visibility: z.string().optional(),
  context: z.looseObject({ clientSideMCPServerIds: z.array(z.string()).nullish() }).optional(),
});
export type UserMessage = z.infer<typeof UserMessage>;

export const AgentMessage = z.looseObject({
  type: z.literal('agent_message'),
  sId: z.string(),
  parentMessageId: z.string().nullish(),
  status: z.string(),
  content: z.string().nullish(),
  chainOfThought: z.string().nullish(),
  configuration: z.looseObject({ sId: z.string() }).optional(),
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional() }).nullish(),
});
export type AgentMessage = z.infer<typeof AgentMessage>;

/** Other message kinds (content fragments…) are kept, unread. */
const AnyMessage = z.union([
  UserMessage,
  AgentMessage,
  z.looseObject({ type: z.string(), sId: z.string().optional() }),
]);

export const Conversation = z.looseObject({
  sId: z.string().min(1),
  title: z.string().nullish(),
  url: z.string().optional(),
  /**
   * One array of versions per rank; the last version is the current one
   * (docs/protocol/conversations.md#create-conversation).
   */
  content: z.array(z.array(AnyMessage)),
});
export type Conversation = z.infer<typeof Conversation>;

export const CreateConversationResponse = z.object({
  conversation: Conversation,
  message: UserMessage.optional(),
});
export const PostMessageResponse = z.object({
  message: UserMessage,
  agentMessages: z.array(AgentMessage).optional(),
});
export const ConversationResponse = z.object({ conversation: Conversation });
export const SuccessResponse = z.object({ success: z.boolean() });

export const BlockedAction = z.looseObject({
  actionId: z.string(),
  messageId: z.string(),
  conversationId: z.string(),
  status: z.string(),
  inputs: z.record(z.string(), z.unknown()).nullish(),
  stake: z.string().nullish(),
  metadata: z.looseObject({
    toolName: z.string(),
    mcpServerName: z.string(),
    mcpServerId: z.string().nullish(),
    mcpServerDisplayName: z.string().nullish(),
  }),
});
export type BlockedAction = z.infer<typeof BlockedAction>;
export const BlockedActionsResponse = z.object({ blockedActions: z.array(BlockedAction) });

/** The latest version of every message, in rank order. */
export function currentMessages(
  conversation: Conversation,
): Array<Conversation['content'][number][number]> {
  return conversation.content.flatMap((versions) => {
    const last = versions.at(-1);
    return last ? [last] : [];
  });
}

/**
 * The agent message answering `userMessageId`, as Dust's SDK looks it up
 * (docs/protocol/conversations.md#sdk-streaming).
 */
export function agentMessageFor(
  conversation: Conversation,
  userMessageId: string,
): AgentMessage | undefined {
  for (const message of currentMessages(conversation)) {
    const parsed = AgentMessage.safeParse(message);
    if (parsed.success && parsed.data.parentMessageId === userMessageId) return parsed.data;
  }
  return undefined;
}

/** How an agent message ended, as the event that would have said so; undefined while it runs. */
export function finalEventOf(
  conversation: Conversation,
  agentMessageId: string,
): ChatEvent | undefined {
  const message = currentMessages(conversation)
    .map((m) => AgentMessage.safeParse(m))
    .find((parsed) => parsed.success && parsed.data.sId === agentMessageId)?.data;
  switch (message?.status) {
    case 'succeeded':
      return {
        type: 'message_success',
        content: message.content ?? null,
        chainOfThought: message.chainOfThought ?? null,
      };
    case 'failed':
      return {
        type: 'message_error',
        code: message.error?.code ?? 'unknown_error',
        message: message.error?.message ?? 'The agent failed without saying why.',
      };
    case 'cancelled':
      return { type: 'message_cancelled' };
    default:
      return undefined;
  }
}

/**
 * The approvals still waiting in `actions/blocked` for one agent message, as the event says them.
 */
export function approvalsFromBlocked(
  blocked: readonly BlockedAction[],
  agentMessageId: string | undefined,
): ApprovalRequestInfo[] {
  return blocked
    .filter(
      (action) =>
        action.status === 'blocked_validation_required' && action.messageId === agentMessageId,
    )
    .map((action) => ({
      conversationId: action.conversationId,
      messageId: action.messageId,
      actionId: action.actionId,
      toolName: action.metadata.toolName,
      serverName: action.metadata.mcpServerName,
      serverId: action.metadata.mcpServerId ?? undefined,
      inputs: action.inputs ?? {},
      stake: action.stake ?? 'low',
    }));
}
