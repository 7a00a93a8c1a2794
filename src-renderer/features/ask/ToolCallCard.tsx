import type { DustApprovalDto, ToolCallDto } from '../../../src-main/shared/contract/chat';
import { JsonView } from '../../components/JsonView';
import { revealInvisible } from '../../components/reveal-invisible';
import { useNow } from '../../components/use-now';
import { selectCallActivity } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';
import { PendingApproval } from '../requests/PendingApproval';
import { RunningCallLine } from '../requests/RunningCalls';
import { decisionWords, toolStatusWords } from './ask-words';
import { ToolOutput } from './ToolOutput';

interface Props {
  call: ToolCallDto;
  conversationId: string;
  /** The agent message the call belongs to, to find it in Activity. */
  messageId?: string | undefined;
  /** How many calls of the same tool came before it in this answer. */
  ordinal?: number;
  /** Dust asks the person about this call (a tool that is not ours). */
  dustApproval: DustApprovalDto | undefined;
  /** The answer was stopped or failed: what was still pending will not run. */
  turnEnded?: boolean;
}

/** One tool call inside an answer: what, on which server, how it went, and who decided. */
export function ToolCallCard({
  call,
  conversationId,
  messageId,
  ordinal = 0,
  dustApproval,
  turnEnded = false,
}: Props) {
  const decision = decisionWords(call);
  const name = revealInvisible(call.toolName);
  const activity = useAppStore((state) =>
    call.local
      ? selectCallActivity(state, { conversationId, messageId, toolName: call.toolName, ordinal })
      : undefined,
  );
  const running =
    activity?.decision?.decision === 'allow' && !activity.outcome && !turnEnded
      ? activity
      : undefined;
  const hasOutput = Array.isArray(call.output)
    ? call.output.length > 0
    : call.output !== undefined && call.output !== null;
  const tooLarge = activity?.outcome?.detail.includes('too large for Dust')
    ? activity.outcome.detail
    : undefined;
  return (
    <article
      className={`tool-call tool-${call.status}`}
      aria-label={`Tool call ${name}`}
      data-testid="tool-call"
    >
      <p className="tool-call-head">
        <span className="mono">{name}</span>
        {call.serverName && <span className="muted"> on {revealInvisible(call.serverName)}</span>}
        {running ? (
          <RunningNow entry={running} />
        ) : (
          <span className={`tag tag-${call.status}`}>{toolStatusWords(call, turnEnded)}</span>
        )}
        {decision && <span className="tool-decision">{decision}</span>}
      </p>
      {tooLarge && (
        <p className="notice tool-note" role="status">
          {tooLarge}
        </p>
      )}
      {call.localApproval ? (
        <PendingApproval callId={call.localApproval.callId} />
      ) : (
        <>
          {hasOutput && <ToolOutput output={call.output} toolName={call.toolName} />}
          <details className="details">
            <summary>Arguments</summary>
            <JsonView value={call.params} label={`Arguments for ${call.toolName}`} />
          </details>
        </>
      )}
      {!call.localApproval && dustApproval && (
        <DustDecision approval={dustApproval} conversationId={conversationId} />
      )}
    </article>
  );
}

function RunningNow({ entry }: { entry: Parameters<typeof RunningCallLine>[0]['entry'] }) {
  const now = useNow(1000);
  return <RunningCallLine entry={entry} now={now} />;
}

/** Dust asks about a tool that is not ours: the answer goes back to Dust. */
function DustDecision({
  approval,
  conversationId,
}: {
  approval: DustApprovalDto;
  conversationId: string;
}) {
  const answer = useAppStore((state) => state.answerDustApproval);
  const state = useAppStore((s) => s.dustAnswers[approval.actionId]);
  const sending = state === 'sending';
  return (
    <div className="tool-ask" aria-busy={sending}>
      <p className="tool-ask-title">
        Dust asks before {revealInvisible(approval.toolName)} on{' '}
        {revealInvisible(approval.serverName)} runs
        {approval.stake ? ` (Dust rates its risk ${revealInvisible(approval.stake)})` : ''}.
      </p>
      <JsonView value={approval.inputs} label={`Arguments for ${approval.toolName}`} />
      {typeof state === 'object' && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
      <div className="actions" role="group" aria-label={`Answer Dust about ${approval.toolName}`}>
        <button
          type="button"
          className="button primary"
          disabled={sending}
          onClick={() => void answer(conversationId, approval.actionId, 'approve')}
        >
          Approve
        </button>
        <button
          type="button"
          className="button danger"
          disabled={sending}
          onClick={() => void answer(conversationId, approval.actionId, 'deny')}
        >
          Deny
        </button>
      </div>
    </div>
  );
}
