import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../e2e/dust-emulator/index.js';
import {
  type BridgeProcess,
  killGroup,
  startBridge,
  writeServersFile,
} from '../src-main/headless/test-support/bridge-process.js';

/**
 * `dust-mcp-bridge` as a person installs it: `npm pack` (prepack builds the bundle), then
 * `npm install -g` of the tarball into a temporary prefix, then the installed command, run from
 * a folder outside the project. npm takes the production dependencies from its cache (CI's
 * `npm ci` filled it); nothing from our node_modules is reachable.
 */
const projectDir = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work = '';
let bin = '';
let packed: string[] = [];
let emulator: RunningEmulator;
const runs: BridgeProcess[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dust-bridge-pack-'));
  const report = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', work, '--loglevel=error'], {
      cwd: projectDir,
      encoding: 'utf8',
    }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = report[0]!.files.map((file) => file.path);
  const tarball = join(work, report[0]!.filename);
  const prefix = join(work, 'prefix');
  execFileSync(
    npm,
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      tarball,
    ],
    { cwd: work, stdio: 'inherit' },
  );
  bin = join(prefix, 'bin', 'dust-mcp-bridge');
  emulator = await startEmulator();
}, 180_000);

afterAll(async () => {
  for (const run of runs.splice(0)) killGroup(run);
  await emulator?.close();
});

function installed(args: string[], env: Record<string, string | undefined> = {}): BridgeProcess {
  const run = startBridge(bin, args, env, work);
  runs.push(run);
  return run;
}

describe('the packed dust-mcp-bridge, installed with npm install -g', () => {
  it('ships the bundle, the deploy examples and package.json, not the sources', () => {
    expect(packed).toContain('out/cli/dust-mcp-bridge.cjs');
    expect(packed).toContain('package.json');
    expect(
      packed.filter(
        (path) =>
          /\.(ts|tsx|map)$/.test(path) ||
          path.startsWith('src-') ||
          path.startsWith('node_modules/'),
      ),
    ).toEqual([]);
    expect(existsSync(bin)).toBe(true);
    // Only the production dependencies were installed next to it.
    const modules = readdirSync(
      join(work, 'prefix', 'lib', 'node_modules', 'dust-mcp-tray', 'node_modules'),
    );
    expect(modules).not.toContain('tsx');
    expect(modules).not.toContain('zod');
  });

  it("bundles zod's English messages only (its other languages were 30 % of the bundle)", () => {
    const bundle = readFileSync(join(projectDir, 'out', 'cli', 'dust-mcp-bridge.cjs'), 'utf8');
    expect(bundle).toContain('node_modules/zod/v4/locales/en.js');
    expect(bundle).not.toMatch(/node_modules\/zod\/v4\/locales\/(?!en\.js)[\w-]+\.js/);
  });

  it('runs with the Node flags of its shebang, and npm run headless passes the same', () => {
    const shebang = readFileSync(bin, 'utf8').split('\n')[0]!;
    const flags = /^#!\/usr\/bin\/env -S node (.*)$/.exec(shebang)?.[1];
    expect(flags).toContain('--max-semi-space-size=');
    expect(flags).toContain('--v8-pool-size=');
    const scripts = (
      JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts['headless']).toBe(`node ${flags} out/cli/dust-mcp-bridge.cjs`);
  });

  it('answers --help and --version with exit 0', async () => {
    const help = installed(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain('Usage: dust-mcp-bridge');
    const version = installed(['--version']);
    expect(await version.exited).toBe(0);
    expect(version.stdout()).toMatch(/^dust-mcp-bridge \d+\.\d+\.\d+/);
  });

  it('runs a session five times in a row: registers, one allowed call, one denied call; SIGTERMs to its group → exit 0, deregistered', async () => {
    for (let round = 1; round <= 5; round++) {
      const run = installed(
        [
          '--dust-url',
          emulator.url,
          '--workspace',
          emulator.seeds.workspaceId,
          '--servers',
          writeServersFile(),
          '--allow',
          'everything/echo',
        ],
        { DUST_TOKEN: emulator.seeds.userToken },
      );
      const serverId = (await run.waitForLine((l) => l['event'] === 'registered', 'registered'))[
        'serverId'
      ] as string;
      await run.waitForLine(
        (l) => l['event'] === 'state' && l['dust'] === 'streaming' && l['local'] === 'ready',
        'ready state',
      );
      const input = {
        workspaceId: emulator.seeds.workspaceId,
        userId: emulator.seeds.users.ada.sId,
        serverId,
        conversationId: `c${round}`,
      };
      const echo = await emulator.agent.callTool({
        ...input,
        messageId: 'm1',
        toolName: 'echo',
        arguments: { message: `installed hello ${round}` },
      });
      expect(echo).toMatchObject({
        ok: true,
        result: { content: [{ text: expect.stringContaining(`installed hello ${round}`) }] },
      });
      const denied = await emulator.agent.callTool({
        ...input,
        messageId: 'm2',
        toolName: 'get-sum',
        arguments: { a: 1, b: 2 },
      });
      expect(denied).toMatchObject({ ok: true, result: { isError: true } });
      await run.waitForLine(
        (l) => l['event'] === 'call' && l['tool'] === 'get-sum' && l['outcome'] === 'denied',
        'denied call',
      );

      // A terminal, docker stop or systemd signal the group; a launcher may forward it again.
      for (let i = 0; i < 3; i++) run.signalGroup('SIGTERM');
      expect(await run.exited, `round ${round}: ${run.stderr()}`).toBe(0);
      expect(run.lines.at(-1)).toMatchObject({ event: 'stopped' });
      expect(emulator.mcp.registrations()).toEqual([]);
    }
  });

  it('exits 1 in under 10 s when Dust refuses the token', async () => {
    const started = Date.now();
    const run = installed(
      [
        '--dust-url',
        emulator.url,
        '--workspace',
        emulator.seeds.workspaceId,
        '--servers',
        writeServersFile(),
      ],
      { DUST_TOKEN: 'refused' },
    );
    expect(await run.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.stderr()).toContain('Dust refused the token');
  });

  it('without DUST_TOKEN, loads the keychain addon from its own dependencies and says what is missing', async () => {
    const run = installed(
      [
        '--dust-url',
        emulator.url,
        '--workspace',
        emulator.seeds.workspaceId,
        '--servers',
        writeServersFile(),
      ],
      { DUST_TOKEN: '', DUST_TOKEN_FILE: '' },
    );
    expect(await run.exited).toBe(1);
    // Under npm test a private Secret Service runs (scripts/with-secret-service.sh): the addon
    // loaded and read it. Elsewhere the keychain itself may be unreachable; the addon still loaded.
    if (process.env['DUST_TRAY_SECRET_SERVICE'] === 'gnome-keyring')
      expect(run.stderr()).toContain('no saved sign-in in the keychain');
    expect(run.stderr()).not.toContain('did not load');
  });
});
