import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { useNow } from '../../components/use-now';
import { formatClock, formatDuration, plural } from '../../components/words';
import { bucketActivity } from '../../state/reducers/activity-reducer';

/** Plot area and the margins that hold the axes' labels, in SVG units. */
const PLOT_WIDTH = 360;
const PLOT_HEIGHT = 80;
const LEFT = 34;
const RIGHT = 46;
const TOP = 8;
const BOTTOM = 16;
const BUCKETS = 24;
const MINUTE = 60_000;

/**
 * Calls per bucket as bars (left axis, calls) and mean latency as a line (right axis, ms), over a
 * span that follows the log (5 min to a day), with the times at both ends. React-rendered SVG:
 * no chart library, and nothing but numbers and times reaches the markup.
 */
export function ActivityChart({ entries }: { entries: ActivityEntryDto[] }) {
  const tick = useNow(15_000);
  // Entries newer than the last tick still belong in the last bar.
  const now = entries.reduce((max, entry) => Math.max(max, entry.receivedAt), tick);
  const oldest = entries.reduce((min, entry) => Math.min(min, entry.receivedAt), now);
  const minutes = Math.min(24 * 60, Math.max(5, Math.ceil((now - oldest) / MINUTE) + 1));
  const buckets = bucketActivity(entries, BUCKETS, now + 1, minutes * MINUTE);
  const maxCalls = Math.max(1, ...buckets.map((bucket) => bucket.calls));
  const maxLatency = Math.max(1, ...buckets.map((bucket) => bucket.meanLatencyMs ?? 0));
  const step = PLOT_WIDTH / BUCKETS;
  const y = (fraction: number) => TOP + PLOT_HEIGHT - fraction * PLOT_HEIGHT;
  const points = buckets
    .map((bucket, index) =>
      bucket.meanLatencyMs === null
        ? null
        : `${LEFT + index * step + step / 2},${y(bucket.meanLatencyMs / maxLatency)}`,
    )
    .filter((point): point is string => point !== null);
  const total = buckets.reduce((sum, bucket) => sum + bucket.calls, 0);
  const outside = entries.length - total;
  const span = formatDuration(minutes * MINUTE);
  const bucketSpan = formatDuration((minutes * MINUTE) / BUCKETS);
  const latency = `${Math.round(maxLatency).toLocaleString()} ms`;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${LEFT + PLOT_WIDTH + RIGHT} ${TOP + PLOT_HEIGHT + BOTTOM}`}
        role="img"
        aria-label={`${plural(total, 'call')} in the last ${span}; slowest mean latency ${latency}`}
      >
        <line className="chart-axis" x1={LEFT} y1={TOP} x2={LEFT} y2={y(0)} />
        <line className="chart-axis" x1={LEFT} y1={y(0)} x2={LEFT + PLOT_WIDTH} y2={y(0)} />
        <line
          className="chart-axis"
          x1={LEFT + PLOT_WIDTH}
          y1={TOP}
          x2={LEFT + PLOT_WIDTH}
          y2={y(0)}
        />
        <text className="chart-label" x={LEFT - 4} y={TOP + 8} textAnchor="end">
          {maxCalls}
        </text>
        <text className="chart-label" x={LEFT - 4} y={y(0)} textAnchor="end">
          0
        </text>
        <text className="chart-label" x={LEFT + PLOT_WIDTH + 4} y={TOP + 8}>
          {latency}
        </text>
        <text className="chart-label" x={LEFT + PLOT_WIDTH + 4} y={y(0)}>
          0 ms
        </text>
        <text className="chart-label" x={LEFT} y={TOP + PLOT_HEIGHT + BOTTOM - 2}>
          {formatClock(now - minutes * MINUTE, now)}
        </text>
        <text
          className="chart-label"
          x={LEFT + PLOT_WIDTH}
          y={TOP + PLOT_HEIGHT + BOTTOM - 2}
          textAnchor="end"
        >
          now
        </text>
        {buckets.map((bucket, index) => {
          const height = (bucket.calls / maxCalls) * PLOT_HEIGHT;
          return (
            <rect
              key={index}
              className="chart-bar"
              x={LEFT + index * step + 1}
              y={y(0) - height}
              width={step - 2}
              height={height}
            />
          );
        })}
        {points.length > 1 && <polyline className="chart-line" points={points.join(' ')} />}
        {points.length === 1 && (
          <circle
            className="chart-dot"
            cx={points[0]!.split(',')[0]}
            cy={points[0]!.split(',')[1]}
            r={3}
          />
        )}
      </svg>
      <figcaption className="muted small">
        <span className="legend legend-bar" /> calls per {bucketSpan} (left axis) ·{' '}
        <span className="legend legend-line" /> mean latency in ms (right axis) · last {span}
        {outside > 0 && ` · ${plural(outside, 'older call')} not in the chart`}
      </figcaption>
    </figure>
  );
}
