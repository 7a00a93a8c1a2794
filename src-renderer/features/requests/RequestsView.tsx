import { useShallow } from 'zustand/react/shallow';

import { Empty, ErrorBlock, Loading } from '../../components/StatusBlock';
import { useNow } from '../../components/use-now';
import { isReadOnlyTool, selectReadOnlyPending, selectServerList } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';
import { DecidedNotices } from './DecidedNotices';
import { ElicitationCard } from './ElicitationCard';
import { RequestCard } from './RequestCard';
import { RunningCalls } from './RunningCalls';
import { shortcutHints, useRequestShortcuts } from './use-request-shortcuts';

/** The queue of calls waiting for the person, oldest (closest to Dust's deadline) first. */
export function RequestsView() {
  const approvals = useAppStore((state) => state.approvals);
  const servers = useAppStore(useShallow(selectServerList));
  const readOnly = useAppStore(useShallow(selectReadOnlyPending));
  const focusedId = useAppStore((state) => state.focusedRequestId);
  const focus = useAppStore((state) => state.focusRequest);
  const decide = useAppStore((state) => state.decide);
  const approveMany = useAppStore((state) => state.approveMany);
  const retry = useAppStore((state) => state.retry);
  const elicitations = useAppStore((state) => state.elicitations);
  const answerElicitation = useAppStore((state) => state.answerElicitation);
  const now = useNow(500);
  const items = approvals.items;
  const current = items.find((item) => item.callId === focusedId)?.callId ?? items[0]?.callId ?? null;
  useRequestShortcuts();

  return (
    <section aria-labelledby="requests-title" className="view">
      <div className="view-head">
        <h2 id="requests-title">Requests</h2>
        {readOnly.length > 1 && (
          <button type="button" className="button" onClick={() => void approveMany(readOnly.map((call) => call.callId))}>
            Approve {readOnly.length} read-only calls
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
      {approvals.status === 'error' && <ErrorBlock message={`Could not load requests: ${approvals.message ?? ''}`} onRetry={retry} />}
      {approvals.status === 'ready' && items.length === 0 && elicitations.items.length === 0 && (
        <Empty title="Nothing is waiting for you">When an agent asks to use a tool on this computer, it shows up here.</Empty>
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
          <ol className="stack" aria-label="Waiting requests">
            {items.map((call) => (
              <li key={call.callId}>
                <RequestCard
                  call={call}
                  now={now}
                  focused={call.callId === current}
                  deciding={Boolean(approvals.deciding[call.callId])}
                  error={approvals.errors[call.callId]}
                  readOnly={isReadOnlyTool(servers, call.server, call.tool)}
                  onDecide={(choice) => void decide(call.callId, choice)}
                  onFocus={() => focus(call.callId)}
                />
              </li>
            ))}
          </ol>
        </>
      )}
      <RunningCalls now={now} />
    </section>
  );
}
