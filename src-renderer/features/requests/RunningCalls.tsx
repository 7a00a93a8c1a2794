import { useShallow } from 'zustand/react/shallow';

import { CallProgress } from '../../components/CallProgress';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store-context';

const selectRunning = (state: AppState) =>
  state.activity.status === 'ready' ? state.activity.value.filter((entry) => entry.decision?.decision === 'allow' && !entry.outcome) : [];

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
            <span className="mono">{entry.tool ?? 'request'}</span> on {entry.server}
            <span className="muted"> · {Math.max(0, Math.round((now - entry.receivedAt) / 1000))} s</span>
            <CallProgress progress={entry.progress} />
          </li>
        ))}
      </ul>
    </section>
  );
}
