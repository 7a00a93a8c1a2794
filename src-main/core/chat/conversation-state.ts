/**
 * The conversation as the UI renders it, and the pure reduction of agent events into it.
 *
 *   user turn ──▶ agent turn: waiting ──tokens/tools──▶ streaming ──▶ succeeded | failed | cancelled
 *                                   tool call: preparing ──▶ awaiting_approval ──▶ running
 *                                                 ──▶ succeeded | errored | denied
 *
 * Snapshots are immutable; every change makes a new object with a higher `seq`, so a renderer
 * can apply the latest and ignore older ones (ARCHITECTURE.md#snapshot-then-subscribe).
 */
import type { ActionInfo, ApprovalRequestInfo, ChatEvent } from './agent-events.js';
import type { UsageProblem } from './usage-problem.js';

export type ToolCallStatus =
  'preparing' | 'awaiting_approval' | 'running' | 'succeeded' | 'errored' | 'denied';

/** Who answered an approval, and how. */
export interface ToolDecision {
  verdict: 'approved' | 'denied';
  /**
   * `local-gate`: our approval service or policy (for our servers); `person`: the Dust-side prompt.
   */
  by: 'local-gate' | 'person';
  reason?: string;
}

export interface ToolCallView {
  /** The action id once Dust created the action row; the model's call id before. */
  key: string;
  actionId: string | undefined;
  toolName: string;
  functionCallName: string | undefined;
  serverName: string | undefined;
  /** Whether the tool belongs to one of our local servers (its approval is ours). */
  local: boolean;
  params: Record<string, unknown>;
  status: ToolCallStatus;
  decision: ToolDecision | undefined;
  /** For a local call waiting on the approval service: what `ApprovalService.decide` needs. */
  localApproval: { callId: string; nonce: string } | undefined;
  output: unknown[] | null;
}

export interface UserTurn {
  role: 'user';
  messageId: string;
  text: string;
  /** The local servers this message carried, by name, with the id Dust was given. */
  servers: ReadonlyArray<{ name: string; serverId: string }>;
}

export type AgentTurnStatus = 'waiting' | 'streaming' | 'succeeded' | 'failed' | 'cancelled';

export interface AgentTurn {
  role: 'agent';
  messageId: string | undefined;
  agentId: string;
  text: string;
  thinking: string;
  status: AgentTurnStatus;
  toolCalls: readonly ToolCallView[];
  error: string | undefined;
  /** The event stream dropped and is being reopened. */
  reconnecting: boolean;
}

/** An approval Dust asks about a tool that is not ours: the person answers it in the UI. */
export type PendingDustApproval = ApprovalRequestInfo;

export interface LostServer {
  server: string;
  /** The id the message carried. */
  serverId: string;
  /** The new id, or undefined when the server is gone. */
  nextServerId: string | undefined;
  /** Whether it happened while the agent was still answering that message. */
  duringAnswer: boolean;
}

export type ConversationStatus =
  'sending' | 'answering' | 'awaiting_approval' | 'idle' | 'failed' | 'cancelled';

export interface ConversationView {
  conversationId: string;
  agentId: string;
  title: string | undefined;
  url: string | undefined;
  status: ConversationStatus;
  turns: ReadonlyArray<UserTurn | AgentTurn>;
  approvals: readonly PendingDustApproval[];
  lostServers: readonly LostServer[];
  problem: { message: string; usage?: UsageProblem } | undefined;
  seq: number;
}

export function newAgentTurn(agentId: string, messageId: string | undefined): AgentTurn {
  return {
    role: 'agent',
    messageId,
    agentId,
    text: '',
    thinking: '',
    status: 'waiting',
    toolCalls: [],
    error: undefined,
    reconnecting: false,
  };
}

