import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { useNow } from '../../components/use-now';
import { bucketActivity } from '../../state/reducers/activity-reducer';

const WIDTH = 360;
const HEIGHT = 80;
const BUCKETS = 24;
const MINUTE = 60_000;

/**
 * Calls per bucket as bars and mean latency as a line, over the last hour. React-rendered SVG:
 * no chart library, and nothing but numbers reaches the markup.
 */
export function ActivityChart({ entries }: { entries: ActivityEntryDto[] }) {
  const tick = useNow(15_000);
  // Entries newer than the last tick still belong in the last bar.
  const now = entries.reduce((max, entry) => Math.max(max, entry.receivedAt), tick);
  // The span follows the log (5 min to a day), so a fresh session is not one bar in an empty hour.
  const oldest = entries.reduce((min, entry) => Math.min(min, entry.receivedAt), now);
  const minutes = Math.min(24 * 60, Math.max(5, Math.ceil((now - oldest) / MINUTE) + 1));
  const buckets = bucketActivity(entries, BUCKETS, now + 1, minutes * MINUTE);
  const maxCalls = Math.max(1, ...buckets.map((bucket) => bucket.calls));
  const maxLatency = Math.max(1, ...buckets.map((bucket) => bucket.meanLatencyMs ?? 0));
  const step = WIDTH / BUCKETS;
  const points = buckets
    .map((bucket, index) => (bucket.meanLatencyMs === null ? null : `${index * step + step / 2},${HEIGHT - (bucket.meanLatencyMs / maxLatency) * (HEIGHT - 8)}`))
    .filter((point): point is string => point !== null);
  const total = buckets.reduce((sum, bucket) => sum + bucket.calls, 0);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${total} calls in the last ${minutes} minutes; slowest mean latency ${Math.round(maxLatency)} ms`}>
        {buckets.map((bucket, index) => {
          const height = (bucket.calls / maxCalls) * (HEIGHT - 8);
          return <rect key={index} className="chart-bar" x={index * step + 1} y={HEIGHT - height} width={step - 2} height={height} />;
        })}
        {points.length > 1 && <polyline className="chart-line" points={points.join(' ')} />}
        {points.length === 1 && <circle className="chart-dot" cx={points[0]!.split(',')[0]} cy={points[0]!.split(',')[1]} r={3} />}
      </svg>
      <figcaption className="muted small">
        <span className="legend legend-bar" /> calls · <span className="legend legend-line" /> mean latency (max {Math.round(maxLatency)} ms) · last {minutes} min
      </figcaption>
    </figure>
  );
}
