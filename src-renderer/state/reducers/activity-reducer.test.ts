import { describe, expect, it } from 'vitest';

import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import { activityOutcome, bucketActivity, filterActivity, mergeActivity } from './activity-reducer';

const entry = (
  id: string,
  receivedAt: number,
  extra: Partial<ActivityEntryDto> = {},
): ActivityEntryDto => ({
  id,
  server: 'everything',
  tool: 'echo',
  receivedAt,
  ...extra,
});

describe('activity reducer', () => {
  it('merges by id, newest first, a later copy replacing the earlier', () => {
    const merged = mergeActivity(
      [entry('a', 1), entry('b', 2)],
      [entry('a', 1, { outcome: { kind: 'result', detail: 'ok', latencyMs: 5 } })],
    );
    expect(merged.map((item) => item.id)).toEqual(['b', 'a']);
    expect(merged[1]?.outcome?.latencyMs).toBe(5);
  });

  it('names each outcome in one word', () => {
    expect(activityOutcome(entry('a', 1))).toBe('pending');
    expect(
      activityOutcome(entry('a', 1, { decision: { decision: 'deny', reason: 'no', by: 'user' } })),
    ).toBe('denied');
    expect(
      activityOutcome(entry('a', 1, { outcome: { kind: 'result', detail: '', latencyMs: 1 } })),
    ).toBe('ok');
    expect(
      activityOutcome(entry('a', 1, { outcome: { kind: 'tool_error', detail: '', latencyMs: 1 } })),
    ).toBe('error');
  });

  it('filters by server, tool and outcome', () => {
    const entries = [
      entry('a', 1),
      entry('b', 2, { tool: 'add' }),
      entry('c', 3, { server: 'fs' }),
    ];
    expect(
      filterActivity(entries, { server: '', tool: 'add', outcome: '' }).map((item) => item.id),
    ).toEqual(['b']);
    expect(
      filterActivity(entries, { server: 'fs', tool: '', outcome: 'pending' }).map(
        (item) => item.id,
      ),
    ).toEqual(['c']);
  });

  it('buckets calls and mean latency over time', () => {
    const buckets = bucketActivity(
      [
        entry('a', 950, { outcome: { kind: 'result', detail: '', latencyMs: 10 } }),
        entry('b', 960, { outcome: { kind: 'result', detail: '', latencyMs: 30 } }),
        entry('c', 10),
      ],
      10,
      1000,
      100,
    );
    expect(buckets).toHaveLength(10);
    expect(buckets[5]).toMatchObject({ calls: 1, meanLatencyMs: 20 / 2 });
    expect(buckets[6]).toMatchObject({ calls: 1, meanLatencyMs: 30 });
    expect(buckets.reduce((sum, bucket) => sum + bucket.calls, 0)).toBe(2);
  });
});
