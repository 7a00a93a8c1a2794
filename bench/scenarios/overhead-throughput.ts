/**
 * Bridge overhead (sequential calls) and throughput (32 and 128 in flight). One client at a time
 * under load, the others idle, so they never compete for the 2 cores; in rounds, the clients
 * taking turns, so noise from elsewhere is shared. The latency is the emulator's: from publishing
 * the `tools/call` to the `/results` POST that answers it.
 */
import type { ClientKind } from '../clients/protocol.js';
import { runLoad } from '../runner/agent-driver.js';
import { latencies, type LatencyStats, latencyStats, type Sample } from '../runner/timings.js';
import type { BenchContext, LiveClient, PerClient } from './context.js';

interface Measured {
  samples: Sample[];
  ok: number;
  failed: number;
  durationMs: number;
}

/** `calls` per client split over the rounds; client order rotates each round. */
async function inRounds(
  ctx: BenchContext,
  calls: number,
  warmup: number,
  concurrency: number,
): Promise<Map<ClientKind, Measured>> {
  const out = new Map<ClientKind, Measured>(
    ctx.clients.map((c) => [c.kind, { samples: [], ok: 0, failed: 0, durationMs: 0 }]),
  );
  const rounds = Math.max(1, ctx.config.rounds);
  for (const client of ctx.clients)
    await runLoad(
      { emulator: ctx.emulator, serverId: client.serverId },
      { calls: warmup, concurrency },
    );
  for (let round = 0; round < rounds; round++) {
    const order: LiveClient[] = ctx.clients.map(
      (_, i) => ctx.clients[(i + round) % ctx.clients.length]!,
    );
    for (const client of order) {
      const stop = ctx.recorder.record();
      const load = await runLoad(
        { emulator: ctx.emulator, serverId: client.serverId },
        { calls: Math.ceil(calls / rounds), concurrency },
      );
      const measured = out.get(client.kind)!;
      measured.samples.push(...stop());
      measured.ok += load.ok;
      measured.failed += load.failed;
      measured.durationMs += load.durationMs;
    }
  }
  return out;
}

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
  const measured = await inRounds(ctx, ctx.config.overhead.calls, ctx.config.overhead.warmup, 1);
  for (const [kind, m] of measured) {
    out[kind] = {
      toolsCall: latencyStats(latencies(m.samples, 'tools/call')),
      initialize: latencyStats(latencies(m.samples, 'initialize')),
      ok: m.ok,
      failed: m.failed,
    };
    ctx.log(
      `overhead ${kind}: p50 ${out[kind]?.toolsCall.p50} ms, p99 ${out[kind]?.toolsCall.p99} ms`,
    );
  }
  return out;
}

export async function runThroughput(
  ctx: BenchContext,
): Promise<Array<{ concurrency: number; results: PerClient<ThroughputResult> }>> {
  const levels = [];
  for (const concurrency of ctx.config.throughput.concurrency) {
    const results: PerClient<ThroughputResult> = {};
    const measured = await inRounds(
      ctx,
      ctx.config.throughput.calls,
      ctx.config.throughput.warmup,
      concurrency,
    );
    for (const [kind, m] of measured) {
      results[kind] = {
        concurrency,
        callsPerSecond: Math.round((m.ok / m.durationMs) * 1_000),
        toolsCall: latencyStats(latencies(m.samples, 'tools/call')),
        ok: m.ok,
        failed: m.failed,
      };
      ctx.log(
        `throughput c=${concurrency} ${kind}: ${results[kind]?.callsPerSecond} calls/s, p99 ${results[kind]?.toolsCall.p99} ms`,
      );
    }
    levels.push({ concurrency, results });
  }
  return levels;
}
