import { redact } from '../../core/activity/redact.js';
import type { AgentConfiguration } from '../../core/chat/chat-schemas.js';
import type {
  AgentTurn,
  ConversationView,
  ToolCallView,
  UserTurn,
} from '../../core/chat/conversation-state.js';
import type { AgentDto, ConversationDto, ToolCallDto } from '../../shared/contract/chat.js';

/**
 * Conversations → the window's DTOs. Every string is passed through the keychain-secret
 * redaction: an agent may echo a server's secret in its answer or a tool's output may carry it,
 * and the window must never display one (the same rule as the approval card).
 */
export function conversationDto(
  view: ConversationView,
  knownSecrets: Iterable<string>,
): ConversationDto {
  const dto: ConversationDto = {
    conversationId: view.conversationId,
    agentId: view.agentId,
    ...(view.title ? { title: view.title } : {}),
    ...(view.url ? { url: view.url } : {}),
    status: view.status,
    turns: view.turns.map((turn) =>
      turn.role === 'user' ? userTurnDto(turn) : agentTurnDto(turn),
    ),
    approvals: view.approvals.map((a) => ({
      actionId: a.actionId,
      toolName: a.toolName,
      serverName: a.serverName,
      inputs: a.inputs,
      stake: a.stake,
    })),
    lostServers: view.lostServers.map((lost) => ({
      server: lost.server,
      serverId: lost.serverId,
      ...(lost.nextServerId ? { nextServerId: lost.nextServerId } : {}),
      duringAnswer: lost.duringAnswer,
    })),
    ...(view.problem
      ? {
          problem: {
            message: view.problem.message,
            ...(view.problem.usage ? { usage: { ...view.problem.usage } } : {}),
          },
        }
      : {}),
    seq: view.seq,
  };
  return redact(dto, knownSecrets) as ConversationDto;
}

export function agentDto(agent: AgentConfiguration): AgentDto {
  return {
    sId: agent.sId,
    name: agent.name,
    ...(agent.description ? { description: agent.description } : {}),
  };
}

function userTurnDto(turn: UserTurn): ConversationDto['turns'][number] {
  return {
    role: 'user',
    messageId: turn.messageId,
    text: turn.text,
    servers: turn.servers.map((s) => ({ ...s })),
  };
}

function agentTurnDto(turn: AgentTurn): ConversationDto['turns'][number] {
  return {
    role: 'agent',
    ...(turn.messageId ? { messageId: turn.messageId } : {}),
    agentId: turn.agentId,
    text: turn.text,
    thinking: turn.thinking,
    status: turn.status,
    toolCalls: turn.toolCalls.map(toolCallDto),
    ...(turn.error ? { error: turn.error } : {}),
    reconnecting: turn.reconnecting,
  };
}

function toolCallDto(call: ToolCallView): ToolCallDto {
  return {
    key: call.key,
    ...(call.actionId ? { actionId: call.actionId } : {}),
    toolName: call.toolName,
    ...(call.serverName ? { serverName: call.serverName } : {}),
    local: call.local,
    params: call.params,
    status: call.status,
    ...(call.decision
      ? {
          decision: {
            verdict: call.decision.verdict,
            by: call.decision.by,
            ...(call.decision.reason ? { reason: call.decision.reason } : {}),
          },
        }
      : {}),
    ...(call.localApproval ? { localApproval: { ...call.localApproval } } : {}),
    output: call.output,
  };
}
