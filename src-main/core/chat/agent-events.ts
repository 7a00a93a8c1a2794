/**
 * Reads Dust's agent-message event stream (docs/protocol/conversations.md#message-events).
 *
 * Wire format: a named `dust-handshake` event first (`data: {}`), then unnamed frames
 * `data: {"eventId":"…","data":{type,…,step}}`, and `data: done` at the end on current Dust (older
 * versions just close: both are accepted). There are no `id:` lines; the resume cursor is the
 * `eventId` inside the JSON, sent back as `?lastEventId=`.
 */
import { isRecord } from '../is-record.js';

export type AgentFrame =
  | { kind: 'ignored' }
  | { kind: 'done' }
  | { kind: 'event'; eventId: string; event: ChatEvent }
  | { kind: 'invalid'; reason: string };

/** What Dust said about one action (tool call) of the agent message. */
export interface ActionInfo {
  actionId: string;
  toolName: string;
  /** `slug(serverName)__slug(tool)`, the name the model saw. */
  functionCallName: string | undefined;
  functionCallId: string | undefined;
  status: string;
  params: Record<string, unknown>;
  output: unknown[] | null;
}

export interface ApprovalRequestInfo {
  conversationId: string;
  messageId: string;
  actionId: string;
  toolName: string;
  serverName: string;
  /** Only `actions/blocked` carries it; the event does not. */
  serverId: string | undefined;
  inputs: Record<string, unknown>;
  stake: string;
}

export type ChatEvent =
  | { type: 'tokens'; channel: 'answer' | 'thinking'; text: string }
  | { type: 'tool_call_started'; toolName: string; toolCallId: string | undefined }
  | { type: 'tool_params'; action: ActionInfo }
  | { type: 'approval_needed'; approval: ApprovalRequestInfo }
  | { type: 'action_done'; action: ActionInfo }
  | { type: 'tool_error'; message: string }
  | { type: 'message_success'; content: string | null; chainOfThought: string | null }
  | { type: 'message_error'; code: string; message: string }
  | { type: 'message_cancelled' }
  | { type: 'other'; rawType: string };

/** After these Dust closes the stream and a client stops reconnecting (SDK's terminal set). */
export function isTerminal(event: ChatEvent): boolean {
  return (
    event.type === 'message_success' ||
    event.type === 'message_error' ||
    event.type === 'message_cancelled'
  );
}

/** Classifies one SSE event (its data and name). */
export function parseAgentFrame(data: string, eventName?: string): AgentFrame {
  if (eventName !== undefined && eventName !== '' && eventName !== 'message')
    return { kind: 'ignored' };
  if (data.trim() === 'done') return { kind: 'done' };
  let envelope: unknown;
  try {
    envelope = JSON.parse(data);
  } catch {
    return { kind: 'invalid', reason: 'A frame was not JSON.' };
  }
  if (!isRecord(envelope)) return { kind: 'invalid', reason: 'A frame was not a JSON object.' };
  const { eventId, data: payload } = envelope;
  // The handshake's `{}` carries nothing; the SDK skips it the same way.
  if (eventId === undefined && payload === undefined) return { kind: 'ignored' };
  if (
    typeof eventId !== 'string' ||
    eventId === '' ||
    !isRecord(payload) ||
    typeof payload.type !== 'string'
  ) {
    return { kind: 'invalid', reason: 'A frame had no eventId or no typed data.' };
  }
  return { kind: 'event', eventId, event: toChatEvent(payload) };
}

/** Maps one event payload to the app's vocabulary; unknown types become `other`. */
export function toChatEvent(payload: Record<string, unknown>): ChatEvent {
  const type = String(payload.type);
  switch (type) {
    case 'generation_tokens': {
      const classification = payload.classification;
      if (classification !== 'tokens' && classification !== 'chain_of_thought')
        return { type: 'other', rawType: type };
      return {
        type: 'tokens',
        channel: classification === 'tokens' ? 'answer' : 'thinking',
        text: str(payload.text) ?? '',
      };
    }
    case 'tool_call_started':
      return {
        type: 'tool_call_started',
        toolName: str(payload.toolName) ?? '',
        toolCallId: str(payload.toolCallId),
      };
    case 'tool_params':
    case 'agent_action_success': {
      const action = toAction(payload.action);
      if (!action) return { type: 'other', rawType: type };
      return type === 'tool_params'
        ? { type: 'tool_params', action }
        : { type: 'action_done', action };
    }
    case 'tool_approve_execution': {
      const metadata = isRecord(payload.metadata) ? payload.metadata : {};
      return {
        type: 'approval_needed',
        approval: {
          conversationId: str(payload.conversationId) ?? '',
          messageId: str(payload.messageId) ?? '',
          actionId: str(payload.actionId) ?? '',
          toolName: str(metadata.toolName) ?? '',
          serverName: str(metadata.mcpServerName) ?? '',
          serverId: str(metadata.mcpServerId),
          inputs: isRecord(payload.inputs) ? payload.inputs : {},
          stake: str(payload.stake) ?? 'low',
        },
      };
    }
    case 'tool_error':
      return { type: 'tool_error', message: errorOf(payload).message };
    case 'agent_message_success':
    case 'agent_message_gracefully_stopped': {
      const message = isRecord(payload.message) ? payload.message : {};
      return {
        type: 'message_success',
        content: str(message.content) ?? null,
        chainOfThought: str(message.chainOfThought) ?? null,
      };
    }
    case 'agent_error':
    case 'user_message_error':
      return { type: 'message_error', ...errorOf(payload) };
    case 'agent_generation_cancelled':
      return { type: 'message_cancelled' };
    default:
      return { type: 'other', rawType: type };
  }
}

/** One action as Dust serialises it, in an event's `action` or an agent message's `actions`. */
export function toAction(value: unknown): ActionInfo | undefined {
  if (!isRecord(value) || typeof value.sId !== 'string') return undefined;
  return {
    actionId: value.sId,
    toolName: str(value.toolName) ?? '',
    functionCallName: str(value.functionCallName),
    functionCallId: str(value.functionCallId),
    status: str(value.status) ?? 'unknown',
    params: isRecord(value.params) ? value.params : {},
    output: Array.isArray(value.output) ? (value.output as unknown[]) : null,
  };
}

function errorOf(payload: Record<string, unknown>): { code: string; message: string } {
  const error = isRecord(payload.error) ? payload.error : {};
  return {
    code: str(error.code) ?? 'unknown_error',
    message: str(error.message) ?? 'The agent failed without saying why.',
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
