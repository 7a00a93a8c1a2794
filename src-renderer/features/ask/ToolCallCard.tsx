import { useState } from 'react';

import type { DustApprovalDto, ToolCallDto } from '../../../src-main/shared/contract/chat';
import { DenyReasonInput } from '../../components/DenyReasonInput';
import { JsonView } from '../../components/JsonView';
import { revealInvisible } from '../../components/reveal-invisible';
import { useAppStore } from '../../state/store-context';
import { decisionWords, toolStatusWords } from './ask-words';

interface Props {
  call: ToolCallDto;
  conversationId: string;
  /** Dust asks the person about this call (a tool that is not ours). */
  dustApproval: DustApprovalDto | undefined;
  /** The answer was stopped or failed: what was still pending will not run. */
  turnEnded?: boolean;
}

/** One tool call inside an answer: what, on which server, how it went, and who decided. */
export function ToolCallCard({ call, conversationId, dustApproval, turnEnded = false }: Props) {
  const decision = decisionWords(call);
  const name = revealInvisible(call.toolName);
  const hasOutput = Array.isArray(call.output) ? call.output.length > 0 : call.output !== undefined && call.output !== null;
  return (
    <article className={`tool-call tool-${call.status}`} aria-label={`Tool call ${name}`} data-testid="tool-call">
      <p className="tool-call-head">
        <span className="mono">{name}</span>
        {call.serverName && <span className="muted"> on {revealInvisible(call.serverName)}</span>}
        <span className={`tag tag-${call.status}`}>{toolStatusWords(call, turnEnded)}</span>
        {decision && <span className="tool-decision">{decision}</span>}
      </p>
      <details className="details">
        <summary>Arguments{hasOutput ? ' and result' : ''}</summary>
        <JsonView value={call.params} label={`Arguments for ${call.toolName}`} />
        {hasOutput && <JsonView value={call.output} label={`Result of ${call.toolName}`} />}
      </details>
      {call.localApproval && <LocalDecision approval={call.localApproval} toolName={call.toolName} />}
      {!call.localApproval && dustApproval && <DustDecision approval={dustApproval} conversationId={conversationId} />}
    </article>
  );
}

/** Our gate asks: approve once or deny with a reason, like a card in Requests (same state). */
function LocalDecision({ approval, toolName }: { approval: { callId: string; nonce: string }; toolName: string }) {
  const decide = useAppStore((state) => state.decideInline);
  const deciding = useAppStore((state) => Boolean(state.approvals.deciding[approval.callId]));
  const error = useAppStore((state) => state.approvals.errors[approval.callId]);
  const [reason, setReason] = useState('');
  return (
    <div className="tool-ask" aria-busy={deciding}>
      <p className="tool-ask-title">The agent wants to run {revealInvisible(toolName)} on this computer.</p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions" role="group" aria-label={`Decide on ${toolName}`}>
        <button type="button" className="button primary" disabled={deciding} onClick={() => void decide(approval, { kind: 'approve' })}>
          Approve once
        </button>
        <button type="button" className="button danger" disabled={deciding} onClick={() => void decide(approval, { kind: 'deny', reason })}>
          Deny
        </button>
        <DenyReasonInput value={reason} disabled={deciding} onChange={setReason} />
      </div>
      <p className="muted small">More choices (always, for this conversation, for some hours) are in Requests.</p>
    </div>
  );
}

/** Dust asks about a tool that is not ours: the answer goes back to Dust. */
function DustDecision({ approval, conversationId }: { approval: DustApprovalDto; conversationId: string }) {
  const answer = useAppStore((state) => state.answerDustApproval);
  const state = useAppStore((s) => s.dustAnswers[approval.actionId]);
  const sending = state === 'sending';
  return (
    <div className="tool-ask" aria-busy={sending}>
      <p className="tool-ask-title">
        Dust asks before {revealInvisible(approval.toolName)} on {revealInvisible(approval.serverName)} runs
        {approval.stake ? ` (${approval.stake} stake)` : ''}.
      </p>
      {typeof state === 'object' && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
      <div className="actions" role="group" aria-label={`Answer Dust about ${approval.toolName}`}>
        <button type="button" className="button primary" disabled={sending} onClick={() => void answer(conversationId, approval.actionId, 'approve')}>
          Approve
        </button>
        <button type="button" className="button danger" disabled={sending} onClick={() => void answer(conversationId, approval.actionId, 'deny')}>
          Deny
        </button>
      </div>
    </div>
  );
}
