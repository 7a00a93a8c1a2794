import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../e2e/dust-emulator/index.js';
import { DEFAULT_SECRET_SERVICE_NAME, KeyringSecretStore } from '../node/keyring-secret-store.js';
import { startAuthProxy } from '../node/test-fixtures/auth-proxy.js';
import { startRemoteEverything } from '../node/test-fixtures/remote-everything.js';
import {
  type BridgeProcess,
  buildBridgeBundle,
  killGroup,
  startBridge,
  writeServersFile,
} from './test-support/bridge-process.js';

let bundle: string;
let emulator: RunningEmulator;
let run: BridgeProcess | undefined;

beforeAll(() => {
  bundle = buildBridgeBundle();
});
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  killGroup(run);
  run = undefined;
  await emulator.close();
});

function bridge(
  args: string[],
  env: Record<string, string | undefined> = { DUST_TOKEN: emulator.seeds.userToken },
): BridgeProcess {
  // Run from a temporary folder: nothing of the project (node_modules included) is reachable.
  run = startBridge(
    process.execPath,
    [bundle, '--dust-url', emulator.url, '--workspace', emulator.seeds.workspaceId, ...args],
    env,
    tmpdir(),
  );
  return run;
}

async function registered(current: BridgeProcess): Promise<string> {
  const line = await current.waitForLine((l) => l['event'] === 'registered', 'registered');
  await current.waitForLine(
    (l) => l['event'] === 'state' && l['dust'] === 'streaming' && l['local'] === 'ready',
    'ready state',
  );
  return line['serverId'] as string;
}

function callInput(serverId: string, messageId: string) {
  return {
    workspaceId: emulator.seeds.workspaceId,
    userId: emulator.seeds.users.ada.sId,
    serverId,
    conversationId: 'c1',
    messageId,
  };
}

