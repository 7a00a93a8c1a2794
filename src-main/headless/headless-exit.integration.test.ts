import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../e2e/dust-emulator/index.js';
import {
  type BridgeProcess,
  buildBridgeBundle,
  killGroup,
  startBridge,
  writeServersFile,
} from './test-support/bridge-process.js';

let bundle: string;
let emulator: RunningEmulator;
const runs: BridgeProcess[] = [];

beforeAll(() => {
  bundle = buildBridgeBundle();
});
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  for (const run of runs.splice(0)) killGroup(run);
  await emulator.close();
});

function bridge(args: string[], env: Record<string, string | undefined>): BridgeProcess {
  const run = startBridge(process.execPath, [bundle, ...args], env, tmpdir());
  runs.push(run);
  return run;
}

function session(extra: string[], env: Record<string, string | undefined>): BridgeProcess {
  return bridge(
    ['--dust-url', emulator.url, '--workspace', emulator.seeds.workspaceId, ...extra],
    env,
  );
}

async function exitWithin(
  run: BridgeProcess,
  ms: number,
): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const code = await Promise.race([
    run.exited,
    new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms)),
  ]);
  if (code === 'late')
    throw new Error(
      `Still running after ${ms} ms. stdout: ${run.stdout()} stderr: ${run.stderr()}`,
    );
  return { code, ms: Date.now() - started };
}

describe('dust-mcp-bridge exits when it cannot work', () => {
  it('--help prints every option, the servers file, the environment, the exit codes and examples; --version the version; both exit 0', async () => {
    const help = bridge(['--help'], {});
    expect((await exitWithin(help, 10_000)).code).toBe(0);
    for (const text of [
      '--dust-url',
      '--workspace',
      '--servers',
      '--allow',
      '--status-file',
      '--signed-out-timeout',
      '--help',
      '--version',
      'mcpServers',
      'DUST_TOKEN',
      'Exit codes',
      'Examples',
    ]) {
      expect(help.stdout()).toContain(text);
    }
    const version = bridge(['-V'], {});
    expect((await exitWithin(version, 10_000)).code).toBe(0);
    expect(version.stdout()).toMatch(/^dust-mcp-bridge \d+\.\d+\.\d+/);
  });

  it('explains a bad command line with the usage and exit code 2', async () => {
    const run = bridge(['--workspace', 'w', '--bogus'], {});
    expect((await exitWithin(run, 10_000)).code).toBe(2);
    expect(run.stderr()).toContain("Unknown option '--bogus'");
    expect(run.stderr()).toContain('Usage: dust-mcp-bridge');
  });

  it('a token Dust refuses at start: the reason on stderr, exit 1 in under 10 s, nothing left registered', async () => {
    const run = session(['--servers', writeServersFile()], { DUST_TOKEN: 'not-a-token' });
    const { code, ms } = await exitWithin(run, 10_000);
    expect(code).toBe(1);
    expect(ms).toBeLessThan(10_000);
    expect(run.stderr()).toMatch(/Dust refused the token/);
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    expect(emulator.mcp.registrations()).toEqual([]);
  });

  it('no server that can start: every reason on stderr, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dust-headless-'));
    const file = join(dir, 'servers.json');
    writeFileSync(
      file,
      JSON.stringify({
        mcpServers: {
          ghost: { command: join(dir, 'no-such-program') },
          quitter: { command: process.execPath, args: ['-e', 'process.exit(3)'] },
        },
      }),
    );
    const run = session(['--servers', file], { DUST_TOKEN: emulator.seeds.userToken });
    expect((await exitWithin(run, 20_000)).code).toBe(1);
    expect(run.stderr()).toMatch(/No server could start\. ghost: .+; quitter: .+/);
    expect(emulator.mcp.registrations()).toEqual([]);
  });

  it('a missing token and a broken servers file are explained in words, exit 1', async () => {
    const noToken = session(['--servers', writeServersFile()], {
      DUST_TOKEN: '',
      DUST_TRAY_SECRET_SERVICE: '',
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    });
    expect((await exitWithin(noToken, 15_000)).code).toBe(1);
    expect(noToken.stderr()).toMatch(/DUST_TOKEN/);
    const dir = mkdtempSync(join(tmpdir(), 'dust-headless-'));
    writeFileSync(join(dir, 'bad.json'), '{"mcpServers": {"x": {"command": 1}}}');
    const bad = session(['--servers', join(dir, 'bad.json')], { DUST_TOKEN: 't' });
    expect((await exitWithin(bad, 10_000)).code).toBe(1);
    expect(bad.stderr()).toContain('mcpServers.x.command');
  });

  it('a token lost while running: logged, retried, and exit 1 once --signed-out-timeout has passed', async () => {
    const token = emulator.identity.mintAccessToken(emulator.seeds.users.ada.sId, {
      lifetimeSeconds: 60,
    });
    const run = session(['--servers', writeServersFile(), '--signed-out-timeout', '3'], {
      DUST_TOKEN: token,
    });
    await run.waitForLine((l) => l['event'] === 'state' && l['dust'] === 'streaming', 'streaming');
    emulator.clock.advance(120_000);
    emulator.faults.dropStreams('close');
    const signedOut = await run.waitForLine((l) => l['event'] === 'signedOut', 'signedOut');
    expect(signedOut).toMatchObject({
      reason: expect.any(String),
      retryInMs: expect.any(Number),
      exitInMs: expect.any(Number),
    });
    const { code } = await exitWithin(run, 15_000);
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/Dust has refused the token for \d+ s/);
    expect(run.lines.at(-1)).toMatchObject({ event: 'stopped' });
  });

  it('a token lost while running and then renewed (DUST_TOKEN_FILE): signedOut, a retry, signedIn, and it serves again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dust-token-'));
    const tokenFile = join(dir, 'token');
    writeFileSync(
      tokenFile,
      emulator.identity.mintAccessToken(emulator.seeds.users.ada.sId, { lifetimeSeconds: 60 }),
    );
    const run = session(
      ['--servers', writeServersFile(), '--allow', 'everything/echo', '--signed-out-timeout', '60'],
      { DUST_TOKEN: '', DUST_TOKEN_FILE: tokenFile },
    );
    await run.waitForLine((l) => l['event'] === 'state' && l['dust'] === 'streaming', 'streaming');
    emulator.clock.advance(120_000);
    emulator.faults.dropStreams('close');
    await run.waitForLine((l) => l['event'] === 'signedOut', 'signedOut');

    writeFileSync(tokenFile, emulator.seeds.userToken);
    const back = await run.waitForLine((l) => l['event'] === 'signedIn', 'signedIn', 15_000);
    expect(back).toMatchObject({ afterMs: expect.any(Number) });
    const serverId = run.lines.filter((l) => l['event'] === 'registered').at(-1)![
      'serverId'
    ] as string;
    await expect
      .poll(() => run.lines.filter((l) => l['event'] === 'state').at(-1)?.['dust'])
      .toBe('streaming');
    const input = {
      workspaceId: emulator.seeds.workspaceId,
      userId: emulator.seeds.users.ada.sId,
      serverId,
      conversationId: 'c1',
      messageId: 'm1',
    };
    const echo = await emulator.agent.callTool({
      ...input,
      toolName: 'echo',
      arguments: { message: 'signed in again' },
    });
    expect(echo).toMatchObject({
      ok: true,
      result: { content: [{ text: expect.stringContaining('signed in again') }] },
    });
    expect(run.child.exitCode).toBeNull();
  });
});
