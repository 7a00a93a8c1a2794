/**
 * The targets, checked against figures of the same run: overhead within 1.5× of raw,
 * throughput ≥ 80% of raw and ≥ 3× the SDK, no missed initialize budget, nothing lost or
 * duplicated, heap growth < 5 MB per 100k calls, startup < 1.5 s.
 */
import type { BenchReport, TargetCheck } from './report-types.js';

type Scenarios = BenchReport['scenarios'];

export function checkTargets(s: Scenarios): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (metric: string, target: string, ours: number | undefined, reference: number | null, met: (o: number) => boolean) => {
    if (ours === undefined || Number.isNaN(ours)) return;
    checks.push({ metric, target, ours, reference, met: met(ours) });
  };
  const o = s.overhead;
  const rawP50 = o.raw?.toolsCall.p50 ?? Number.NaN;
  const rawP99 = o.raw?.toolsCall.p99 ?? Number.NaN;
  add('overhead p50 (ms)', '≤ 1.5 × raw', o.ours?.toolsCall.p50, rawP50, (v) => v <= 1.5 * rawP50);
  add('overhead p99 (ms)', '≤ 1.5 × raw', o.ours?.toolsCall.p99, rawP99, (v) => v <= 1.5 * rawP99);
  for (const level of s.throughput) {
    const raw = level.results.raw?.callsPerSecond ?? Number.NaN;
    const sdk = level.results.sdk?.callsPerSecond ?? Number.NaN;
    add(`throughput c=${level.concurrency} (calls/s)`, '≥ 0.8 × raw', level.results.ours?.callsPerSecond, raw, (v) => v >= 0.8 * raw);
    add(`throughput c=${level.concurrency} (calls/s)`, '≥ 3 × sdk', level.results.ours?.callsPerSecond, sdk, (v) => v >= 3 * sdk);
  }
  add('missed initialize budgets', '0', s.availability.ours?.initializeMisses, null, (v) => v === 0);
  add('lost calls under drops', '0', s.recovery.ours?.lost, null, (v) => v === 0);
  add('duplicated executions', '0', s.recovery.ours?.duplicatedExecutions, null, (v) => v === 0);
  add('heap growth (MB / 100k calls)', '< 5', s.footprint.ours?.heapGrowthMBPer100k, null, (v) => v < 5);
  add('startup, 5 servers streaming (ms)', '< 1500', s.startup.ours?.streamingMs, null, (v) => v < 1_500);
  return checks;
}

/** The smoke verdict: every fault-free call completed, for every client. */
export function checkCompleted(s: Scenarios, expected: { overhead: number; throughput: number; footprint: number }): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  const need = (what: string, result: { ok: number; failed: number } | undefined, expected: number) => {
    if (!result) problems.push(`${what}: no result`);
    else if (result.failed > 0 || result.ok < expected) problems.push(`${what}: ${result.ok}/${expected} ok, ${result.failed} failed`);
  };
  for (const kind of ['ours', 'raw', 'sdk'] as const) {
    if (expected.overhead > 0) need(`overhead ${kind}`, s.overhead[kind], expected.overhead);
    for (const level of s.throughput) need(`throughput c=${level.concurrency} ${kind}`, level.results[kind], expected.throughput);
    if (expected.footprint > 0) need(`footprint ${kind}`, s.footprint[kind], expected.footprint);
  }
  return { ok: problems.length === 0, problems };
}
