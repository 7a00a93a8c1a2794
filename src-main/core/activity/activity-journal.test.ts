import { describe, expect, it } from 'vitest';

import { FakeClock } from '../testing/fake-clock.js';
import { InMemoryFiles } from '../testing/in-memory-files.js';
import { ActivityJournal } from './activity-journal.js';
import { ActivityLog, parseJsonl } from './activity-log.js';

function setup(options: { maxBytes?: number; keep?: number; secrets?: string[] } = {}) {
  const clock = new FakeClock();
  const files = new InMemoryFiles();
  const warnings: string[] = [];
  const log = new ActivityLog({ clock, knownSecrets: () => options.secrets ?? [] });
  const journal = new ActivityJournal(
    log,
    files,
    { log: (_level, message) => warnings.push(message) },
    { directory: '/data', ...options },
  );
  return { log, files, journal, warnings };
}

function recordCall(log: ActivityLog, id: string, args: unknown = { path: '/tmp/x' }) {
  log.recordRequest({ id, server: 'fs', method: 'tools/call', tool: 'read_file', arguments: args });
  log.recordDecision(id, { decision: 'allow', reason: 'Allowed by your rule', by: 'policy' });
  log.recordOutcome(id, { kind: 'result', detail: 'Done.' });
}

describe('ActivityJournal', () => {
  it('appends every record as one JSON line, in order', async () => {
    const { log, files, journal } = setup();
    recordCall(log, 'a');
    recordCall(log, 'b');
    await journal.flush();
    const records = parseJsonl(files.peek('/data/activity.jsonl') ?? '') as Array<{ type: string }>;
    expect(records.map((record) => record.type)).toEqual([
      'request',
      'decision',
      'outcome',
      'request',
      'decision',
      'outcome',
    ]);
  });

  it('rotates when full and keeps only the configured number of old files', async () => {
    const { log, files, journal } = setup({ maxBytes: 600, keep: 2 });
    for (let i = 0; i < 12; i++) recordCall(log, `call-${i}`);
    await journal.flush();
    expect(files.paths().sort()).toEqual([
      '/data/activity.1.jsonl',
      '/data/activity.2.jsonl',
      '/data/activity.jsonl',
    ]);
    for (const path of files.paths())
      expect((files.peek(path) ?? '').length).toBeLessThanOrEqual(600);
    const newest = parseJsonl(files.peek('/data/activity.jsonl') ?? '') as Array<{
      entry?: { id: string };
      id?: string;
    }>;
    expect(JSON.stringify(newest)).toContain('call-11');
  });

  it('never writes a known secret', async () => {
    const { log, files, journal } = setup({ secrets: ['ghp_SECRETSECRETSECRET'] });
    recordCall(log, 'a', { token: 'ghp_SECRETSECRETSECRET', path: '/tmp' });
    await journal.flush();
    expect(files.peek('/data/activity.jsonl')).not.toContain('ghp_SECRETSECRETSECRET');
  });

  it('logs a failed write and keeps going', async () => {
    const { log, files, journal, warnings } = setup();
    files.failNext('appendText');
    recordCall(log, 'a');
    await journal.flush();
    expect(warnings).toEqual(['Could not write the activity journal']);
    expect(parseJsonl(files.peek('/data/activity.jsonl') ?? '')).toHaveLength(2);
  });
});
