import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { CallProgress } from '../../components/CallProgress';
import { JsonView } from '../../components/JsonView';
import { revealInvisible } from '../../components/reveal-invisible';
import { formatTime, useNow } from '../../components/use-now';
import { formatDuration, sentence } from '../../components/words';
import { activityOutcome } from '../../state/reducers/activity-reducer';
import { selectConversationTitle } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';
import { RunningCallLine } from '../requests/RunningCalls';

const outcomeWords = {
  ok: 'Succeeded',
  error: 'Failed',
  denied: 'Denied',
  pending: 'Waiting',
} as const;
const byWords: Record<string, string> = {
  user: 'you',
  deadline: 'the deadline',
  cancelled: 'cancellation',
  shutdown: 'quitting',
};
const kindWords: Record<string, string> = {
  result: 'Finished',
  tool_error: 'The tool reported an error',
  failed: 'Failed',
  cancelled: 'Stopped',
  denied: 'Not run',
};

/** "12 ms" under a second, then "4 s", "2 min 30 s". */
function latencyWords(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : formatDuration(ms);
}

/** An allowed call with no outcome yet is running: its time, and Stop (the Requests line). */
function RunningNow({ entry }: { entry: ActivityEntryDto }) {
  const now = useNow(1000);
  return <RunningCallLine entry={entry} now={now} />;
}

/** One call's story in a line, the whole entry as JSON on expand. */
export function ActivityRow({ entry }: { entry: ActivityEntryDto }) {
  const outcome = activityOutcome(entry);
  const title = useAppStore((state) => selectConversationTitle(state, entry.conversationId));
  const where = title
    ? ` in “${revealInvisible(title)}”`
    : entry.conversationId
      ? ' in a conversation in Dust'
      : '';
  return (
    <li className={`timeline-item outcome-${outcome}`} data-testid="activity-row">
      <details>
        <summary>
          <span className="muted small">{formatTime(entry.receivedAt)}</span>{' '}
          <span className="mono">{revealInvisible(entry.tool ?? 'request')}</span>{' '}
          <span className="muted">on {revealInvisible(entry.server)}</span>{' '}
          {outcome === 'pending' && entry.decision?.decision === 'allow' ? (
            <RunningNow entry={entry} />
          ) : (
            <span
              className={`pill pill-${outcome === 'ok' ? 'good' : outcome === 'pending' ? 'warn' : 'bad'}`}
            >
              {outcomeWords[outcome]}
            </span>
          )}
          {entry.outcome && (
            <span className="muted small"> {latencyWords(entry.outcome.latencyMs)}</span>
          )}
          {!entry.outcome && <CallProgress progress={entry.progress} />}
        </summary>
        <ol className="steps">
          <li>Asked{where}.</li>
          {entry.decision && (
            <li>
              {entry.decision.decision === 'allow' ? 'Allowed' : 'Denied'}
              {/* The policy's own reason names its basis (a rule, a permission, a trusted hint). */}
              {entry.decision.by === 'policy'
                ? ''
                : ` by ${byWords[entry.decision.by] ?? entry.decision.by}`}
              : {sentence(entry.decision.reason)}
            </li>
          )}
          {entry.outcome && (
            <li>
              {kindWords[entry.outcome.kind] ?? entry.outcome.kind}:{' '}
              {sentence(entry.outcome.detail)} ({latencyWords(entry.outcome.latencyMs)})
            </li>
          )}
        </ol>
        <JsonView value={entry} label="The raw entry" />
      </details>
    </li>
  );
}
