/**
 * Runs the whole benchmark: one emulator in this process, four clients in their own processes,
 * every scenario for every client in the same run, and the report.
 *
 * The emulator lives in the runner's process on purpose: the fake Dust agent that drives the load
 * and the timing hook share one clock (`performance.now()`) with no IPC in the measured path,
 * and the clients' processes hold nothing but the client, so their CPU and memory are theirs.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';

import { startEmulator } from '../../e2e/dust-emulator/index.js';
import { CLIENT_KINDS } from '../clients/protocol.js';
import type { BenchReport } from '../report/report-types.js';
import { checkCompleted, checkTargets } from '../report/targets.js';
import { runAvailability } from '../scenarios/availability.js';
import { type BenchContext, type LiveClient, waitStreaming } from '../scenarios/context.js';
import { runFootprint, runIdleCpu } from '../scenarios/footprint.js';
import { runOverhead, runThroughput } from '../scenarios/overhead-throughput.js';
import { runRecovery } from '../scenarios/recovery.js';
import { runStartup } from '../scenarios/startup.js';
import { buildClients } from './build-clients.js';
import { ClientProcess } from './client-process.js';
import type { BenchConfig } from './config.js';
import { SampleRecorder } from './timings.js';

const OURS_SERVERS = {
  minimal:
    'the same minimal stdio child as raw-stdio (hand-written JSON lines, which also answer the MCP handshake)',
  sdk: 'stdio fixture server (McpServer + StdioServerTransport)',
} as const;

export const clientDescriptions = (oursServer: BenchConfig['oursServer']) => ({
  ours: `the bundled dust-mcp-bridge as shipped (node dust-mcp-bridge.cjs --allow SERVER/*, token in DUST_TOKEN) → ${OURS_SERVERS[oursServer]}`,
  raw: 'one fetch stream per server, hand-written SSE parser, hard-coded answers POSTed over node:http keep-alive, immediate reconnect from the cursor',
  'raw-stdio':
    'raw, each tools/call relayed to a minimal stdio echo child (one per server, hand-written JSON lines, no SDK): the limit for a relay whose tools live in another process',
  sdk: '@dust-tt/client 1.2.8 DustMcpServerTransport → in-process McpServer with the same tools',
});

/** Scenario names for `--only` (a partial run, to re-measure figures that look off). */
export const SCENARIOS = [
  'startup',
  'overhead',
  'throughput',
  'footprint',
  'idleCpu',
  'recovery',
  'availability',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export async function runBench(
  config: BenchConfig,
  log: (line: string) => void = () => undefined,
  only: ReadonlySet<ScenarioName> = new Set(SCENARIOS),
): Promise<BenchReport> {
  const startedAt = new Date();
  const loadAverageStart = loadavg();
  const built = await buildClients(config.oursServer);
  const emulator = await startEmulator({ faults: { registerRateLimitPerMinute: null } });
  const recorder = new SampleRecorder(emulator);
  const clients: LiveClient[] = [];
  try {
    const ctx: BenchContext = { emulator, recorder, config, clients, built, log };
    // Startup first, on a quiet machine, with fresh processes of its own.
    const startup = only.has('startup') ? await runStartup(ctx, CLIENT_KINDS) : {};
    for (const kind of CLIENT_KINDS) {
      const process = ClientProcess.launch(kind, built.clients[kind]);
      const [serverId = ''] = await process.start({
        url: emulator.url,
        token: emulator.seeds.userToken,
        workspaceId: emulator.seeds.workspaceId,
        servers: 1,
        namePrefix: `bench-${kind}`,
        fixturePath: built.oursServer,
        rawChildPath: built.rawChild,
        bridgePath: built.bridge,
      });
      clients.push({ kind, process, serverId });
    }
    await waitStreaming(
      emulator,
      clients.map((c) => c.serverId),
    );
    const overhead = only.has('overhead') ? await runOverhead(ctx) : {};
    const throughput = only.has('throughput') ? await runThroughput(ctx) : [];
    const footprint = only.has('footprint') ? await runFootprint(ctx) : {};
    const idleCpu = only.has('idleCpu') ? await runIdleCpu(ctx) : {};
    const recovery = only.has('recovery') ? await runRecovery(ctx) : {};
    const availability = only.has('availability') ? await runAvailability(ctx) : {};
    const scenarios = { startup, overhead, throughput, footprint, idleCpu, recovery, availability };
    return {
      schema: 1,
      mode: config.mode,
      ...(only.size < SCENARIOS.length ? { only: [...only] } : {}),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      machine: {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGB: Math.round(totalmem() / 1e9),
        loadAverageStart: loadAverageStart.map((l) => Math.round(l * 100) / 100),
        loadAverageEnd: loadavg().map((l) => Math.round(l * 100) / 100),
      },
      setup: {
        emulator: `in the runner's process (free ${Math.round(freemem() / 1e9)} GB at the end)`,
        clients: clientDescriptions(config.oursServer),
      },
      scenarios,
      targets: checkTargets(scenarios),
      completed: checkCompleted(scenarios, {
        overhead: only.has('overhead') ? config.overhead.calls : 0,
        throughput: config.throughput.calls,
        footprint: only.has('footprint') ? config.footprint.calls : 0,
      }),
    };
  } finally {
    await Promise.all(clients.map((c) => c.process.stop()));
    await emulator.close();
  }
}
