/**
 * Availability: the idle-heavy pattern. The emulator's idle close is shrunk (Dust: 5 min) so
 * several idle closes happen in well under a minute; each client gets a listing after each gap
 * of the fixed pattern, all clients at once (they are idle, so they do not compete). A listing
 * whose `initialize` is not answered within Dust's 5 s fails; that is the number that matters.
 */
import { listTools } from '../runner/agent-driver.js';
import { latencies, type LatencyStats, latencyStats } from '../runner/timings.js';
import type { BenchContext, PerClient } from './context.js';
import { sleep, waitStreaming } from './context.js';

export interface AvailabilityResult {
  listings: number;
  ok: number;
  initializeMisses: number;
  otherFailures: number;
  initialize: LatencyStats;
  /** Gaps longer than the idle close: the stream had closed before that listing. */
  afterIdleClose: number;
}

const DEFAULT_IDLE_CLOSE_MS = 5 * 60_000;

/** Ends every stream with `data: done` so they reopen under the current idle setting. */
async function cycleStreams(ctx: BenchContext): Promise<void> {
  ctx.emulator.faults.dropStreams('done', 'mcp-requests');
  await sleep(200);
  await waitStreaming(
    ctx.emulator,
    ctx.clients.map((c) => c.serverId),
    30_000,
  );
}

export async function runAvailability(ctx: BenchContext): Promise<PerClient<AvailabilityResult>> {
  const { idleCloseMs, gapsMs } = ctx.config.availability;
  ctx.emulator.faults.set({ idleCloseMs });
  await cycleStreams(ctx);
  const stop = ctx.recorder.record();
  const outcomes = await Promise.all(
    ctx.clients.map(async (client) => {
      const target = { emulator: ctx.emulator, serverId: client.serverId };
      const results = [];
      for (const gap of gapsMs) {
        await sleep(gap);
        results.push(await listTools(target));
      }
      return results;
    }),
  );
  const samples = stop();
  ctx.emulator.faults.set({ idleCloseMs: DEFAULT_IDLE_CLOSE_MS });
  await cycleStreams(ctx);
  const out: PerClient<AvailabilityResult> = {};
  ctx.clients.forEach((client, i) => {
    const results = outcomes[i] ?? [];
    const misses = results.filter((r) => !r.ok && r.reason === 'initialize_timeout').length;
    out[client.kind] = {
      listings: results.length,
      ok: results.filter((r) => r.ok).length,
      initializeMisses: misses,
      otherFailures: results.filter((r) => !r.ok).length - misses,
      initialize: latencyStats(latencies(samples, 'initialize', client.serverId)),
      afterIdleClose: gapsMs.filter((g) => g > idleCloseMs).length,
    };
    ctx.log(
      `availability ${client.kind}: ${misses}/${results.length} initialize budgets missed, max initialize ${out[client.kind]?.initialize.max} ms`,
    );
  });
  return out;
}
