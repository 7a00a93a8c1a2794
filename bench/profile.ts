/**
 * `npx tsx bench/profile.ts [ours|raw|raw-stdio|sdk] [calls] [concurrency]`: one client under
 * throughput load with `--cpu-prof`, then the top functions by self time, to find where a target is
 * lost. The .cpuprofile files stay in the printed folder (open them in Chrome DevTools). It also
 * prints the runner's own CPU per call; to profile the runner (emulator) itself: `node --cpu-prof
 * --cpu-prof-dir=/tmp/runner --import tsx bench/profile.ts raw 3000 32`.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator } from '../e2e/dust-emulator/index.js';
import { type ClientKind } from './clients/protocol.js';
import { runLoad } from './runner/agent-driver.js';
import { buildClients } from './runner/build-clients.js';
import { ClientProcess } from './runner/client-process.js';
import { cpuBetween, processTreeCpu } from './runner/process-tree-cpu.js';
import { latencies, latencyStats, SampleRecorder } from './runner/timings.js';
import { waitStreaming } from './scenarios/context.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const kind = (process.argv[2] ?? 'ours') as ClientKind;
const calls = Number(process.argv[3] ?? 5_000);
const concurrency = Number(process.argv[4] ?? 32);
const dir = await mkdtemp(join(tmpdir(), `bench-prof-${kind}-`));
// BENCH_OURS_SERVER=sdk: ours relays to the SDK's McpServer instead of the minimal child.
const built = await buildClients(process.env['BENCH_OURS_SERVER'] === 'sdk' ? 'sdk' : 'minimal');
const emulator = await startEmulator({ faults: { registerRateLimitPerMinute: null } });
// BENCH_NO_PROF=1: the same load without the profiler (its sampling costs CPU too), for the
// per-process CPU per call alone.
const client = ClientProcess.launch(
  kind,
  built.clients[kind],
  process.env['BENCH_NO_PROF'] ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`],
);
const [serverId = ''] = await client.start({
  url: emulator.url,
  token: emulator.seeds.userToken,
  workspaceId: emulator.seeds.workspaceId,
  servers: 1,
  namePrefix: `prof-${kind}`,
  fixturePath: built.oursServer,
  rawChildPath: built.rawChild,
  bridgePath: built.bridge,
});
await waitStreaming(emulator, [serverId]);
const recorder = new SampleRecorder(emulator);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const runnerCpu = process.cpuUsage();
const treeBefore = client.pid === undefined ? [] : processTreeCpu(client.pid);
const stopRecording = recorder.record();
const load = await runLoad({ emulator, serverId }, { calls, concurrency });
const { user, system } = process.cpuUsage(runnerCpu);
const treeCpu = cpuBetween(treeBefore, client.pid === undefined ? [] : processTreeCpu(client.pid));
const toolsCall = latencyStats(latencies(stopRecording(), 'tools/call'));
process.stderr.write(
  `${kind}: ${load.ok} ok, ${load.failed} failed, ${Math.round((load.ok / load.durationMs) * 1000)} calls/s; tools/call publish → result p50 ${toolsCall.p50} ms, p99 ${toolsCall.p99} ms\n`,
);
// The runner (emulator + fake agent) is half of every call: if it is busy all the time, it is the
// cap.
gc?.();
const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
process.stderr.write(
  `runner (emulator + agent): ${((user + system) / 1000 / Math.max(1, load.ok)).toFixed(3)} ms CPU per call, busy ${Math.round(((user + system) / 1000 / load.durationMs) * 100)}% of the run, heap ${heapGrowthMb >= 0 ? '+' : ''}${heapGrowthMb.toFixed(1)} MB${gc ? ' (after GC)' : ' (run node with --expose-gc for a figure after GC)'}\n`,
);
// Each process of the client's chain (launcher, relay, local server), from /proc (10 ms ticks).
for (const p of treeCpu)
  process.stderr.write(
    `  ${p.name} (pid ${p.pid}): ${(p.cpuMs / Math.max(1, load.ok)).toFixed(3)} ms CPU per call, busy ${Math.round((p.cpuMs / load.durationMs) * 100)}%; RSS ${(p.rssAnonMB + p.rssFileMB).toFixed(1)} MB (${p.rssAnonMB.toFixed(1)} anonymous + ${p.rssFileMB.toFixed(1)} file-backed)\n`,
  );
await client.stop();
await emulator.close();

for (const file of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '~/').replace(/^file:\/\/.*\//, '')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const idle = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
  const busyMs = (total - idle) / 1000;
  const areas = new Map<string, number>();
  for (const [key, us] of self) {
    const area = /undici|webstreams|abort_controller|js_transferable/.test(key)
      ? 'fetch (undici, web streams, abort signals)'
      : key.startsWith('(garbage')
        ? 'gc'
        : key.includes('.mjs') || key.includes('.cjs')
          ? 'bundle (our code / client code)'
          : key.startsWith('(idle)')
            ? 'idle'
            : 'other (node internals, natives)';
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  process.stdout.write(
    `\n${join(dir, file)}: ${Math.round(total / 1000)} ms sampled, ${Math.round(busyMs)} ms busy = ${(busyMs / Math.max(1, load.ok)).toFixed(3)} ms CPU per call\n`,
  );
  for (const [area, us] of [...areas].sort((a, b) => b[1] - a[1]))
    process.stdout.write(`  ${area}: ${((us / total) * 100).toFixed(1)}%\n`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    process.stdout.write(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}\n`);
  }
}
