/**
 * A conversation this app started in an earlier run, rebuilt from Dust's copy (`GET
 * …/conversations/{id}`) so the person can read it and go on with it here.
 *
 * Dust keeps the messages, not our view of them: the text, the answer, its status, the ids each
 * user message carried, and each answer's `actions` (its tool calls, serialised as the stream's
 * action events are). Who decided a call is not kept by Dust, so restored calls carry none.
 */
import { toAction } from './agent-events.js';
import { AgentMessage, type Conversation, currentMessages, UserMessage } from './chat-schemas.js';
import {
  type AgentTurn,
  applyAgentEvent,
  newAgentTurn,
  type UserTurn,
} from './conversation-state.js';

export interface RestoredConversation {
  turns: Array<UserTurn | AgentTurn>;
  /** The agent the last answer came from, if any. */
  agentId: string | undefined;
  /** The last answer, when Dust is still writing it (to follow its event stream). */
  runningAgentMessageId: string | undefined;
}

const ENDED: Record<string, AgentTurn['status']> = {
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** `serverName` names an id the bridge knows now; older ids are shown as such. */
export function restoreConversation(
  conversation: Conversation,
  serverName: (serverId: string) => string | undefined,
): RestoredConversation {
  const turns: Array<UserTurn | AgentTurn> = [];
  let agentId: string | undefined;
  let running: string | undefined;
  for (const message of currentMessages(conversation)) {
    const user = UserMessage.safeParse(message);
    if (user.success) {
      const ids = user.data.context?.clientSideMCPServerIds ?? [];
      const servers = ids.map((serverId) => ({
        name: serverName(serverId) ?? 'a server of an earlier run',
        serverId,
      }));
      turns.push({ role: 'user', messageId: user.data.sId, text: user.data.content, servers });
      continue;
    }
    const agent = AgentMessage.safeParse(message);
    if (!agent.success) continue;
    const { sId, status, content, chainOfThought, configuration, error } = agent.data;
    agentId = configuration?.sId ?? agentId;
    const ended = ENDED[status];
    running = ended ? undefined : sId;
    const turn: AgentTurn = {
      ...newAgentTurn(configuration?.sId ?? agentId ?? '', sId),
      // A running answer is filled by its event stream from the start, so it begins empty.
      text: ended ? (content ?? '') : '',
      thinking: ended ? (chainOfThought ?? '') : '',
      status: ended ?? 'waiting',
      error:
        status === 'failed'
          ? `The agent failed: ${error?.message ?? 'it did not say why.'}`
          : undefined,
    };
    turns.push(ended ? withActions(turn, agent.data.actions) : turn);
  }
  return { turns, agentId, runningAgentMessageId: running };
}

/** An ended answer's tool calls, folded in as the stream's `action_done` events would be. */
function withActions(turn: AgentTurn, actions: unknown): AgentTurn {
  if (!Array.isArray(actions)) return turn;
  let next = turn;
  for (const raw of actions) {
    const action = toAction(raw);
    // Folding an event marks a turn as streaming; the restored turn keeps its final status.
    if (action)
      next = {
        ...applyAgentEvent(next, { type: 'action_done', action }, () => false),
        status: turn.status,
      };
  }
  return next;
}
