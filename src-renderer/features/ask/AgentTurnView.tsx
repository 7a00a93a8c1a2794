import type { AgentTurnDto, DustApprovalDto } from '../../../src-main/shared/contract/chat';
import { Markdown } from './Markdown';
import { ToolCallCard } from './ToolCallCard';

interface Props {
  turn: AgentTurnDto;
  agentName: string;
  conversationId: string;
  approvals: DustApprovalDto[];
}

/** What a screen reader hears about a turn still in progress (the text itself is not re-read). */
function progressWords(turn: AgentTurnDto): string {
  if (turn.reconnecting) return 'Connection to Dust dropped; reconnecting…';
  if (turn.status === 'waiting') return 'Waiting for the agent…';
  if (turn.status === 'streaming') return 'The agent is answering…';
  return '';
}

/** One answer: streamed text as markdown, its thinking folded away, and its tool calls inline. */
export function AgentTurnView({ turn, agentName, conversationId, approvals }: Props) {
  const progress = progressWords(turn);
  return (
    <article
      className="turn turn-agent"
      aria-label={`${agentName} answered`}
      aria-busy={turn.status === 'waiting' || turn.status === 'streaming'}
      data-testid="agent-turn"
    >
      <p className="turn-who">{agentName}</p>
      {turn.thinking && (
        <details className="details thinking">
          <summary>Thinking</summary>
          <p className="thinking-text">{turn.thinking}</p>
        </details>
      )}
      {turn.toolCalls.length > 0 && (
        <div className="tool-calls">
          {turn.toolCalls.map((call, index) => (
            <ToolCallCard
              key={call.key}
              call={call}
              conversationId={conversationId}
              messageId={turn.messageId}
              ordinal={
                turn.toolCalls
                  .slice(0, index)
                  .filter((earlier) => earlier.toolName === call.toolName).length
              }
              turnEnded={turn.status === 'failed' || turn.status === 'cancelled'}
              dustApproval={
                call.local
                  ? undefined
                  : approvals.find((approval) => approval.actionId === call.actionId)
              }
            />
          ))}
        </div>
      )}
      {turn.text && <Markdown text={turn.text} />}
      <p
        className={`turn-progress ${turn.reconnecting ? 'notice' : 'muted small'}`}
        aria-live="polite"
      >
        {progress}
      </p>
      {turn.status === 'failed' && (
        <p className="error-text" role="alert">
          {turn.error ?? 'The agent failed.'}
        </p>
      )}
      {turn.status === 'cancelled' && <p className="muted small">Stopped.</p>}
    </article>
  );
}
