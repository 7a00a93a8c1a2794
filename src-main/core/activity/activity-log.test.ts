import { describe, expect, it } from 'vitest';

import { FakeClock } from '../testing/fake-clock.js';
import { ActivityLog, type ActivityRecord, parseJsonl, toJsonlLine } from './activity-log.js';
import { REDACTED } from './redact.js';

const SECRET = 'sk-live-1234567890abcdef';

function setup(capacity?: number, secrets: string[] = [SECRET]) {
  const clock = new FakeClock();
  const log = new ActivityLog({
    clock,
    ...(capacity === undefined ? {} : { capacity }),
    knownSecrets: () => secrets,
  });
  const records: ActivityRecord[] = [];
  log.onDidRecord((record) => records.push(record));
  return { clock, log, records };
}

const call = (id: string) => ({
  id,
  server: 'fs',
  method: 'tools/call',
  tool: 'read_file',
  agent: 'helper',
  conversationId: 'c1',
  arguments: { path: '/tmp' },
});

describe('ActivityLog', () => {
  it('records request → decision → outcome with latency', async () => {
    const { clock, log, records } = setup();
    const t0 = clock.now();
    log.recordRequest(call('a'));
    await clock.advance(1500);
    expect(
      log.recordDecision('a', {
        decision: 'allow',
        reason: 'Allowed by your rule for fs/read_*',
        by: 'policy',
      }),
    ).toBe(true);
    await clock.advance(250);
    expect(log.recordOutcome('a', { kind: 'result', detail: '3 items' })).toBe(true);
    expect(log.get('a')).toEqual({
      ...call('a'),
      receivedAt: t0,
      decision: {
        decision: 'allow',
        reason: 'Allowed by your rule for fs/read_*',
        by: 'policy',
        decidedAt: t0 + 1500,
      },
      outcome: { kind: 'result', detail: '3 items', finishedAt: t0 + 1750, latencyMs: 1750 },
    });
    expect(records.map((r) => r.type)).toEqual(['request', 'decision', 'outcome']);
    expect(records[2]).toMatchObject({ type: 'outcome', id: 'a', latencyMs: 1750 });
  });

  it('measures latency on the monotonic clock, not the wall clock', async () => {
    const { clock, log } = setup();
    log.recordRequest(call('a'));
    clock.jump(3_600_000);
    await clock.advance(10);
    log.recordOutcome('a', { kind: 'result', detail: '' });
    expect(log.get('a')?.outcome?.latencyMs).toBe(3_600_010);
  });

  it('ignores decisions and outcomes for unknown entries', () => {
    const { log, records } = setup();
    expect(log.recordDecision('nope', { decision: 'deny', reason: 'x', by: 'user' })).toBe(false);
    expect(log.recordOutcome('nope', { kind: 'failed', detail: 'x' })).toBe(false);
    expect(records).toEqual([]);
  });

  it('is a bounded ring: the oldest entries go first', () => {
    const { log } = setup(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.recordRequest(call(id));
    expect(log.size).toBe(3);
    expect(log.entries().map((e) => e.id)).toEqual(['c', 'd', 'e']);
    expect(log.entries(2).map((e) => e.id)).toEqual(['d', 'e']);
    expect(log.get('a')).toBeUndefined();
    expect(log.recordOutcome('a', { kind: 'result', detail: '' })).toBe(false);
  });

  it('keeps 5,000 entries by default', () => {
    const { log } = setup();
    for (let i = 0; i < 5003; i++)
      log.recordRequest({ id: String(i), server: 's', method: 'tools/list' });
    expect(log.size).toBe(5000);
    expect(log.entries()[0]?.id).toBe('3');
  });

  it('redacts secrets in arguments, reasons and details before keeping or emitting them', () => {
    const { log, records } = setup();
    log.recordRequest({ ...call('a'), arguments: { headers: { auth: `Bearer ${SECRET}` } } });
    log.recordDecision('a', { decision: 'deny', reason: `Denied for ${SECRET}`, by: 'user' });
    log.recordOutcome('a', { kind: 'failed', detail: `401 with key ${SECRET}` });
    const everything = JSON.stringify([log.entries(), records]) + log.exportJsonl();
    expect(everything).not.toContain(SECRET);
    expect(log.get('a')).toMatchObject({
      arguments: { headers: { auth: `Bearer ${REDACTED}` } },
      decision: { reason: `Denied for ${REDACTED}` },
      outcome: { detail: `401 with key ${REDACTED}` },
    });
  });

  it('exports JSONL that reads back to the same entries', () => {
    const { log } = setup();
    log.recordRequest({ ...call('a'), arguments: { text: 'line one\nline two' } });
    log.recordRequest(call('b'));
    const text = log.exportJsonl();
    expect(text.split('\n')).toHaveLength(3);
    expect(parseJsonl(text)).toEqual(log.entries());
  });

  it('stops emitting after dispose', () => {
    const { log, records } = setup();
    log.dispose();
    log.recordRequest(call('a'));
    expect(records).toEqual([]);
  });
});

describe('JSONL helpers', () => {
  it('writes one line per value, newlines escaped', () => {
    expect(toJsonlLine({ a: 'x\ny' })).toBe('{"a":"x\\ny"}\n');
    expect(toJsonlLine(undefined)).toBe('null\n');
  });

  it('marks values JSON cannot hold instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(toJsonlLine(cyclic)).toBe('{"unserializable":true}\n');
    expect(toJsonlLine({ n: 1n })).toBe('{"unserializable":true}\n');
  });

  it('skips blank and damaged lines when reading', () => {
    expect(parseJsonl('{"a":1}\n\n{"b":\n{"c":3}\n')).toEqual([{ a: 1 }, { c: 3 }]);
  });

  it('keeps the latest progress of a running call, a few a second at most, redacted, and not journaled', async () => {
    const { clock, log, records } = setup();
    const seen: string[] = [];
    log.onDidProgress((id) => seen.push(id));
    log.recordRequest(call('p'));
    expect(log.recordProgress('p', { ratio: 0.1, message: `token ${SECRET}` })).toBe(true);
    expect(log.recordProgress('p', { ratio: 0.2 })).toBe(false);
    expect(log.get('p')?.progress).toEqual({ ratio: 0.1, message: `token ${REDACTED}` });
    await clock.advance(300);
    expect(log.recordProgress('p', { ratio: 0.3 })).toBe(true);
    expect(log.recordProgress('p', { ratio: 1 })).toBe(true);
    expect(seen).toEqual(['p', 'p', 'p']);
    expect(records.map((record) => record.type)).toEqual(['request']);
    log.recordOutcome('p', { kind: 'result', detail: 'Done.' });
    expect(log.get('p')?.progress).toBeUndefined();
    expect(log.recordProgress('p', { ratio: 1 })).toBe(false);
  });
});
