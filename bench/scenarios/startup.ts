/**
 * Startup: from launching a fresh client process to five servers registered and streaming (as the
 * emulator sees it: a registration under each name and a live subscriber on each channel), and
 * then to all five answering a listing (for ours, the local processes are up too).
 */
import type { ClientKind } from '../clients/protocol.js';
import { serverName } from '../clients/protocol.js';
import { listTools } from '../runner/agent-driver.js';
import { ClientProcess } from '../runner/client-process.js';
import type { BenchContext, PerClient } from './context.js';
import { isStreaming, sleep } from './context.js';

export interface StartupResult {
  runs: number;
  /** Median over runs, ms. */
  streamingMs: number;
  servingMs: number;
  allRunsMs: number[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

async function once(
  ctx: BenchContext,
  kind: ClientKind,
  run: number,
): Promise<{ streamingMs: number; servingMs: number }> {
  const { servers } = ctx.config.startup;
  const prefix = `st-${kind}-${run}-${Date.now() % 100_000}`;
  const names = new Set(Array.from({ length: servers }, (_, i) => serverName(prefix, i)));
  const started = performance.now();
  const client = ClientProcess.launch(kind, ctx.built.clients[kind]);
  try {
    void client
      .start({
        url: ctx.emulator.url,
        token: ctx.emulator.seeds.userToken,
        workspaceId: ctx.emulator.seeds.workspaceId,
        servers,
        namePrefix: prefix,
        fixturePath: ctx.built.oursServer,
        rawChildPath: ctx.built.rawChild,
        bridgePath: ctx.built.bridge,
      })
      .catch(() => undefined);
    let ids: string[] = [];
    for (;;) {
      ids = ctx.emulator.mcp
        .registrations()
        .filter((r) => names.has(r.serverName))
        .map((r) => r.serverId);
      if (ids.length === servers && ids.every((id) => isStreaming(ctx.emulator, id))) break;
      if (performance.now() - started > 30_000)
        throw new Error(`${kind} startup: not streaming after 30 s`);
      await sleep(2);
    }
    const streamingMs = performance.now() - started;
    await Promise.all(
      ids.map(async (serverId) => {
        const listed = await listTools({ emulator: ctx.emulator, serverId });
        if (!listed.ok) throw new Error(`${kind} startup listing failed: ${listed.message}`);
      }),
    );
    return {
      streamingMs: Math.round(streamingMs),
      servingMs: Math.round(performance.now() - started),
    };
  } finally {
    await client.stop();
  }
}

export async function runStartup(
  ctx: BenchContext,
  kinds: readonly ClientKind[],
): Promise<PerClient<StartupResult>> {
  const out: PerClient<StartupResult> = {};
  for (const kind of kinds) {
    const runs = [];
    for (let run = 0; run < ctx.config.startup.repeats; run++)
      runs.push(await once(ctx, kind, run));
    out[kind] = {
      runs: runs.length,
      streamingMs: median(runs.map((r) => r.streamingMs)),
      servingMs: median(runs.map((r) => r.servingMs)),
      allRunsMs: runs.map((r) => r.streamingMs),
    };
    ctx.log(
      `startup ${kind}: ${out[kind]?.streamingMs} ms to 5 streaming, ${out[kind]?.servingMs} ms to 5 serving`,
    );
  }
  return out;
}
