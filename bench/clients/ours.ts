/**
 * Client "ours": the bundled `dust-mcp-bridge`, as a person runs it (`node dust-mcp-bridge.cjs
 * --servers FILE --allow SERVER/*`, the token in DUST_TOKEN), relaying to the stdio fixture
 * server. This process only launches it, reads its `registered` lines, forwards `stats` to a
 * small agent preloaded into it, and stops it with SIGTERM; the figures are the bridge's own.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { runClient } from './client-main.js';
import type { ClientStats } from './protocol.js';
import { serverName } from './protocol.js';

const agentPath = join(dirname(fileURLToPath(import.meta.url)), 'bridge-stats-agent.cjs');

/**
 * The Node flags the bundle's shebang asks for (`#!/usr/bin/env -S node FLAGS`): run as shipped.
 */
function shebangFlags(path: string): string[] {
  const first = readFileSync(path, 'utf8').slice(0, 200).split('\n')[0] ?? '';
  return /^#!\/usr\/bin\/env -S node (.*)$/.exec(first)?.[1]?.split(' ').filter(Boolean) ?? [];
}
let bridge: ChildProcess | undefined;

function bridgeStats(gc: boolean): Promise<ClientStats> {
  return new Promise((resolve, reject) => {
    if (!bridge?.connected) return reject(new Error('the bridge is not running'));
    const onMessage = (message: { type: string } & ClientStats) => {
      if (message.type !== 'stats') return;
      bridge?.off('message', onMessage);
      resolve(message);
    };
    bridge.on('message', onMessage);
    bridge.send({ type: 'stats', gc });
  });
}

runClient(async (start) => {
  const mcpServers: Record<string, unknown> = {};
  for (let i = 0; i < start.servers; i++)
    mcpServers[serverName(start.namePrefix, i)] = {
      command: process.execPath,
      args: [start.fixturePath],
    };
  const serversFile = join(mkdtempSync(join(tmpdir(), 'bench-ours-')), 'servers.json');
  writeFileSync(serversFile, JSON.stringify({ mcpServers }));
  // Rules name the server exactly (a `*` server matches nothing): one allow-all rule per server.
  const allow = Object.keys(mcpServers).flatMap((name) => ['--allow', `${name}/*`]);
  const child = fork(
    start.bridgePath,
    ['--dust-url', start.url, '--workspace', start.workspaceId, '--servers', serversFile, ...allow],
    {
      // bench/profile.ts profiles the bridge, not this launcher.
      execArgv: [
        ...shebangFlags(start.bridgePath),
        // Experiments with other Node flags (bench/profile.ts; not used by `npm run bench`).
        ...(process.env['BENCH_BRIDGE_NODE_FLAGS']?.split(' ').filter(Boolean) ?? []),
        '--expose-gc',
        '--require',
        agentPath,
        ...process.execArgv.filter((arg) => arg.startsWith('--cpu-prof')),
      ],
      env: { ...process.env, DUST_TOKEN: start.token },
      stdio: ['ignore', 'pipe', 'ignore', 'ipc'],
    },
  );
  bridge = child;
  const serverIds = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`dust-mcp-bridge exited (${code}) before registering`)),
    );
    // Every line is read (so the pipe never fills), only `registered` ones matter.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"registered"')) return;
      const record = JSON.parse(line) as { server: string; serverId: string };
      serverIds.set(record.server, record.serverId);
      if (serverIds.size === start.servers) resolve();
    });
  });
  return {
    serverIds: Object.keys(mcpServers).map((name) => serverIds.get(name) ?? ''),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}, bridgeStats);