/** Folds one agent event into the turn; `isLocal` says whether a server name is one of ours. */
export function applyAgentEvent(
  turn: AgentTurn,
  event: ChatEvent,
  isLocal: (serverName: string) => boolean,
): AgentTurn {
  const live = {
    ...turn,
    reconnecting: false,
    status: turn.status === 'waiting' ? ('streaming' as const) : turn.status,
  };
  switch (event.type) {
    case 'tokens':
      return event.channel === 'answer'
        ? { ...live, text: live.text + event.text }
        : { ...live, thinking: live.thinking + event.text };
    case 'tool_call_started':
      return {
        ...live,
        toolCalls: [
          ...live.toolCalls,
          toolCall(
            event.toolCallId ?? `call-${live.toolCalls.length}`,
            event.toolName,
            'preparing',
          ),
        ],
      };
    case 'tool_params':
      return { ...live, toolCalls: upsertAction(live.toolCalls, event.action) };
    case 'approval_needed': {
      const { actionId, serverName, toolName, inputs } = event.approval;
      const calls = live.toolCalls.some((c) => c.actionId === actionId)
        ? live.toolCalls
        : [
            ...live.toolCalls,
            { ...toolCall(actionId, toolName, 'preparing'), actionId, params: inputs },
          ];
      return {
        ...live,
        toolCalls: calls.map((c) =>
          c.actionId === actionId
            ? { ...c, serverName, local: isLocal(serverName), status: 'awaiting_approval' }
            : c,
        ),
      };
    }
    case 'action_done':
      return { ...live, toolCalls: upsertAction(live.toolCalls, event.action) };
    case 'tool_error':
      return live;
    case 'message_success':
      // The streamed text is kept: it is what the person watched; Dust's content is the fallback.
      return {
        ...live,
        status: 'succeeded',
        text: live.text === '' ? (event.content ?? '') : live.text,
        toolCalls: settle(live.toolCalls),
      };
    case 'message_error':
      return {
        ...live,
        status: 'failed',
        error: `The agent failed: ${event.message}`,
        toolCalls: settle(live.toolCalls),
      };
    case 'message_cancelled':
      return { ...live, status: 'cancelled', toolCalls: settle(live.toolCalls) };
    case 'other':
      return turn;
  }
}

/** Records who decided a tool call (the local gate or the person) on the matching call. */
export function recordDecision(
  turn: AgentTurn,
  match: (call: ToolCallView) => boolean,
  decision: ToolDecision,
): AgentTurn {
  let done = false;
  const toolCalls = turn.toolCalls.map((call) => {
    if (done || call.decision !== undefined || !match(call)) return call;
    done = true;
    return { ...call, decision, localApproval: undefined };
  });
  return done ? { ...turn, toolCalls } : turn;
}

/** The conversation's status, read from its last turn and the approvals still open. */
export function statusOf(view: Pick<ConversationView, 'turns' | 'approvals'>): ConversationStatus {
  const last = view.turns.at(-1);
  if (!last || last.role === 'user') return 'sending';
  switch (last.status) {
    case 'waiting':
    case 'streaming': {
      const waitingOnPerson =
        view.approvals.length > 0 || last.toolCalls.some((c) => c.localApproval !== undefined);
      return waitingOnPerson ? 'awaiting_approval' : 'answering';
    }
    case 'succeeded':
      return 'idle';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
  }
}

function toolCall(key: string, toolName: string, status: ToolCallStatus): ToolCallView {
  return {
    key,
    actionId: undefined,
    toolName,
    functionCallName: undefined,
    serverName: undefined,
    local: false,
    params: {},
    status,
    decision: undefined,
    localApproval: undefined,
    output: null,
  };
}

const ACTION_STATUS: Record<string, ToolCallStatus> = {
  blocked_validation_required: 'awaiting_approval',
  succeeded: 'succeeded',
  errored: 'errored',
  denied: 'denied',
};

function upsertAction(calls: readonly ToolCallView[], action: ActionInfo): ToolCallView[] {
  const status = ACTION_STATUS[action.status] ?? 'running';
  const fields = {
    actionId: action.actionId,
    toolName: action.toolName,
    functionCallName: action.functionCallName,
    params: action.params,
    status,
    output: action.output,
  };
  const byAction = calls.findIndex((c) => c.actionId === action.actionId);
  // Dust's call id (toolCallId) and the action's functionCallId need not match: pair the action
  // with the first call of that prefixed name that has no action yet.
  const index =
    byAction >= 0
      ? byAction
      : calls.findIndex((c) => c.actionId === undefined && c.toolName === action.functionCallName);
  if (index < 0)
    return [
      ...calls,
      { ...toolCall(action.actionId, action.toolName, status), ...fields, key: action.actionId },
    ];
  return calls.map((c, i) => (i === index ? { ...c, ...fields, key: action.actionId } : c));
}

/** At the end of a turn nothing is pending any more. */
function settle(calls: readonly ToolCallView[]): ToolCallView[] {
  return calls.map((c) => (c.localApproval ? { ...c, localApproval: undefined } : c));
}
