/**
 * Recovery: steady load of `sleep` calls (so drops land while calls run) while the emulator ends
 * every requests stream, alternately tearing the socket (`abort`) and closing it cleanly without
 * `data: done` (`close`). Lost calls are those that never got their answer (including an
 * initialize that missed its 5 s); duplicates are counted at the tool (executions) and on the
 * wire (results posted twice); time to resume is, per drop, until the first answer to a request
 * published after the drop.
 */
import { TRACK_PREFIX } from '../fixtures/bench-tools.js';
import { callTool, runLoad } from '../runner/agent-driver.js';
import type { BenchContext, PerClient } from './context.js';
import { sleep, waitStreaming } from './context.js';

export interface RecoveryResult {
  calls: number;
  lost: number;
  failures: Record<string, number>;
  drops: number;
  duplicatedExecutions: number;
  duplicateResults: number;
  resumeMs: { mean: number; max: number };
  /** Rejections no one handled during the run: each would have crashed the process. */
  unhandledRejections: number;
}

async function takeLedger(target: {
  emulator: BenchContext['emulator'];
  serverId: string;
}): Promise<{ executions: number; duplicates: number }> {
  const outcome = await callTool(target, 'stats', {});
  const first = outcome.ok
    ? (outcome.result.content[0] as { text?: string } | undefined)
    : undefined;
  return first?.text
    ? (JSON.parse(first.text) as { executions: number; duplicates: number })
    : { executions: -1, duplicates: -1 };
}

export async function runRecovery(ctx: BenchContext): Promise<PerClient<RecoveryResult>> {
  const out: PerClient<RecoveryResult> = {};
  const { durationMs, concurrency, dropEveryMs, sleepMs, callTimeoutMs } = ctx.config.recovery;
  for (const client of ctx.clients) {
    const target = { emulator: ctx.emulator, serverId: client.serverId };
    await takeLedger(target);
    const rejectionsBefore = (await client.process.stats(false)).unhandledRejections;
    const duplicatesBefore = ctx.emulator.counters.get('duplicateResults');
    const stop = ctx.recorder.record();
    const started = performance.now();
    const drops: number[] = [];
    let loading = true;
    const dropper = (async () => {
      for (let i = 0; loading; i++) {
        await sleep(dropEveryMs);
        if (!loading || performance.now() - started > durationMs - dropEveryMs / 3) break;
        drops.push(performance.now());
        ctx.emulator.faults.dropStreams(i % 2 === 0 ? 'abort' : 'close', 'mcp-requests');
      }
    })();
    const load = await runLoad(target, {
      calls: Number.MAX_SAFE_INTEGER,
      concurrency,
      until: () => performance.now() - started > durationMs,
      call: (n) =>
        callTool(
          target,
          'sleep',
          { ms: sleepMs, text: `${TRACK_PREFIX}${client.kind}:${n}` },
          callTimeoutMs,
        ),
    });
    loading = false;
    await dropper;
    const samples = stop();
    await waitStreaming(ctx.emulator, [client.serverId], 30_000);
    const ledger = await takeLedger(target);
    const resumes = drops.map((at) => {
      const after = samples.filter((s) => s.publishedAt >= at).map((s) => s.resultAt - at);
      return after.length ? Math.min(...after) : Number.NaN;
    });
    const finite = resumes.filter(Number.isFinite);
    out[client.kind] = {
      calls: load.calls,
      lost: load.failed,
      failures: load.failures,
      drops: drops.length,
      duplicatedExecutions: ledger.duplicates,
      duplicateResults: ctx.emulator.counters.get('duplicateResults') - duplicatesBefore,
      resumeMs: {
        mean: finite.length
          ? Math.round(finite.reduce((a, b) => a + b, 0) / finite.length)
          : Number.NaN,
        max: finite.length ? Math.round(Math.max(...finite)) : Number.NaN,
      },
      unhandledRejections:
        (await client.process.stats(false)).unhandledRejections - rejectionsBefore,
    };
    ctx.log(
      `recovery ${client.kind}: ${load.calls} calls, ${load.failed} lost, ${ledger.duplicates} dup executions, resume max ${out[client.kind]?.resumeMs.max} ms`,
    );
  }
  return out;
}
