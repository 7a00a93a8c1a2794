import type { ConversationDto, ToolCallDto } from '../../../src-main/shared/contract/chat';
import { revealInvisible } from '../../components/reveal-invisible';

type LostServer = ConversationDto['lostServers'][number];

const toolStatus: Record<ToolCallDto['status'], string> = {
  preparing: 'Preparing',
  awaiting_approval: 'Waiting for approval',
  running: 'Running',
  succeeded: 'Done',
  errored: 'Failed',
  denied: 'Denied',
};

/** `turnEnded`: the answer stopped or failed, so a call still pending will not run any more. */
export function toolStatusWords(call: ToolCallDto, turnEnded = false): string {
  const pending =
    call.status === 'preparing' || call.status === 'awaiting_approval' || call.status === 'running';
  return turnEnded && pending ? 'Not run' : toolStatus[call.status];
}

/**
 * Who let the call run, or stopped it. Our gate records a decision only when it asked; a local
 * call that ran without one was allowed by a rule or an earlier "always".
 */
export function decisionWords(call: ToolCallDto): string | undefined {
  const { decision } = call;
  if (!decision) {
    const ran =
      call.status === 'running' || call.status === 'succeeded' || call.status === 'errored';
    return call.local && ran ? 'allowed by your rules (no need to ask)' : undefined;
  }
  const reason = decision.reason?.trim();
  // The gate's reasons are sentences ("Denied by you: wrong folder", "Approved by you").
  if (reason && /^(approved|denied|allowed)\b/i.test(reason))
    return reason.charAt(0).toLowerCase() + reason.slice(1);
  if (decision.verdict === 'denied')
    return reason ? `denied: ${reason}` : decision.by === 'person' ? 'denied by you' : 'denied';
  return reason ? `approved: ${reason}` : 'approved by you';
}

const conversationStatus: Record<ConversationDto['status'], string> = {
  sending: 'Sending…',
  answering: 'Answering…',
  awaiting_approval: 'Waiting for you',
  idle: 'Answered',
  failed: 'Failed',
  cancelled: 'Stopped',
};

export function conversationStatusWords(status: ConversationDto['status']): string {
  return conversationStatus[status];
}

/** The first user message, for a conversation Dust has not titled (yet). */
export function conversationTitle(conversation: ConversationDto): string {
  if (conversation.title?.trim()) return conversation.title;
  const first = conversation.turns.find((turn) => turn.role === 'user');
  const text = first?.text.trim().replace(/\s+/g, ' ') ?? '';
  return text ? (text.length > 60 ? `${text.slice(0, 59)}…` : text) : 'Untitled conversation';
}

/** Why the agent can no longer reach a server the last message carried, and what to do. */
export function lostServerWords(lost: LostServer): string {
  const name = revealInvisible(lost.server);
  const what = lost.nextServerId
    ? `${name} reconnected with a new id`
    : `${name} is no longer connected to Dust`;
  const when = lost.duringAnswer ? ' while the agent was answering' : '';
  const then = lost.nextServerId
    ? 'send a new message to use it again'
    : 'send a new message once it is connected again';
  return `${what}${when}; this conversation's last message can no longer reach it — ${then}.`;
}
