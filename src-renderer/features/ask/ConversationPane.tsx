import { useState } from 'react';

import type { AgentDto, ConversationDto } from '../../../src-main/shared/contract/chat';
import { revealInvisible } from '../../components/reveal-invisible';
import { useAppStore } from '../../state/store-context';
import { AgentTurnView } from './AgentTurnView';
import { conversationStatusWords, conversationTitle, lostServerWords } from './ask-words';
import { ToolCallCard } from './ToolCallCard';

interface Props {
  conversation: ConversationDto;
  agents: AgentDto[];
}

/** The conversation on screen: turns, what Dust asks, lost servers, problems, and a way to Dust. */
export function ConversationPane({ conversation, agents }: Props) {
  const openInDust = useAppStore((state) => state.openInDust);
  const [openError, setOpenError] = useState<string | null>(null);
  const nameOf = (agentId: string) =>
    agents.find((agent) => agent.sId === agentId)?.name ?? 'Agent';
  const inline = new Set(
    conversation.turns.flatMap((turn) =>
      turn.role === 'agent'
        ? turn.toolCalls.flatMap((call) => (call.actionId ? [call.actionId] : []))
        : [],
    ),
  );
  // Dust may ask about an action the stream never showed (it was missed during a drop).
  const orphans = conversation.approvals.filter((approval) => !inline.has(approval.actionId));
  return (
    <section className="conversation" aria-labelledby="conversation-title">
      <div className="view-head">
        <h3 id="conversation-title" className="conversation-title">
          {conversationTitle(conversation)}
        </h3>
        <span
          className={`pill pill-${conversation.status === 'failed' ? 'bad' : conversation.status === 'awaiting_approval' ? 'warn' : 'idle'}`}
        >
          {conversationStatusWords(conversation.status)}
        </span>
        {conversation.url && (
          <button
            type="button"
            className="button small"
            onClick={() => void openInDust(conversation.conversationId).then(setOpenError)}
          >
            Open in Dust
          </button>
        )}
      </div>
      {openError && (
        <p className="error-text" role="alert">
          {openError}
        </p>
      )}
      <ol className="turns" aria-label="Messages">
        {conversation.turns.map((turn, index) => (
          <li key={turn.messageId ?? `turn-${index}`}>
            {turn.role === 'user' ? (
              <article className="turn turn-user" aria-label="You wrote" data-testid="user-turn">
                <p className="turn-text">{turn.text}</p>
                <p className="muted small">
                  {turn.servers.length === 0
                    ? 'Sent without local servers'
                    : `Sent with ${turn.servers.map((server) => revealInvisible(server.name)).join(', ')}`}
                </p>
              </article>
            ) : (
              <AgentTurnView
                turn={turn}
                agentName={nameOf(turn.agentId)}
                conversationId={conversation.conversationId}
                approvals={conversation.approvals}
              />
            )}
          </li>
        ))}
      </ol>
      {orphans.map((approval) => (
        <ToolCallCard
          key={approval.actionId}
          conversationId={conversation.conversationId}
          dustApproval={approval}
          call={{
            key: approval.actionId,
            actionId: approval.actionId,
            toolName: approval.toolName,
            serverName: approval.serverName,
            local: false,
            params: approval.inputs,
            status: 'awaiting_approval',
            output: undefined,
          }}
        />
      ))}
      {conversation.lostServers.map((lost) => (
        <p key={lost.serverId} className="notice" role="status" data-testid="lost-server">
          {lostServerWords(lost)}
        </p>
      ))}
      {conversation.problem && <ProblemAlert problem={conversation.problem} />}
    </section>
  );
}

/** A usage refusal says what happened and what to do; anything else shows main's words. */
export function ProblemAlert({ problem }: { problem: NonNullable<ConversationDto['problem']> }) {
  return (
    <div className="error-text problem" role="alert">
      {problem.usage ? (
        <>
          <p className="state-title">{problem.usage.title}</p>
          <p>{problem.usage.action}</p>
          <details className="details">
            <summary>Dust said</summary>
            <p>{problem.usage.dustMessage}</p>
          </details>
        </>
      ) : (
        <p>{problem.message}</p>
      )}
    </div>
  );
}
