/**
 * `npx tsx bench/startup-trace.ts [servers] [sdk|minimal]`: runs the bundled dust-mcp-bridge
 * against the emulator with N local servers and prints when each of its JSON lines came (ms
 * since launch), to see what a start-up waits for: the bridge's own boot, the local servers'
 * spawn and handshake, registration, the stream.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { startEmulator } from '../e2e/dust-emulator/index.js';
import { serverName } from './clients/protocol.js';
import { buildClients } from './runner/build-clients.js';
import { isStreaming } from './scenarios/context.js';

const servers = Number(process.argv[2] ?? 5);
const child = process.argv[3] === 'sdk' ? 'sdk' : 'minimal';
const built = await buildClients();
const emulator = await startEmulator({ faults: { registerRateLimitPerMinute: null } });
const mcpServers: Record<string, unknown> = {};
for (let i = 0; i < servers; i++)
  mcpServers[serverName('trace', i)] = {
    command: process.execPath,
    args: [child === 'sdk' ? built.fixture : built.rawChild],
  };
const file = join(mkdtempSync(join(tmpdir(), 'bench-trace-')), 'servers.json');
writeFileSync(file, JSON.stringify({ mcpServers }));
const started = performance.now();
const at = () => Math.round(performance.now() - started);
const bridge = spawn(
  process.execPath,
  [
    '--max-semi-space-size=4',
    '--v8-pool-size=1',
    built.bridge,
    '--dust-url',
    emulator.url,
    '--workspace',
    emulator.seeds.workspaceId,
    '--servers',
    file,
    ...Object.keys(mcpServers).flatMap((name) => ['--allow', `${name}/*`]),
  ],
  {
    env: { ...process.env, DUST_TOKEN: emulator.seeds.userToken },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const ids: string[] = [];
createInterface({ input: bridge.stdout }).on('line', (line) => {
  const record = JSON.parse(line) as Record<string, unknown>;
  if (record['event'] === 'registered') ids.push(String(record['serverId']));
  const { ts: _ts, ...rest } = record;
  process.stdout.write(`${String(at()).padStart(6)} ms  ${JSON.stringify(rest).slice(0, 140)}\n`);
});
for (;;) {
  if (ids.length === servers && ids.every((id) => isStreaming(emulator, id))) break;
  await new Promise((resolve) => setTimeout(resolve, 2));
}
process.stdout.write(`${String(at()).padStart(6)} ms  all ${servers} streaming\n`);
bridge.kill('SIGTERM');
await new Promise((resolve) => bridge.once('exit', resolve));
await emulator.close();
