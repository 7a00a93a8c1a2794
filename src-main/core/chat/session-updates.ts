/**
 * Pure updates of a conversation view from news that does not come from Dust's event stream:
 * a local server's id changing, and our approval gate asking about or deciding a call.
 */
import type { DecidedCall, PendingCall } from '../approvals/approval-types.js';
import {
  type AgentTurn,
  type ConversationView,
  recordDecision,
  type ToolDecision,
  type UserTurn,
} from './conversation-state.js';
import type { ServerIdChange } from './local-servers.js';

/**
 * The lost servers after `change`, or undefined when nothing changes. Only the last message
 * matters: Dust uses the ids of the message being answered
 * (docs/protocol/conversations.md#server-ids), and the next one will carry the current ids anyway.
 */
export function lostServersAfter(
  view: ConversationView,
  change: ServerIdChange,
  isAnswering: boolean,
): ConversationView['lostServers'] | undefined {
  const lastUser = view.turns.findLast((t): t is UserTurn => t.role === 'user');
  const carried = lastUser?.servers.find((s) => s.name === change.server);
  if (!carried || carried.serverId === change.next) return undefined;
  const known = view.lostServers.find((l) => l.serverId === carried.serverId);
  if (!known) {
    return [
      ...view.lostServers,
      {
        server: change.server,
        serverId: carried.serverId,
        nextServerId: change.next,
        duringAnswer: isAnswering,
      },
    ];
  }
  // Gone first, then registered again under a new id: say where it went.
  if (known.nextServerId === change.next) return undefined;
  return view.lostServers.map((l) => (l === known ? { ...l, nextServerId: change.next } : l));
}

/**
 * Links our gate's prompt to the tool call it is about, so the UI can show it inline. Without a
 * Dust-side approval event (a tool Dust need not ask about) the call was never marked local; a
 * call of that tool on no named server is then ours.
 */
export function withLocalPrompt(turn: AgentTurn, call: PendingCall): AgentTurn {
  const index = turn.toolCalls.findIndex(
    (c) =>
      (c.local || c.serverName === undefined) &&
      c.toolName === call.tool &&
      !c.decision &&
      !c.localApproval &&
      (c.status === 'running' || c.status === 'awaiting_approval'),
  );
  if (index < 0) return turn;
  const localApproval = { callId: call.callId, nonce: call.nonce };
  return {
    ...turn,
    toolCalls: turn.toolCalls.map((c, i) =>
      i === index ? { ...c, local: true, localApproval } : c,
    ),
  };
}

/** Records our gate's decision on the call whose prompt it was. */
export function withLocalDecision(turn: AgentTurn, decided: DecidedCall): AgentTurn {
  const decision: ToolDecision = {
    verdict: decided.decision.verdict === 'approve' ? 'approved' : 'denied',
    by: 'local-gate',
    reason: decided.reason,
  };
  return recordDecision(turn, (c) => c.localApproval?.callId === decided.callId, decision);
}

/** The ids of our gate's prompts still open in a turn. */
export function openLocalPrompts(turn: AgentTurn | undefined): string[] {
  return turn?.toolCalls.flatMap((c) => (c.localApproval ? [c.localApproval.callId] : [])) ?? [];
}
