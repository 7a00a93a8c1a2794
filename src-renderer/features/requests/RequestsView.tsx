import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { Empty, ErrorBlock, Loading } from '../../components/StatusBlock';
import { useNow } from '../../components/use-now';
import { plural } from '../../components/words';
import { selectReadOnlyPending } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';
import { DecidedNotices } from './DecidedNotices';
import { ElicitationCard } from './ElicitationCard';
import { PendingApproval } from './PendingApproval';
import { RunningCalls } from './RunningCalls';
import { shortcutHints, useRequestShortcuts } from './use-request-shortcuts';

/** The queue of calls waiting for the person, oldest (closest to Dust's deadline) first. */
export function RequestsView() {
  const approvals = useAppStore((state) => state.approvals);
  const readOnly = useAppStore(useShallow(selectReadOnlyPending));
  const focusedId = useAppStore((state) => state.focusedRequestId);
  const approveMany = useAppStore((state) => state.approveMany);
  const retry = useAppStore((state) => state.retry);
  const elicitations = useAppStore((state) => state.elicitations);
  const answerElicitation = useAppStore((state) => state.answerElicitation);
  const now = useNow(500);
  const items = approvals.items;
  const current =
    items.find((item) => item.callId === focusedId)?.callId ?? items[0]?.callId ?? null;
  useRequestShortcuts();
  const list = useRef<HTMLOListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const count = items.length;
  const previousCount = useRef(count);
  // A decided card leaves with the focus in it: give the focus to the next card (or the heading),
  // so the keyboard does not fall back to the top of the page.
  useEffect(() => {
    const shrank = count < previousCount.current;
    previousCount.current = count;
    const active = document.activeElement;
    if (!shrank || (active && active !== document.body && active.isConnected)) return;
    const next =
      list.current?.querySelector<HTMLElement>('[aria-current="true"]') ??
      list.current?.querySelector<HTMLElement>('[data-testid="request-card"]');
    (next ?? heading.current)?.focus();
  }, [count]);

  return (
    <section aria-labelledby="requests-title" className="view">
      <div className="view-head">
        <h2 id="requests-title" ref={heading} tabIndex={-1}>
          Requests
        </h2>
        {readOnly.length > 1 && (
          <button
            type="button"
            className="button"
            onClick={() => void approveMany(readOnly.map((call) => call.callId))}
          >
            Approve {plural(readOnly.length, 'read-only call')}
          </button>
        )}
      </div>
      <DecidedNotices />
      {elicitations.items.length > 0 && (
        <ol className="stack" aria-label="Questions from local servers">
          {elicitations.items.map((form) => (
            <li key={form.id}>
              <ElicitationCard
                form={form}
                now={now}
                answering={Boolean(elicitations.answering[form.id])}
                error={elicitations.errors[form.id]}
                onAnswer={(reply) => void answerElicitation(form.id, reply)}
              />
            </li>
          ))}
        </ol>
      )}
      {approvals.status === 'loading' && <Loading what="requests" />}
      {approvals.status === 'error' && (
        <ErrorBlock
          message={`Could not load requests: ${approvals.message ?? ''}`}
          onRetry={retry}
        />
      )}
      {approvals.status === 'ready' && items.length === 0 && elicitations.items.length === 0 && (
        <Empty title="Nothing is waiting for you">
          When an agent asks to use a tool on this computer, it shows up here.
        </Empty>
      )}
      {items.length > 0 && (
        <>
          <p className="hint" aria-label="Keyboard shortcuts">
            {shortcutHints.map(([key, what]) => (
              <span key={key}>
                <kbd>{key}</kbd> {what}
              </span>
            ))}
          </p>
          <ol ref={list} className="stack" aria-label="Waiting requests">
            {items.map((call) => (
              <li key={call.callId}>
                <PendingApproval callId={call.callId} focused={call.callId === current} />
              </li>
            ))}
          </ol>
        </>
      )}
      <RunningCalls now={now} />
    </section>
  );
}
