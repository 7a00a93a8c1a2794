/**
 * What a running turn can do (`TurnIo`), wired to the service's logs, approvals, faults and
 * the fake Dust MCP client (`mcp/agent-client.ts`).
 *
 * Pausing on approval (docs/protocol/emulator.md#chat-13): publish `tool_approve_execution`,
 * register the action in the approval book, and wait; on a decision the approval event is deleted
 * from the message log (Dust's `removeEvent`), so a client reconnecting from the start never sees
 * it again.
 */
import type { SeedAgent } from '../catalogue/agent-configurations.js';
import type { EmulatorClock } from '../clock.js';
import type { EventLog } from '../http/event-log.js';
import type { AgentMcpClient, ListToolsInput } from '../mcp/agent-types.js';
import type { ApprovalBook } from './approvals.js';
import { type AgentEvent, isTerminal } from './events.js';
import type { ConversationFaults } from './faults.js';
import { randomSId } from './ids.js';
import type {
  AgentActionJson,
  AgentMessageJson,
  ConversationRecord,
  UserMessageJson,
} from './model.js';
import type { AttachedServer, Decision, TurnIo } from './turn.js';

/** A turn to run: the user message it answers and who answers. */
export interface TurnRequest {
  conversation: ConversationRecord;
  userMessage: UserMessageJson;
  agent: SeedAgent;
  servers: AttachedServer[];
  skipToolsValidation: boolean;
}

export interface TurnStart extends TurnRequest {
  agentMessage: AgentMessageJson;
}

export interface TurnEnv {
  clock: EmulatorClock;
  agent: AgentMcpClient;
  faults: ConversationFaults;
  approvals: ApprovalBook;
  messageLog: EventLog<AgentEvent>;
  nextActionId(): number;
  isCancelled(agentMessageSId: string): boolean;
  /** Conversation-channel bookkeeping after a terminal event. */
  onTerminal(conversation: ConversationRecord, agentMessage: AgentMessageJson): void;
}

export function createTurnIo(env: TurnEnv, start: TurnStart): TurnIo {
  const { conversation, userMessage, agentMessage } = start;
  const userSId = userMessage.user?.sId ?? null;
  const scope = (serverId: string): ListToolsInput => ({
    workspaceId: conversation.workspace.sId,
    userId: userSId ?? '',
    serverId,
    conversationId: conversation.sId,
    messageId: agentMessage.sId,
  });
  const isCancelled = (): boolean => env.isCancelled(agentMessage.sId);
  return {
    now: () => env.clock.now(),
    isCancelled,
    emit: (event) => {
      if (isCancelled()) return;
      env.messageLog.publish(agentMessage.sId, event);
      if (isTerminal(event)) env.onTerminal(conversation, agentMessage);
    },
    listTools: async (server) => {
      if (env.faults.failListing)
        return { ok: false, error: 'initialize timed out (fault injection)' };
      const listed = await env.agent.listTools(scope(server.serverId));
      return listed.ok ? { ok: true, tools: listed.tools } : { ok: false, error: listed.message };
    },
    callTool: async (server, name, args, progressToken) => {
      const called = await env.agent.callTool({
        ...scope(server.serverId),
        toolName: name,
        arguments: args,
        progressToken,
        timeoutMs: env.faults.toolCallTimeoutMs,
      });
      if (!called.ok) return { ok: false, error: called.message };
      return { ok: true, content: called.result.content, isError: called.result.isError === true };
    },
    isAlwaysApproved: (serverId, toolName) =>
      env.approvals.isAlwaysApproved(userSId, serverId, toolName),
    waitForApproval: (action, server, isLast) =>
      waitForApproval(env, start, action, server, isLast),
    newActionId: () => ({ id: env.nextActionId(), sId: `act_${randomSId()}` }),
  };
}

/**
 * Publishes `tool_approve_execution` and pauses until a decision
 * (docs/protocol/emulator.md#chat-13).
 */
function waitForApproval(
  env: TurnEnv,
  start: TurnStart,
  action: AgentActionJson,
  server: AttachedServer,
  isLast: boolean,
): Promise<Decision> {
  const { conversation, userMessage, agentMessage } = start;
  return new Promise<Decision>((resolve) => {
    const timeoutMs = env.faults.approvalTimeoutMs;
    const timer =
      timeoutMs === null
        ? undefined
        : env.clock.setTimeout(() => {
            env.approvals.release((blocked) => blocked.actionId === action.sId, 'timeout');
          }, timeoutMs);
    env.approvals.block({
      actionId: action.sId,
      messageId: agentMessage.sId,
      conversationId: conversation.sId,
      userSId: userMessage.user?.sId ?? null,
      serverId: server.serverId,
      serverName: server.serverName,
      toolName: action.toolName,
      inputs: action.params,
      resolve: (decision) => {
        timer?.cancel();
        if (decision !== 'cancelled' && decision !== 'timeout') {
          env.messageLog.delete(
            agentMessage.sId,
            (event) =>
              event.data.type === 'tool_approve_execution' && event.data.actionId === action.sId,
          );
        }
        resolve(decision);
      },
    });
    env.messageLog.publish(agentMessage.sId, {
      type: 'tool_approve_execution',
      created: env.clock.now(),
      configurationId: agentMessage.configuration.sId,
      messageId: agentMessage.sId,
      conversationId: conversation.sId,
      actionId: action.sId,
      inputs: structuredClone(action.params),
      stake: 'low',
      metadata: {
        toolName: action.toolName,
        mcpServerName: server.serverName,
        agentName: 'agent',
        pubsubMessageId: action.sId,
      },
      isLastBlockingEventForStep: isLast,
      userId: userMessage.user?.sId,
      step: action.step,
    });
  });
}
