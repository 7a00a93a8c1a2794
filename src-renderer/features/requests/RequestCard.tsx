import { useEffect, useMemo, useRef, useState } from 'react';

import type { PendingCallDto } from '../../../src-main/shared/contract/approvals';
import { DenyReasonInput } from '../../components/DenyReasonInput';
import { JsonView } from '../../components/JsonView';
import { revealInvisible } from '../../components/reveal-invisible';
import { checkArguments } from '../../components/schema-check';
import { riskWords, toolRisk } from '../../components/tool-risk';
import { formatRemaining } from '../../components/use-now';
import { formatClock, formatSize, sentence, utf8Length } from '../../components/words';
import { selectConversationAgentName, selectConversationTitle } from '../../state/selectors';
import type { Choice } from '../../state/slices/approvals-slice';
import { useAppStore } from '../../state/store-context';
import { ArgumentsEditor } from './ArgumentsEditor';

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

/** One waiting call: who asks, for what, with which arguments, why, and until when. */
export function RequestCard({
  call,
  now,
  focused,
  deciding,
  error,
  readOnly,
  onDecide,
  onFocus,
}: Props) {
  const ref = useRef<HTMLElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const [hours, setHours] = useState(8);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const title = useAppStore((state) => selectConversationTitle(state, call.conversationId));
  const agentName = useAppStore(
    (state) => call.agent ?? selectConversationAgentName(state, call.conversationId),
  );
  const check = useMemo(
    () => (editing === undefined ? undefined : checkArguments(editing, call.inputSchema)),
    [editing, call.inputSchema],
  );
  /** Approve with the edited arguments when the editor is open (and they pass the checks). */
  const approve = (choice: Exclude<Choice, { kind: 'deny' }>) => {
    if (!check) return onDecide(choice);
    if (check.ok) onDecide({ ...choice, arguments: check.value });
  };
  const deny = () => onDecide({ kind: 'deny', reason });
  const closeEditor = () => {
    setEditing(undefined);
    editButton.current?.focus();
  };
  const left = call.deadlineAt - now;
  const level = urgency(left);
  const risk = toolRisk({
    name: call.tool,
    destructiveHint: call.destructiveHint,
    readOnlyHint: call.readOnlyHint ?? readOnly,
  });
  const argumentsSize = useMemo(
    () => utf8Length(JSON.stringify(call.arguments ?? {})),
    [call.arguments],
  );
  const blocked = deciding || (check !== undefined && !check.ok);
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
      data-editing={editing === undefined ? undefined : call.callId}
      data-testid="request-card"
      tabIndex={-1}
      onClick={onFocus}
      onFocus={onFocus}
    >
      <header className="card-head">
        <h3 id={titleId} className="card-title">
          <span className="mono">{revealInvisible(call.tool)}</span>{' '}
          <span className="muted">on {revealInvisible(call.server)}</span>
          {risk !== 'unknown' && (
            <span
              className={`tag risk-${risk}`}
              title={riskWords[risk].title}
              data-testid="risk-badge"
            >
              {riskWords[risk].badge}
            </span>
          )}
        </h3>
        <p
          className={`countdown countdown-${level}`}
          role="timer"
          aria-label={`Answer within ${formatRemaining(left)}`}
        >
          {formatRemaining(left)}
        </p>
      </header>
      <p className="muted small deadline-words">
        Answer by {formatClock(call.deadlineAt, now)}; after that it is denied for you, and the
        agent is told nobody answered in time.
      </p>
      <dl className="facts">
        <dt>Agent</dt>
        <dd>{agentName ? revealInvisible(agentName) : 'Not named by Dust'}</dd>
        <dt>Conversation</dt>
        <dd>
          {title
            ? revealInvisible(title)
            : call.conversationId
              ? 'A conversation in Dust (no title known here)'
              : 'Not given by Dust'}
        </dd>
        {call.policyReason && (
          <>
            <dt>Why asked</dt>
            <dd>{sentence(call.policyReason)}</dd>
          </>
        )}
      </dl>
      {editing === undefined || !check ? (
        <>
          <p className="muted small">
            Arguments ({formatSize(argumentsSize)}), exactly as the tool will get them:
          </p>
          <JsonView value={call.arguments} label={`Arguments for ${call.tool}`} />
        </>
      ) : (
        <ArgumentsEditor
          text={editing}
          check={check}
          hasSchema={call.inputSchema !== undefined}
          disabled={deciding}
          onChange={setEditing}
          onCancel={closeEditor}
        />
      )}
      <button
        ref={editButton}
        type="button"
        className="button link"
        disabled={deciding}
        onClick={() =>
          editing === undefined
            ? setEditing(JSON.stringify(call.arguments ?? {}, null, 2))
            : closeEditor()
        }
      >
        {editing === undefined ? 'Edit arguments' : 'Use the original arguments'}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions" role="group" aria-label={`Decide on ${call.tool}`}>
        <button
          type="button"
          className="button primary"
          disabled={blocked}
          onClick={() => approve({ kind: 'approve' })}
        >
          {editing === undefined ? 'Approve' : 'Approve with these arguments'}
        </button>
        <button type="button" className="button danger" disabled={deciding} onClick={deny}>
          Deny
        </button>
        <button
          type="button"
          className="button"
          disabled={blocked}
          onClick={() => approve({ kind: 'always' })}
        >
          Always allow this tool
        </button>
        <button
          type="button"
          className="button"
          disabled={blocked || !call.conversationId}
          onClick={() => approve({ kind: 'conversation' })}
        >
          Allow for this conversation
        </button>
        <span className="inline-field">
          <button
            type="button"
            className="button"
            disabled={blocked}
            onClick={() => approve({ kind: 'hours', hours })}
          >
            Allow for
          </button>
          <select
            aria-label="Hours"
            value={hours}
            disabled={deciding}
            onChange={(event) => setHours(Number(event.target.value))}
          >
            {[1, 8, 24].map((value) => (
              <option key={value} value={value}>
                {value} h
              </option>
            ))}
          </select>
        </span>
      </div>
      <DenyReasonInput value={reason} disabled={deciding} onChange={setReason} onSubmit={deny} />
      {deciding && (
        <p className="muted small" aria-live="polite">
          Sending your decision…
        </p>
      )}
    </article>
  );
}
