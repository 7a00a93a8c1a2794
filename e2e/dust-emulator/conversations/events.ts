/**
 * Agent-message and conversation events, as the public streams carry them.
 *
 * Types and fields follow `AgentMessageEventTypeSchema` / `ConversationEventTypeSchema` of
 * `@dust-tt/client` and the catalogue in docs/protocol/conversations.md#event-catalogue,
 * #conversation-events. On the message stream every event also carries `step` (added by Dust's
 * `publishMessageEvent`).
 */
import type { AgentActionJson, AgentMessageJson, UserMessageJson } from './model.js';

/** A message-stream payload: `type` plus whatever that type carries, and `step`. */
export interface AgentEvent {
  type: string;
  created: number;
  step: number;
  [field: string]: unknown;
}

/** A conversation-stream payload. */
export interface ConversationEvent {
  type: string;
  created: number;
  [field: string]: unknown;
}

/** Types after which the message stream closes and the SDK stops reconnecting. */
export const TERMINAL_TYPES: ReadonlySet<string> = new Set([
  'agent_message_success',
  'agent_message_gracefully_stopped',
  'agent_error',
  'agent_generation_cancelled',
  'user_message_error',
]);

export const isTerminal = (event: { type: string }): boolean => TERMINAL_TYPES.has(event.type);

/** Common head of every message event: who is speaking, about which message. */
export interface EventHead {
  created: number;
  configurationId: string;
  messageId: string;
}

export const tokens = (
  head: EventHead,
  step: number,
  text: string,
  classification: 'tokens' | 'chain_of_thought',
): AgentEvent => ({ type: 'generation_tokens', ...head, text, classification, step });

export const toolCallStarted = (
  head: EventHead,
  step: number,
  toolName: string,
  toolCallId: string,
  toolCallIndex: number,
): AgentEvent => ({
  type: 'tool_call_started',
  ...head,
  toolName,
  toolCallId,
  toolCallIndex,
  step,
});

export const toolParams = (head: EventHead, action: AgentActionJson): AgentEvent => ({
  type: 'tool_params',
  ...head,
  action: structuredClone(action),
  runIds: [],
  step: action.step,
});

export const actionSuccess = (head: EventHead, action: AgentActionJson): AgentEvent => ({
  type: 'agent_action_success',
  ...head,
  action: structuredClone(action),
  step: action.step,
});

export const messageSuccess = (
  head: EventHead,
  step: number,
  message: AgentMessageJson,
  runIds: string[],
): AgentEvent => ({
  type: 'agent_message_success',
  ...head,
  message: structuredClone(message),
  runIds,
  step,
});

export const agentError = (
  head: EventHead,
  step: number,
  code: string,
  message: string,
): AgentEvent => ({
  type: 'agent_error',
  ...head,
  error: { code, message, metadata: null },
  runIds: [],
  step,
});

export const generationCancelled = (head: EventHead, step: number): AgentEvent => ({
  type: 'agent_generation_cancelled',
  ...head,
  status: 'cancelled',
  step,
});

export const userMessageNew = (created: number, message: UserMessageJson): ConversationEvent => ({
  type: 'user_message_new',
  created,
  messageId: message.sId,
  message: structuredClone(message),
});

export const agentMessageNew = (created: number, message: AgentMessageJson): ConversationEvent => ({
  type: 'agent_message_new',
  created,
  configurationId: message.configuration.sId,
  messageId: message.sId,
  message: structuredClone(message),
});

export const agentMessageDone = (
  created: number,
  conversationId: string,
  message: AgentMessageJson,
): ConversationEvent => ({
  type: 'agent_message_done',
  created,
  conversationId,
  configurationId: message.configuration.sId,
  messageId: message.sId,
});

export const conversationTitle = (created: number, title: string): ConversationEvent => ({
  type: 'conversation_title',
  created,
  title,
});
