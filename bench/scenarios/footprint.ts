/**
 * Footprint: heap and RSS of each client process before and after many calls (a full GC first,
 * so the heap is live objects), reported as growth per 100k calls; then idle CPU of every client
 * over the same window, all idle at once.
 */
import { runLoad } from '../runner/agent-driver.js';
import type { BenchContext, PerClient } from './context.js';
import { sleep } from './context.js';

export interface FootprintResult {
  calls: number;
  ok: number;
  failed: number;
  callsPerSecond: number;
  heapBeforeMB: number;
  heapAfterMB: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  heapGrowthMBPer100k: number;
  rssGrowthMBPer100k: number;
  /** RSS after, the client's local server processes included (ours: the bridge + its server). */
  rssWithServersMB: number;
  /**
   * The same processes with their file-backed pages (the node binary, which every Node process
   * maps) counted once, as the machine holds them; absent in reports before it was measured.
   */
  memoryWithServersMB?: number;
}

export interface IdleCpuResult {
  windowMs: number;
  cpuMs: number;
  /** Percent of one core. */
  percent: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 100) / 100;

export async function runFootprint(ctx: BenchContext): Promise<PerClient<FootprintResult>> {
  const out: PerClient<FootprintResult> = {};
  const { warmup, calls, concurrency } = ctx.config.footprint;
  for (const client of ctx.clients) {
    const target = { emulator: ctx.emulator, serverId: client.serverId };
    await runLoad(target, { calls: warmup, concurrency });
    const before = await client.process.stats(true);
    const load = await runLoad(target, { calls, concurrency });
    const after = await client.process.stats(true);
    const per100k = 100_000 / Math.max(1, load.ok);
    out[client.kind] = {
      calls: load.calls,
      ok: load.ok,
      failed: load.failed,
      callsPerSecond: Math.round((load.ok / load.durationMs) * 1_000),
      heapBeforeMB: mb(before.heapUsed),
      heapAfterMB: mb(after.heapUsed),
      rssBeforeMB: mb(before.rss),
      rssAfterMB: mb(after.rss),
      heapGrowthMBPer100k: mb((after.heapUsed - before.heapUsed) * per100k),
      rssGrowthMBPer100k: mb((after.rss - before.rss) * per100k),
      rssWithServersMB: mb(after.rss + after.childrenRss),
      memoryWithServersMB: mb(after.memoryWithChildren),
    };
    ctx.log(
      `footprint ${client.kind}: heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB, rss ${mb(before.rss)} → ${mb(after.rss)} MB (+ servers ${mb(after.childrenRss)} MB; file pages once: ${mb(after.memoryWithChildren)} MB) after ${load.ok} calls`,
    );
  }
  return out;
}

export async function runIdleCpu(ctx: BenchContext): Promise<PerClient<IdleCpuResult>> {
  const windowMs = ctx.config.idleCpuMs;
  const before = await Promise.all(ctx.clients.map((c) => c.process.stats(false)));
  const started = performance.now();
  await sleep(windowMs);
  const after = await Promise.all(ctx.clients.map((c) => c.process.stats(false)));
  const elapsed = performance.now() - started;
  const out: PerClient<IdleCpuResult> = {};
  ctx.clients.forEach((client, i) => {
    const b = before[i];
    const a = after[i];
    if (!a || !b) return;
    const cpuMs = (a.cpuUserUs + a.cpuSystemUs - b.cpuUserUs - b.cpuSystemUs) / 1_000;
    out[client.kind] = {
      windowMs: Math.round(elapsed),
      cpuMs: Math.round(cpuMs * 10) / 10,
      percent: Math.round((cpuMs / elapsed) * 10_000) / 100,
    };
    ctx.log(
      `idle cpu ${client.kind}: ${out[client.kind]?.cpuMs} ms over ${Math.round(elapsed)} ms`,
    );
  });
  return out;
}
