/**
 * The targets, checked against figures of the same run. The reference for speed is raw-stdio,
 * the true limit for a relay whose tools live in another process: sequential p50 ≤ 1.5× raw-stdio
 * and ≤ the SDK's; throughput at 32 in flight ≥ 0.8× raw-stdio; RSS of the bundled bridge with
 * its server ≤ the SDK's process. And: no missed initialize budget, nothing lost or duplicated,
 * heap growth < 5 MB per 100k calls, startup < 1.5 s.
 */
import { CLIENT_KINDS } from '../clients/protocol.js';
import type { BenchReport, TargetCheck } from './report-types.js';

type Scenarios = BenchReport['scenarios'];

export function checkTargets(s: Scenarios): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (
    metric: string,
    target: string,
    ours: number | undefined,
    reference: number | null,
    met: (o: number) => boolean,
  ) => {
    if (ours === undefined || Number.isNaN(ours)) return;
    checks.push({ metric, target, ours, reference, met: met(ours) });
  };
  const o = s.overhead;
  const stdioP50 = o['raw-stdio']?.toolsCall.p50 ?? Number.NaN;
  const sdkP50 = o.sdk?.toolsCall.p50 ?? Number.NaN;
  add(
    'overhead p50 (ms)',
    '≤ 1.5 × raw-stdio',
    o.ours?.toolsCall.p50,
    stdioP50,
    (v) => v <= 1.5 * stdioP50,
  );
  add('overhead p50 (ms)', '≤ sdk', o.ours?.toolsCall.p50, sdkP50, (v) => v <= sdkP50);
  for (const level of s.throughput.filter((l) => l.concurrency === 32)) {
    const stdio = level.results['raw-stdio']?.callsPerSecond ?? Number.NaN;
    add(
      `throughput c=${level.concurrency} (calls/s)`,
      '≥ 0.8 × raw-stdio',
      level.results.ours?.callsPerSecond,
      stdio,
      (v) => v >= 0.8 * stdio,
    );
  }
  const sdkRss = s.footprint.sdk?.rssWithServersMB ?? Number.NaN;
  add(
    'RSS with its local server (MB)',
    '≤ sdk',
    s.footprint.ours?.rssWithServersMB,
    sdkRss,
    (v) => v <= sdkRss,
  );
  // Like for like: a second Node process maps the same node binary, which the machine holds once.
  const sdkMemory = s.footprint.sdk?.memoryWithServersMB ?? Number.NaN;
  add(
    'the same, file pages once (MB)',
    '≤ sdk',
    s.footprint.ours?.memoryWithServersMB,
    sdkMemory,
    (v) => v <= sdkMemory,
  );
  add(
    'missed initialize budgets',
    '0',
    s.availability.ours?.initializeMisses,
    null,
    (v) => v === 0,
  );
  add('lost calls under drops', '0', s.recovery.ours?.lost, null, (v) => v === 0);
  add('duplicated executions', '0', s.recovery.ours?.duplicatedExecutions, null, (v) => v === 0);
  add(
    'heap growth (MB / 100k calls)',
    '< 5',
    s.footprint.ours?.heapGrowthMBPer100k,
    null,
    (v) => v < 5,
  );
  add(
    'startup, 5 servers streaming (ms)',
    '< 1500',
    s.startup.ours?.streamingMs,
    null,
    (v) => v < 1_500,
  );
  return checks;
}

/** The smoke verdict: every fault-free call completed, for every client. */
export function checkCompleted(
  s: Scenarios,
  expected: { overhead: number; throughput: number; footprint: number },
): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  const need = (
    what: string,
    result: { ok: number; failed: number } | undefined,
    expected: number,
  ) => {
    if (!result) problems.push(`${what}: no result`);
    else if (result.failed > 0 || result.ok < expected)
      problems.push(`${what}: ${result.ok}/${expected} ok, ${result.failed} failed`);
  };
  for (const kind of CLIENT_KINDS) {
    if (expected.overhead > 0) need(`overhead ${kind}`, s.overhead[kind], expected.overhead);
    for (const level of s.throughput)
      need(`throughput c=${level.concurrency} ${kind}`, level.results[kind], expected.throughput);
    if (expected.footprint > 0) need(`footprint ${kind}`, s.footprint[kind], expected.footprint);
  }
  return { ok: problems.length === 0, problems };
}
