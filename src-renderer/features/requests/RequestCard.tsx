import { useEffect, useRef, useState } from 'react';

import type { PendingCallDto } from '../../../src-main/shared/contract/approvals';
import { DenyReasonInput } from '../../components/DenyReasonInput';
import { JsonView } from '../../components/JsonView';
import { revealInvisible } from '../../components/reveal-invisible';
import { formatRemaining } from '../../components/use-now';
import type { Choice } from '../../state/slices/approvals-slice';
import { ArgumentsEditor, parseEditedArguments } from './ArgumentsEditor';

interface Props {
  call: PendingCallDto;
  now: number;
  focused: boolean;
  deciding: boolean;
  error: string | undefined;
  readOnly: boolean;
  onDecide: (choice: Choice) => void;
  onFocus: () => void;
}

/** How close Dust's deadline is: the card turns amber, then red, so the oldest call stands out. */
function urgency(left: number): 'calm' | 'soon' | 'urgent' {
  return left <= 15_000 ? 'urgent' : left <= 45_000 ? 'soon' : 'calm';
}

/** One waiting call: who asks, for what, with which arguments, and until when. */
export function RequestCard({ call, now, focused, deciding, error, readOnly, onDecide, onFocus }: Props) {
  const ref = useRef<HTMLElement>(null);
  const [hours, setHours] = useState(8);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [editError, setEditError] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  /** Approve with the edited arguments when the editor is open (and valid). */
  const approve = (choice: Exclude<Choice, { kind: 'deny' }>) => {
    if (editing === undefined) return onDecide(choice);
    const parsed = parseEditedArguments(editing);
    if (!parsed.ok) return setEditError(parsed.message);
    setEditError(undefined);
    onDecide({ ...choice, arguments: parsed.value });
  };
  const left = call.deadlineAt - now;
  const level = urgency(left);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);
  const titleId = `request-${call.callId}-title`;
  return (
    <article
      ref={ref}
      className={`card request ${focused ? 'focused' : ''} urgency-${level}`}
      aria-labelledby={titleId}
      aria-current={focused ? 'true' : undefined}
      aria-busy={deciding}
      data-testid="request-card"
      onClick={onFocus}
      onFocus={onFocus}
    >
      <header className="card-head">
        <h3 id={titleId} className="card-title">
          <span className="mono">{revealInvisible(call.tool)}</span> <span className="muted">on {revealInvisible(call.server)}</span>
          {readOnly && <span className="tag">read-only</span>}
        </h3>
        <p className={`countdown countdown-${level}`} role="timer" aria-label={`Answer within ${formatRemaining(left)}`}>
          {formatRemaining(left)}
        </p>
      </header>
      <dl className="facts">
        <dt>Agent</dt>
        <dd>{call.agent ? revealInvisible(call.agent) : 'Not named by Dust'}</dd>
        <dt>Conversation</dt>
        <dd className="mono">{call.conversationId ?? 'Not given'}</dd>
        {call.policyReason && (
          <>
            <dt>Why asked</dt>
            <dd>{call.policyReason}</dd>
          </>
        )}
      </dl>
      {editing === undefined ? (
        <JsonView value={call.arguments} label={`Arguments for ${call.tool}`} />
      ) : (
        <ArgumentsEditor text={editing} error={editError} disabled={deciding} onChange={setEditing} />
      )}
      <button
        type="button"
        className="button link"
        disabled={deciding}
        onClick={() => setEditing(editing === undefined ? JSON.stringify(call.arguments ?? {}, null, 2) : undefined)}
      >
        {editing === undefined ? 'Edit arguments' : 'Use the original arguments'}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions" role="group" aria-label={`Decide on ${call.tool}`}>
        <button type="button" className="button primary" disabled={deciding} onClick={() => approve({ kind: 'approve' })}>
          Approve
        </button>
        <button type="button" className="button danger" disabled={deciding} onClick={() => onDecide({ kind: 'deny', reason })}>
          Deny
        </button>
        <button type="button" className="button" disabled={deciding} onClick={() => approve({ kind: 'always' })}>
          Always allow this tool
        </button>
        <button
          type="button"
          className="button"
          disabled={deciding || !call.conversationId}
          onClick={() => approve({ kind: 'conversation' })}
        >
          Allow for this conversation
        </button>
        <span className="inline-field">
          <button type="button" className="button" disabled={deciding} onClick={() => approve({ kind: 'hours', hours })}>
            Allow for
          </button>
          <select aria-label="Hours" value={hours} disabled={deciding} onChange={(event) => setHours(Number(event.target.value))}>
            {[1, 8, 24].map((value) => (
              <option key={value} value={value}>
                {value} h
              </option>
            ))}
          </select>
        </span>
      </div>
      <DenyReasonInput value={reason} disabled={deciding} onChange={setReason} />
      {deciding && <p className="muted" aria-live="polite">Sending your decision…</p>}
    </article>
  );
}
