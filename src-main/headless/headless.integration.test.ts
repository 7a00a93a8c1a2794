import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../e2e/dust-emulator/index.js';
import { DEFAULT_SECRET_SERVICE_NAME, KeyringSecretStore } from '../node/keyring-secret-store.js';
import { startAuthProxy } from '../node/test-fixtures/auth-proxy.js';
import { everythingSpec } from '../node/test-fixtures/fixtures.js';
import { startRemoteEverything } from '../node/test-fixtures/remote-everything.js';

let emulator: RunningEmulator;
let child: ChildProcess | undefined;

beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await emulator.close();
});

function serversFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dust-headless-'));
  const spec = everythingSpec();
  const file = join(dir, 'servers.json');
  writeFileSync(file, JSON.stringify({ mcpServers: { everything: { command: spec.command, args: spec.args } } }));
  return file;
}

/** Starts `npm run headless` as a user would (tsx entry), collecting its JSON lines. */
function startHeadless(args: string[], env: Record<string, string>) {
  const lines: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  child = spawn(process.execPath, ['--import', 'tsx', 'src-main/headless/main.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
  const waitForLine = async (predicate: (line: Record<string, unknown>) => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = lines.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No ${what} line. stdout: ${JSON.stringify(lines)} stderr: ${stderr.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { lines, stderr, exited, waitForLine };
}

describe('headless mode (real process)', () => {
  it('registers, allows by --allow, denies the rest, and deregisters on SIGTERM with exit 0', async () => {
    const run = startHeadless(
      ['--dust-url', emulator.url, '--workspace', emulator.seeds.workspaceId, '--servers', serversFile(), '--allow', 'everything/echo'],
      { DUST_TOKEN: emulator.seeds.userToken },
    );
    const registered = await run.waitForLine((line) => line['event'] === 'registered', 'registered');
    expect(registered).toMatchObject({ server: 'everything', dustName: expect.any(String), serverId: expect.stringMatching(/^mcp-client-side:/) });
    const serverId = registered['serverId'] as string;
    await run.waitForLine((line) => line['event'] === 'state' && line['dust'] === 'streaming' && line['local'] === 'ready', 'ready state');

    const input = { workspaceId: emulator.seeds.workspaceId, userId: emulator.seeds.users.ada.sId, serverId, conversationId: 'c1', messageId: 'm1' };
    const echo = await emulator.agent.callTool({ ...input, toolName: 'echo', arguments: { message: 'headless hello' } });
    expect(echo).toMatchObject({ ok: true, result: { content: [{ text: expect.stringContaining('headless hello') }] } });
    const sum = await emulator.agent.callTool({ ...input, toolName: 'get-sum', arguments: { a: 1, b: 2 } });
    expect(sum).toMatchObject({ ok: true, result: { isError: true } });

    const echoLine = await run.waitForLine((line) => line['event'] === 'call' && line['tool'] === 'echo', 'echo call');
    expect(echoLine).toMatchObject({ server: 'everything', decision: 'allow', decidedBy: 'policy', outcome: 'result', ms: expect.any(Number) });
    const deniedLine = await run.waitForLine((line) => line['event'] === 'call' && line['tool'] === 'get-sum', 'denied call');
    expect(deniedLine).toMatchObject({ decision: 'deny', outcome: 'denied', reason: expect.stringContaining('--allow') });
    expect(JSON.stringify(run.lines)).not.toContain(emulator.seeds.userToken);

    child!.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.lines.at(-1)).toMatchObject({ event: 'stopped' });
    expect(emulator.mcp.registrations()).toEqual([]);
  });

  // The headless process reads the app's own keychain service, so this runs only in a private Secret Service.
  it.runIf(process.env['DUST_TRAY_SECRET_SERVICE'] === 'gnome-keyring' || process.env['CI'] !== undefined)('relays a remote server from --servers, its bearer token read from the keychain and never printed', async () => {
    expect(process.env['DUST_TRAY_SECRET_SERVICE'], 'run under scripts/with-secret-service.sh (npm test does)').toBe('gnome-keyring');
    const token = 'wiki-token-7f3a9c2e51';
    const remote = await startRemoteEverything('streamableHttp');
    const proxy = await startAuthProxy(remote, token);
    const keychain = new KeyringSecretStore(DEFAULT_SECRET_SERVICE_NAME);
    await keychain.set('server/wiki/WIKI_TOKEN', token);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'dust-headless-'));
      const file = join(dir, 'servers.json');
      writeFileSync(file, JSON.stringify({ mcpServers: { wiki: { type: 'http', url: proxy.url('/mcp'), headers: { Authorization: 'Bearer ${secret:WIKI_TOKEN}' } } } }));
      const run = startHeadless(['--dust-url', emulator.url, '--workspace', emulator.seeds.workspaceId, '--servers', file, '--allow', 'wiki/echo'], {
        DUST_TOKEN: emulator.seeds.userToken,
      });
      const registered = await run.waitForLine((line) => line['event'] === 'registered', 'registered');
      await run.waitForLine((line) => line['event'] === 'state' && line['dust'] === 'streaming' && line['local'] === 'ready', 'ready state');
      const input = { workspaceId: emulator.seeds.workspaceId, userId: emulator.seeds.users.ada.sId, serverId: registered['serverId'] as string, conversationId: 'c1', messageId: 'm1' };
      const echo = await emulator.agent.callTool({ ...input, toolName: 'echo', arguments: { message: 'from the intranet' } });
      expect(echo).toMatchObject({ ok: true, result: { content: [{ text: expect.stringContaining('from the intranet') }] } });
      expect(proxy.seenAuthorization.length).toBeGreaterThan(0);
      expect(proxy.seenAuthorization.every((value) => value === `Bearer ${token}`)).toBe(true);
      child!.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(JSON.stringify(run.lines) + run.stderr.join('')).not.toContain(token);
    } finally {
      await keychain.delete('server/wiki/WIKI_TOKEN');
      await proxy.close();
      await remote.stop();
    }
  });

  it('explains a bad command line with the usage and exit code 2', async () => {
    const run = startHeadless(['--workspace', 'w'], {});
    expect(await run.exited).toBe(2);
    expect(run.stderr.join('')).toContain('Missing --dust-url');
    expect(run.stderr.join('')).toContain('Usage: npm run headless');
  });

  it('explains a missing token and a broken servers file in words, exit 1', async () => {
    const noToken = startHeadless(['--dust-url', emulator.url, '--workspace', 'w', '--servers', serversFile()], { DUST_TOKEN: '', DUST_TRAY_SECRET_SERVICE: '' });
    expect(await noToken.exited).toBe(1);
    expect(noToken.stderr.join('')).toMatch(/DUST_TOKEN/);
    const dir = mkdtempSync(join(tmpdir(), 'dust-headless-'));
    writeFileSync(join(dir, 'bad.json'), '{"mcpServers": {"x": {"command": 1}}}');
    const bad = startHeadless(['--dust-url', emulator.url, '--workspace', 'w', '--servers', join(dir, 'bad.json')], { DUST_TOKEN: 't' });
    expect(await bad.exited).toBe(1);
    expect(bad.stderr.join('')).toContain('mcpServers.x.command');
  });
});
