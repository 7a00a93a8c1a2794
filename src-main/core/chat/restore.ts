/**
 * A conversation this app started in an earlier run, rebuilt from Dust's copy (`GET
 * …/conversations/{id}`) so the person can read it and go on with it here.
 *
 * Dust keeps the messages, not our view of them: the text, the answer, its status, the ids each
 * user message carried. Tool calls of earlier answers are not rebuilt (Dust's action records
 * differ from the stream's events); the conversation in Dust shows them.
 */
import { AgentMessage, type Conversation, currentMessages, UserMessage } from './chat-schemas.js';
import { type AgentTurn, newAgentTurn, type UserTurn } from './conversation-state.js';

export interface RestoredConversation {
  turns: Array<UserTurn | AgentTurn>;
  /** The agent the last answer came from, if any. */
  agentId: string | undefined;
  /** The last answer, when Dust is still writing it (to follow its event stream). */
  runningAgentMessageId: string | undefined;
}

const ENDED: Record<string, AgentTurn['status']> = { succeeded: 'succeeded', failed: 'failed', cancelled: 'cancelled' };

/** `serverName` names an id the bridge knows now; older ids are shown as such. */
export function restoreConversation(conversation: Conversation, serverName: (serverId: string) => string | undefined): RestoredConversation {
  const turns: Array<UserTurn | AgentTurn> = [];
  let agentId: string | undefined;
  let running: string | undefined;
  for (const message of currentMessages(conversation)) {
    const user = UserMessage.safeParse(message);
    if (user.success) {
      const ids = user.data.context?.clientSideMCPServerIds ?? [];
      const servers = ids.map((serverId) => ({ name: serverName(serverId) ?? 'a server of an earlier run', serverId }));
      turns.push({ role: 'user', messageId: user.data.sId, text: user.data.content, servers });
      continue;
    }
    const agent = AgentMessage.safeParse(message);
    if (!agent.success) continue;
    const { sId, status, content, chainOfThought, configuration, error } = agent.data;
    agentId = configuration?.sId ?? agentId;
    const ended = ENDED[status];
    running = ended ? undefined : sId;
    turns.push({
      ...newAgentTurn(configuration?.sId ?? agentId ?? '', sId),
      // A running answer is filled by its event stream from the start, so it begins empty.
      text: ended ? (content ?? '') : '',
      thinking: ended ? (chainOfThought ?? '') : '',
      status: ended ?? 'waiting',
      error: status === 'failed' ? `The agent failed: ${error?.message ?? 'it did not say why.'}` : undefined,
    });
  }
  return { turns, agentId, runningAgentMessageId: running };
}