describe('dust-mcp-bridge (the bundle, a real process)', () => {
  it('registers, allows by --allow, denies the rest; five SIGTERMs to its group are one clean stop: exit 0, deregistered', async () => {
    const current = bridge(['--servers', writeServersFile(), '--allow', 'everything/echo']);
    const serverId = await registered(current);
    expect(current.lines.find((l) => l['event'] === 'registered')).toMatchObject({
      server: 'everything',
      dustName: expect.any(String),
      serverId: expect.stringMatching(/^mcp-client-side:/),
    });

    const echo = await emulator.agent.callTool({
      ...callInput(serverId, 'm1'),
      toolName: 'echo',
      arguments: { message: 'headless hello' },
    });
    expect(echo).toMatchObject({
      ok: true,
      result: { content: [{ text: expect.stringContaining('headless hello') }] },
    });
    const sum = await emulator.agent.callTool({
      ...callInput(serverId, 'm2'),
      toolName: 'get-sum',
      arguments: { a: 1, b: 2 },
    });
    expect(sum).toMatchObject({ ok: true, result: { isError: true } });

    const echoLine = await current.waitForLine(
      (l) => l['event'] === 'call' && l['tool'] === 'echo',
      'echo call',
    );
    expect(echoLine).toMatchObject({
      server: 'everything',
      decision: 'allow',
      decidedBy: 'policy',
      outcome: 'result',
      ms: expect.any(Number),
    });
    const deniedLine = await current.waitForLine(
      (l) => l['event'] === 'call' && l['tool'] === 'get-sum',
      'denied call',
    );
    expect(deniedLine).toMatchObject({
      decision: 'deny',
      outcome: 'denied',
      reason: expect.stringContaining('--allow'),
    });
    expect(JSON.stringify(current.lines)).not.toContain(emulator.seeds.userToken);

    for (let i = 0; i < 5; i++) current.signalGroup('SIGTERM');
    expect(await current.exited).toBe(0);
    expect(current.lines.filter((l) => l['event'] === 'signal')).toHaveLength(1);
    expect(current.lines.at(-1)).toMatchObject({ event: 'stopped' });
    expect(emulator.mcp.registrations()).toEqual([]);
    expect(current.stderr()).not.toContain('Second SIGTERM');
  });

  it('hides a tool switched off in the servers file (disabledTools) from Dust, and refuses a call to it in words', async () => {
    const file = writeServersFile();
    const servers = JSON.parse(readFileSync(file, 'utf8')) as {
      mcpServers: { everything: Record<string, unknown> };
    };
    servers.mcpServers.everything['disabledTools'] = ['echo'];
    writeFileSync(file, JSON.stringify(servers));
    // Allowed by policy too: only the switch keeps it from running.
    const current = bridge(['--servers', file, '--allow', 'everything/*']);
    const serverId = await registered(current);

    const listed = await emulator.agent.listTools(callInput(serverId, 'm1'));
    expect(listed).toMatchObject({ ok: true });
    const names = (listed as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    expect(names).toContain('get-sum');
    expect(names).not.toContain('echo');

    const echo = await emulator.agent.callTool({
      ...callInput(serverId, 'm2'),
      toolName: 'echo',
      arguments: { message: 'should not run' },
    });
    expect(echo).toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [{ text: expect.stringContaining('"echo" of "everything" is switched off') }],
      },
    });
    expect(JSON.stringify(echo)).not.toContain('should not run');
    const line = await current.waitForLine(
      (l) => l['event'] === 'call' && l['tool'] === 'echo',
      'echo call',
    );
    expect(line).toMatchObject({
      decision: 'deny',
      outcome: 'denied',
      reason: expect.stringContaining('switched off'),
    });
  });

  it('logs a call whose result Dust refuses (413) once, with the final outcome', async () => {
    emulator.faults.set({ resultsBodyLimitBytes: 2_000 });
    const current = bridge(['--servers', writeServersFile(), '--allow', 'everything/echo']);
    const serverId = await registered(current);
    const outcome = await emulator.agent.callTool({
      ...callInput(serverId, 'm1'),
      toolName: 'echo',
      arguments: { message: 'x'.repeat(5_000) },
    });
    expect(outcome).toMatchObject({ ok: false });
    await current.waitForLine((l) => l['event'] === 'call', 'call');
    // Let a second line, if any, arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const calls = current.lines.filter((l) => l['event'] === 'call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      tool: 'echo',
      outcome: 'failed',
      detail: expect.stringContaining('too large'),
    });
  });

  // The headless process reads the app's own keychain service, so this runs only in a private
  // Secret Service.
  it.runIf(
    process.env['DUST_TRAY_SECRET_SERVICE'] === 'gnome-keyring' || process.env['CI'] !== undefined,
  )(
    'relays a remote server from --servers, its bearer token read from the keychain and never printed',
    async () => {
      expect(
        process.env['DUST_TRAY_SECRET_SERVICE'],
        'run under scripts/with-secret-service.sh (npm test does)',
      ).toBe('gnome-keyring');
      const token = 'wiki-token-7f3a9c2e51';
      const remote = await startRemoteEverything('streamableHttp');
      const proxy = await startAuthProxy(remote, token);
      const keychain = new KeyringSecretStore(DEFAULT_SECRET_SERVICE_NAME);
      await keychain.set('server/wiki/WIKI_TOKEN', token);
      try {
        const dir = mkdtempSync(join(tmpdir(), 'dust-headless-'));
        const file = join(dir, 'servers.json');
        writeFileSync(
          file,
          JSON.stringify({
            mcpServers: {
              wiki: {
                type: 'http',
                url: proxy.url('/mcp'),
                headers: { Authorization: 'Bearer ${secret:WIKI_TOKEN}' },
              },
            },
          }),
        );
        // The tsx entry, from the project: the keychain addon resolves from our node_modules.
        const current = startBridge(
          process.execPath,
          [
            '--import',
            'tsx',
            'src-main/headless/main.ts',
            '--dust-url',
            emulator.url,
            '--workspace',
            emulator.seeds.workspaceId,
            '--servers',
            file,
            '--allow',
            'wiki/echo',
          ],
          { DUST_TOKEN: emulator.seeds.userToken },
        );
        run = current;
        const serverId = await registered(current);
        const echo = await emulator.agent.callTool({
          ...callInput(serverId, 'm1'),
          toolName: 'echo',
          arguments: { message: 'from the intranet' },
        });
        expect(echo).toMatchObject({
          ok: true,
          result: { content: [{ text: expect.stringContaining('from the intranet') }] },
        });
        expect(proxy.seenAuthorization.length).toBeGreaterThan(0);
        expect(proxy.seenAuthorization.every((value) => value === `Bearer ${token}`)).toBe(true);
        current.signalGroup('SIGTERM');
        expect(await current.exited).toBe(0);
        expect(JSON.stringify(current.lines) + current.stderr()).not.toContain(token);
      } finally {
        await keychain.delete('server/wiki/WIKI_TOKEN');
        await proxy.close();
        await remote.stop();
      }
    },
  );

  it('keeps --status-file up to date: servers, serverId, last call, and the phase through the stop (token from DUST_TOKEN_FILE)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dust-status-'));
    const statusFile = join(dir, 'status.json');
    writeFileSync(join(dir, 'token'), `${emulator.seeds.userToken}\n`);
    const current = bridge(
      ['--servers', writeServersFile(), '--allow', 'everything/echo', '--status-file', statusFile],
      { DUST_TOKEN: '', DUST_TOKEN_FILE: join(dir, 'token') },
    );
    const serverId = await registered(current);
    type Status = { phase: string; servers: Record<string, { lastCall: unknown }> };
    const read = () => JSON.parse(readFileSync(statusFile, 'utf8')) as Status;
    // The file trails the stdout lines by a write or two (each one is fsynced).
    await expect.poll(read, { timeout: 5_000 }).toMatchObject({
      phase: 'running',
      pid: current.child.pid,
      dustUrl: emulator.url,
      workspaceId: emulator.seeds.workspaceId,
      servers: {
        everything: {
          local: 'ready',
          dust: 'streaming',
          serverId,
          lastCall: null,
          lastError: null,
        },
      },
    });

    await emulator.agent.callTool({
      ...callInput(serverId, 'm1'),
      toolName: 'echo',
      arguments: { message: 'status' },
    });
    await expect
      .poll(() => read().servers['everything']?.lastCall, { timeout: 5_000 })
      .toMatchObject({ tool: 'echo', decision: 'allow', outcome: 'result' });

    current.signalGroup('SIGINT');
    expect(await current.exited).toBe(0);
    expect(read()).toMatchObject({
      phase: 'stopped',
      servers: { everything: { local: 'stopped', dust: 'stopped', serverId: null } },
    });
    expect(readFileSync(statusFile, 'utf8')).not.toContain(emulator.seeds.userToken);
  });

  it('picks up a rotated DUST_TOKEN_FILE when Dust refuses the old token, and keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dust-token-'));
    const tokenFile = join(dir, 'token');
    writeFileSync(
      tokenFile,
      emulator.identity.mintAccessToken(emulator.seeds.users.ada.sId, { lifetimeSeconds: 60 }),
    );
    const current = bridge(
      ['--servers', writeServersFile(), '--allow', 'everything/echo', '--signed-out-timeout', '2'],
      { DUST_TOKEN: '', DUST_TOKEN_FILE: tokenFile },
    );
    const serverId = await registered(current);

    writeFileSync(tokenFile, emulator.seeds.userToken);
    emulator.clock.advance(120_000);
    emulator.faults.dropStreams('close');
    const echo = await emulator.agent.callTool({
      ...callInput(serverId, 'm9'),
      toolName: 'echo',
      arguments: { message: 'after rotation' },
    });
    expect(echo).toMatchObject({
      ok: true,
      result: { content: [{ text: expect.stringContaining('after rotation') }] },
    });
    // Past the 2 s signed-out timeout: still running, never signed out.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(current.child.exitCode).toBeNull();
    expect(current.lines.filter((l) => l['event'] === 'signedOut')).toEqual([]);
  });
});
