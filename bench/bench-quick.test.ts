/**
 * The benchmark works: a smoke run of every scenario with the smallest counts, checking the
 * report's shape and that nothing was lost. It never checks a timing: CI machines are noisy, and
 * a benchmark is not a test.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { CLIENT_KINDS } from './clients/protocol.js';
import type { BenchReport } from './report/report-types.js';
import { writeReport } from './report/write-report.js';
import { runBench } from './runner/bench-runner.js';
import { type BenchConfig, QUICK } from './runner/config.js';

const TINY: BenchConfig = {
  ...QUICK,
  overhead: { warmup: 2, calls: 10 },
  throughput: { warmup: 2, calls: 20, concurrency: [32] },
  footprint: { warmup: 5, calls: 40, concurrency: 8 },
  recovery: { ...QUICK.recovery, durationMs: 2_000, dropEveryMs: 900 },
  availability: { idleCloseMs: 1_500, gapsMs: [300, 1_600] },
  idleCpuMs: 200,
};

describe('npm run bench -- --quick', () => {
  it('runs every scenario for every client (ours, raw, raw-stdio, sdk), and ours loses and duplicates nothing', async () => {
    const report = await runBench(TINY);
    const dir = await mkdtemp(join(tmpdir(), 'bench-'));
    try {
      const [file] = await writeReport(report, { docs: false, resultsDir: dir });
      const written = JSON.parse(await readFile(file!, 'utf8')) as BenchReport;
      expect(written.schema).toBe(1);
      expect(written.completed).toEqual({ ok: true, problems: [] });
      const { scenarios } = written;
      for (const kind of CLIENT_KINDS) {
        expect(scenarios.startup[kind]?.streamingMs).toBeGreaterThan(0);
        expect(scenarios.overhead[kind]?.toolsCall.count).toBe(10);
        expect(scenarios.throughput[0]?.results[kind]?.ok).toBe(20);
        expect(scenarios.footprint[kind]?.ok).toBe(40);
        expect(scenarios.idleCpu[kind]?.windowMs).toBeGreaterThan(0);
        expect(scenarios.recovery[kind]?.calls).toBeGreaterThan(0);
        expect(scenarios.availability[kind]?.listings).toBe(2);
      }
      expect(scenarios.recovery.ours).toMatchObject({
        lost: 0,
        duplicatedExecutions: 0,
        duplicateResults: 0,
        unhandledRejections: 0,
      });
      expect(scenarios.availability.ours?.initializeMisses).toBe(0);
      expect(written.targets.map((t) => t.metric)).toContain('overhead p50 (ms)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
