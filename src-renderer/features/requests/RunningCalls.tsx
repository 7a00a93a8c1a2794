import { useShallow } from 'zustand/react/shallow';

import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { CallProgress } from '../../components/CallProgress';
import { revealInvisible } from '../../components/reveal-invisible';
import { formatDuration } from '../../components/words';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store-context';

export const selectRunning = (state: AppState): ActivityEntryDto[] =>
  state.activity.status === 'ready'
    ? state.activity.value.filter((entry) => entry.decision?.decision === 'allow' && !entry.outcome)
    : [];

/** "Running for 12 s" and a Stop button: one line, the same in Requests and in Ask. */
export function RunningCallLine({ entry, now }: { entry: ActivityEntryDto; now: number }) {
  const stopping = useAppStore((state) => state.stoppingCalls[entry.id]);
  const stop = useAppStore((state) => state.stopCall);
  const tool = revealInvisible(entry.tool ?? 'request');
  // From the moment it was allowed: the wait for a person is not the tool's running time.
  const elapsed = formatDuration(now - (entry.decision?.decidedAt ?? entry.receivedAt));
  return (
    <span className="running-line" data-testid="running-call">
      <span className="tag tag-running">Running</span>
      <span className="muted" role="timer" aria-label={`Running for ${elapsed}`}>
        for {elapsed}
      </span>
      <button
        type="button"
        className="button small danger"
        disabled={stopping === 'sending'}
        aria-label={`Stop ${tool}`}
        onClick={() => void stop(entry.server, entry.id)}
      >
        {stopping === 'sending' ? 'Stopping…' : 'Stop'}
      </button>
      {typeof stopping === 'object' && (
        <span className="error-text" role="alert">
          {stopping.error}
        </span>
      )}
    </span>
  );
}

/** Approved calls still running on a local server, with the time they have taken so far. */
export function RunningCalls({ now }: { now: number }) {
  const running = useAppStore(useShallow(selectRunning));
  if (running.length === 0) return null;
  return (
    <section aria-labelledby="running-title" className="running">
      <h3 id="running-title">Running</h3>
      <ul className="list">
        {running.map((entry) => (
          <li key={entry.id} className="running-line">
            <span className="mono">{revealInvisible(entry.tool ?? 'request')}</span> on{' '}
            {revealInvisible(entry.server)} <RunningCallLine entry={entry} now={now} />
            <CallProgress progress={entry.progress} />
          </li>
        ))}
      </ul>
    </section>
  );
}
