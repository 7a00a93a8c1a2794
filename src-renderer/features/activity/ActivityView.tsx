import { useMemo, useRef, useState } from 'react';

import { Empty, ErrorBlock, Loading } from '../../components/StatusBlock';
import { plural } from '../../components/words';
import { type ActivityFilter, filterActivity } from '../../state/reducers/activity-reducer';
import { useAppStore } from '../../state/store-context';
import { ActivityChart } from './ActivityChart';
import { ActivityFilters } from './ActivityFilters';
import { ActivityRow } from './ActivityRow';
import { ExportButton, ExportResult } from './ExportPanel';

/** The timeline: request → decision (and why) → outcome and latency, newest first. */
export function ActivityView() {
  const activity = useAppStore((state) => state.activity);
  const retry = useAppStore((state) => state.retry);
  const [filter, setFilter] = useState<ActivityFilter>({ server: '', tool: '', outcome: '' });
  const entries = useMemo(() => (activity.status === 'ready' ? activity.value : []), [activity]);
  const shown = useMemo(() => filterActivity(entries, filter), [entries, filter]);
  const exportButton = useRef<HTMLButtonElement>(null);
  return (
    <section aria-labelledby="activity-title" className="view">
      <div className="view-head">
        <h2 id="activity-title">Activity</h2>
        <ExportButton buttonRef={exportButton} />
      </div>
      <ExportResult returnFocus={() => exportButton.current?.focus()} />
      {activity.status === 'loading' && <Loading what="activity" />}
      {activity.status === 'error' && (
        <ErrorBlock message={`Could not load activity: ${activity.message}`} onRetry={retry} />
      )}
      {activity.status === 'ready' && entries.length === 0 && (
        <Empty title="No activity yet">
          Each tool call an agent makes, and what became of it, is listed here.
        </Empty>
      )}
      {entries.length > 0 && (
        <>
          <ActivityChart entries={shown} />
          <ActivityFilters entries={entries} filter={filter} onChange={setFilter} />
          <p className="muted small" role="status">
            {shown.length === entries.length
              ? plural(entries.length, 'call')
              : `${shown.length.toLocaleString()} of ${plural(entries.length, 'call')}`}
          </p>
          <ol className="timeline" aria-label="Activity">
            {shown.map((entry) => (
              <ActivityRow key={entry.id} entry={entry} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
