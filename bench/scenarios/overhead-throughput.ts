/**
 * Bridge overhead (sequential calls) and throughput (32 and 128 in flight). One client at a time
 * under load, the others idle, so they never compete for the 2 cores. The latency is the
 * emulator's: from publishing the `tools/call` to the `/results` POST that answers it.
 */
import { runLoad } from '../runner/agent-driver.js';
import { latencies, type LatencyStats, latencyStats } from '../runner/timings.js';
import type { BenchContext, PerClient } from './context.js';

export interface OverheadResult {
  toolsCall: LatencyStats;
  initialize: LatencyStats;
  ok: number;
  failed: number;
}

export interface ThroughputResult {
  concurrency: number;
  callsPerSecond: number;
  toolsCall: LatencyStats;
  ok: number;
  failed: number;
}

export async function runOverhead(ctx: BenchContext): Promise<PerClient<OverheadResult>> {
  const out: PerClient<OverheadResult> = {};
  for (const client of ctx.clients) {
    const target = { emulator: ctx.emulator, serverId: client.serverId };
    await runLoad(target, { calls: ctx.config.overhead.warmup, concurrency: 1 });
    const stop = ctx.recorder.record();
    const load = await runLoad(target, { calls: ctx.config.overhead.calls, concurrency: 1 });
    const samples = stop();
    out[client.kind] = {
      toolsCall: latencyStats(latencies(samples, 'tools/call')),
      initialize: latencyStats(latencies(samples, 'initialize')),
      ok: load.ok,
      failed: load.failed,
    };
    ctx.log(`overhead ${client.kind}: p50 ${out[client.kind]?.toolsCall.p50} ms, p99 ${out[client.kind]?.toolsCall.p99} ms`);
  }
  return out;
}

export async function runThroughput(ctx: BenchContext): Promise<Array<{ concurrency: number; results: PerClient<ThroughputResult> }>> {
  const levels = [];
  for (const concurrency of ctx.config.throughput.concurrency) {
    const results: PerClient<ThroughputResult> = {};
    for (const client of ctx.clients) {
      const target = { emulator: ctx.emulator, serverId: client.serverId };
      await runLoad(target, { calls: ctx.config.throughput.warmup, concurrency });
      const stop = ctx.recorder.record();
      const load = await runLoad(target, { calls: ctx.config.throughput.calls, concurrency });
      const samples = stop();
      results[client.kind] = {
        concurrency,
        callsPerSecond: Math.round((load.ok / load.durationMs) * 1_000),
        toolsCall: latencyStats(latencies(samples, 'tools/call')),
        ok: load.ok,
        failed: load.failed,
      };
      ctx.log(`throughput c=${concurrency} ${client.kind}: ${results[client.kind]?.callsPerSecond} calls/s, p99 ${results[client.kind]?.toolsCall.p99} ms`);
    }
    levels.push({ concurrency, results });
  }
  return levels;
}
