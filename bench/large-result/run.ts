/**
 * `npx tsx bench/large-result/run.ts [MiB]`: relays one result just under Dust's 16 MiB body limit
 * (the issue-L case) from a local stdio server to the emulator, and reports the time from the
 * agent's request to the answer and the relay's peak RSS above its idle RSS. Each size runs in a
 * fresh relay process, so one run's garbage does not hide in the next one's peak.
 * `--lines`: the text is a file's lines with quotes and tabs, which JSON escapes (about 10 % more
 * bytes on the wire, so 14 MiB of text stays under Dust's limit), instead of one run of "x".
 * Writes bench/results/large-result.json.
 */
import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

import { startEmulator } from '../../e2e/dust-emulator/index.js';

const MiB = 1024 * 1024;
/** The JSON around the text (ids, serverId, content item) stays well inside the last KiB. */
const textBytes = (mib: number) => Math.round(mib * MiB) - 1024;

interface Measured {
  textMiB: number;
  ms: number;
  ok: boolean;
  idleRssMiB: number;
  peakRssMiB: number;
  /** Peak RSS above idle, as a multiple of the result's size. */
  overIdleTimesSize: number;
  /** Peaks of the V8 heap and of memory outside it (Buffers), sampled during the call. */
  heapPeakMiB: number;
  outsideHeapPeakMiB: number;
}

async function measure(mib: number): Promise<Measured> {
  const emulator = await startEmulator();
  const child = fork(fileURLToPath(new URL('./relay-process.ts', import.meta.url)), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const next = <T>() =>
      new Promise<T>((resolve) => child.once('message', (message) => resolve(message as T)));
    const ready = next<{ serverId: string; rssBefore: number }>();
    child.send({
      text: textKind,
      url: emulator.url,
      workspaceId: emulator.seeds.workspaceId,
      token: emulator.seeds.userToken,
    });
    const { serverId } = await ready;
    const input = {
      workspaceId: emulator.seeds.workspaceId,
      userId: emulator.seeds.users.ada.sId,
      serverId,
      conversationId: 'bench',
    };
    // A small call first: the local server is ready and every code path warm before the measure.
    const warm = await emulator.agent.callTool({
      ...input,
      messageId: 'warm',
      toolName: 'big',
      arguments: { bytes: 10 },
      timeoutMs: 60_000,
    });
    if (!warm.ok) throw new Error(`warm-up call failed: ${warm.message}`);
    const idle = next<{ rssBefore: number }>();
    child.send({ type: 'idle' });
    const { rssBefore } = await idle;
    const started = performance.now();
    const outcome = await emulator.agent.callTool({
      ...input,
      messageId: 'large',
      toolName: 'big',
      arguments: { bytes: textBytes(mib) },
      timeoutMs: 60_000,
    });
    const ms = performance.now() - started;
    const text = outcome.ok ? ((outcome.result.content[0] as { text?: string }).text ?? '') : '';
    const memory = next<{ rssBefore: number; maxRss: number; peak: Record<string, number> }>();
    child.send({ type: 'memory' });
    const { peak } = await memory;
    const maxRss = peak['rss'] ?? 0;
    const size = textBytes(mib);
    return {
      textMiB: Number((size / MiB).toFixed(3)),
      ms: Math.round(ms),
      ok: outcome.ok && text.length === size,
      idleRssMiB: Number((rssBefore / MiB).toFixed(1)),
      peakRssMiB: Number((maxRss / MiB).toFixed(1)),
      overIdleTimesSize: Number(((maxRss - rssBefore) / size).toFixed(2)),
      heapPeakMiB: Number(((peak['heapUsed'] ?? 0) / MiB).toFixed(1)),
      outsideHeapPeakMiB: Number(((peak['external'] ?? 0) / MiB).toFixed(1)),
    };
  } finally {
    child.kill();
    await emulator.close();
  }
}

const textKind = process.argv.includes('--lines') ? 'lines' : 'x';
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const results: Measured[] = [];
for (const mib of sizes.length > 0 ? sizes : [1, 16]) {
  const result = await measure(mib);
  results.push(result);
  process.stderr.write(`[large-result] ${JSON.stringify(result)}\n`);
}
const report = {
  at: new Date().toISOString(),
  node: process.version,
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
  loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  text: textKind === 'lines' ? 'lines with quotes and tabs (escaped in JSON)' : 'one run of "x"',
  results,
};
await writeFile(
  new URL('../results/large-result.json', import.meta.url),
  `${JSON.stringify(report, null, 2)}\n`,
);
process.stderr.write(`[large-result] wrote bench/results/large-result.json\n`);
