/**
 * The relay under measurement, in its own process: the real core as headless mode composes it
 * (runHeadless), relaying to the stdio fixture server's `big` tool. Reports its serverId, then,
 * when asked, its RSS before the call (idle, after a full GC) and the peaks sampled every 2 ms
 * during the call: RSS, V8 heap, and memory outside the heap (Buffers).
 */
import { fileURLToPath } from 'node:url';

import { parseHeadlessArgs } from '../../src-main/headless/args.js';
import { runHeadless } from '../../src-main/headless/run-headless.js';
import { createNodePorts } from '../../src-main/node/create-node-ports.js';

interface Start {
  /** `lines`: the result's text as a file's lines (escaped in JSON), not one run of "x". */
  text?: string;
  url: string;
  workspaceId: string;
  token: string;
}

const fixture = fileURLToPath(
  new URL('../../src-main/node/test-fixtures/fixture-server.mjs', import.meta.url),
);
const noSecrets = {
  get: () => Promise.resolve(null),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(),
};

process.once('message', (start: Start) => {
  void (async () => {
    const mcpServers = {
      big: {
        command: process.execPath,
        args: [fixture],
        env: { FIXTURE_BIG: '1', FIXTURE_BIG_TEXT: start.text ?? '' },
      },
    };
    const args = parseHeadlessArgs([
      '--dust-url',
      start.url,
      '--workspace',
      start.workspaceId,
      '--servers',
      'bench.json',
      '--allow',
      'big/*',
    ]);
    let serverId = '';
    const running = await runHeadless(
      args,
      {
        env: { DUST_TOKEN: start.token },
        writeLine: (record) => {
          if (record['event'] === 'registered') serverId = String(record['serverId']);
        },
        readFile: () => Promise.resolve(JSON.stringify({ mcpServers })),
      },
      { ...createNodePorts(), secrets: noSecrets, logger: { log: () => undefined } },
      '0.0.0-bench',
    );
    while (!serverId) await new Promise((resolve) => setTimeout(resolve, 20));
    process.send?.({ type: 'ready', serverId });
    // After the warm-up call: the idle RSS, after a full GC, that the peak is compared with.
    await new Promise((resolve) => process.once('message', resolve));
    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage().rss;
    const peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
    // Where the peak is (V8 heap or buffers outside it), sampled: for reading the result, not the
    // target.
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peak.rss = Math.max(peak.rss, usage.rss);
      peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
      peak.external = Math.max(peak.external, usage.external);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, usage.arrayBuffers);
    }, 2);
    process.send?.({ type: 'idle', rssBefore });
    process.once('message', () => {
      void (async () => {
        clearInterval(sampler);
        process.send?.({
          type: 'memory',
          rssBefore,
          maxRss: process.resourceUsage().maxRSS * 1024,
          peak,
        });
        await running.stop().catch(() => undefined);
        process.exit(0);
      })();
    });
  })();
});
process.on('disconnect', () => process.exit(0));
