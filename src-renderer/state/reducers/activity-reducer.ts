import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';

/** The most entries the window keeps; the log on disk keeps more, and export reads from there. */
export const ACTIVITY_LIMIT = 500;

/**
 * Merges entries by id, newest first.
 *
 * `activity:recorded` sends the whole entry again each time it grows (request, then decision,
 * then outcome), so a later copy replaces an earlier one rather than adding a row.
 */
export function mergeActivity(
  current: ActivityEntryDto[],
  incoming: ActivityEntryDto[],
): ActivityEntryDto[] {
  const byId = new Map(current.map((entry) => [entry.id, entry]));
  for (const entry of incoming) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => b.receivedAt - a.receivedAt).slice(0, ACTIVITY_LIMIT);
}

export type ActivityOutcome = 'pending' | 'denied' | 'ok' | 'error';

/** One word for an entry's fate, used by the filter and the timeline's colour. */
export function activityOutcome(entry: ActivityEntryDto): ActivityOutcome {
  if (entry.decision?.decision === 'deny' || entry.outcome?.kind === 'denied') return 'denied';
  if (!entry.outcome) return 'pending';
  return /ok|success|result/i.test(entry.outcome.kind) ? 'ok' : 'error';
}

export interface ActivityFilter {
  server: string;
  tool: string;
  outcome: ActivityOutcome | '';
}

export function filterActivity(
  entries: ActivityEntryDto[],
  filter: ActivityFilter,
): ActivityEntryDto[] {
  return entries.filter(
    (entry) =>
      (!filter.server || entry.server === filter.server) &&
      (!filter.tool || entry.tool === filter.tool) &&
      (!filter.outcome || activityOutcome(entry) === filter.outcome),
  );
}

export interface ActivityBucket {
  start: number;
  calls: number;
  /** Mean latency of the calls that finished in this bucket, or null when none did. */
  meanLatencyMs: number | null;
}

/** Calls and mean latency per time bucket, oldest first, for the activity chart. */
export function bucketActivity(
  entries: ActivityEntryDto[],
  buckets: number,
  now: number,
  spanMs: number,
): ActivityBucket[] {
  const size = spanMs / buckets;
  const start = now - spanMs;
  const result = Array.from({ length: buckets }, (_, index) => ({
    start: start + index * size,
    calls: 0,
    total: 0,
    timed: 0,
  }));
  for (const entry of entries) {
    const index = Math.floor((entry.receivedAt - start) / size);
    const bucket = result[index];
    if (!bucket) continue;
    bucket.calls += 1;
    if (entry.outcome) {
      bucket.total += entry.outcome.latencyMs;
      bucket.timed += 1;
    }
  }
  return result.map(({ start: at, calls, total, timed }) => ({
    start: at,
    calls,
    meanLatencyMs: timed ? total / timed : null,
  }));
}
