import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { CallProgress } from '../../components/CallProgress';
import { JsonView } from '../../components/JsonView';
import { formatTime } from '../../components/use-now';
import { activityOutcome } from '../../state/reducers/activity-reducer';

const outcomeWords = { ok: 'Succeeded', error: 'Failed', denied: 'Denied', pending: 'Waiting' } as const;
const byWords: Record<string, string> = { user: 'you', policy: 'a rule', deadline: 'the deadline', cancelled: 'cancellation', shutdown: 'quitting' };

/** One call's story in a line, the whole entry as JSON on expand. */
export function ActivityRow({ entry }: { entry: ActivityEntryDto }) {
  const outcome = activityOutcome(entry);
  return (
    <li className={`timeline-item outcome-${outcome}`} data-testid="activity-row">
      <details>
        <summary>
          <span className="muted small">{formatTime(entry.receivedAt)}</span>{' '}
          <span className="mono">{entry.tool ?? 'request'}</span> <span className="muted">on {entry.server}</span>{' '}
          <span className={`pill pill-${outcome === 'ok' ? 'good' : outcome === 'pending' ? 'warn' : 'bad'}`}>{outcomeWords[outcome]}</span>
          {entry.outcome && <span className="muted small"> {Math.round(entry.outcome.latencyMs)} ms</span>}
          {!entry.outcome && <CallProgress progress={entry.progress} />}
        </summary>
        <ol className="steps">
          <li>Asked{entry.conversationId ? ` in conversation ${entry.conversationId}` : ''}.</li>
          {entry.decision && (
            <li>
              {entry.decision.decision === 'allow' ? 'Allowed' : 'Denied'} by {byWords[entry.decision.by] ?? entry.decision.by}: {entry.decision.reason}
            </li>
          )}
          {entry.outcome && (
            <li>
              {entry.outcome.kind}: {entry.outcome.detail} ({Math.round(entry.outcome.latencyMs)} ms)
            </li>
          )}
        </ol>
        <JsonView value={entry} label="The raw entry" />
      </details>
    </li>
  );
}
