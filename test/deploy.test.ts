import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
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
import { dryRunBuild, type DryRunImage, parseDockerfile, underRoot } from './dockerfile-dry-run.js';

/** docs/deploy/: the service examples, checked as far as this machine allows. */
const projectDir = fileURLToPath(new URL('..', import.meta.url));
const deployDir = join(projectDir, 'docs', 'deploy');

describe('docs/deploy/dust-mcp-bridge.service', () => {
  const unit = readFileSync(join(deployDir, 'dust-mcp-bridge.service'), 'utf8');
  const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

  it('restarts on failure, not on a bad command line, and takes the token from a credentials file', () => {
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
    expect(unit).toMatch(/^LoadCredential=dust-token:\/etc\/dust-mcp-bridge\/token$/m);
    expect(unit).toMatch(/^Environment=DUST_TOKEN_FILE=%d\/dust-token$/m);
    expect(unit).not.toMatch(/DUST_TOKEN=/);
    expect(unit).toMatch(/^User=(?!root)\S+$/m);
    expect(unit).toContain('--status-file');
  });

  it.skipIf(!hasAnalyze && !process.env['CI'])(
    'passes systemd-analyze verify (the executable pointed at a stand-in)',
    () => {
      expect(
        hasAnalyze,
        'systemd-analyze is missing: CI installs the systemd package (.ci/run)',
      ).toBe(true);
      // verify insists the executable exists; everything else in the unit is checked as written.
      const dir = mkdtempSync(join(tmpdir(), 'dust-unit-'));
      const standIn = join(dir, 'dust-mcp-bridge');
      writeFileSync(standIn, '#!/bin/sh\n');
      chmodSync(standIn, 0o755);
      writeFileSync(
        join(dir, 'dust-mcp-bridge.service'),
        unit.replace('/usr/local/bin/dust-mcp-bridge', standIn),
      );
      const verify = spawnSync(
        'systemd-analyze',
        ['verify', join(dir, 'dust-mcp-bridge.service')],
        { encoding: 'utf8' },
      );
      expect(verify.stderr).toBe('');
      expect(verify.status).toBe(0);
    },
  );
});

describe('docs/deploy/Dockerfile, its commands run without Docker', () => {
  const instructions = parseDockerfile(readFileSync(join(deployDir, 'Dockerfile'), 'utf8'));
  let root = '';
  let image: DryRunImage;
  let emulator: RunningEmulator;
  const runs: BridgeProcess[] = [];

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'dust-docker-'));
    const context = join(work, 'context');
    root = join(work, 'root');
    mkdirSync(context);
    execFileSync('npm', ['pack', '--pack-destination', context, '--loglevel=error'], {
      cwd: projectDir,
      stdio: 'ignore',
    });
    image = dryRunBuild(instructions, { context, root });
    emulator = await startEmulator();
  }, 180_000);

  afterAll(async () => {
    for (const run of runs) killGroup(run);
    await emulator?.close();
  });

  const container = (args: string[]) => {
    const command = [...image.entrypoint, ...(args.length > 0 ? args : image.cmd)].map((arg) =>
      underRoot(root, arg),
    );
    const run = startBridge(command[0]!, command.slice(1), image.runEnv, image.cwd);
    runs.push(run);
    return run;
  };
  const healthy = () => {
    const [command = 'false', ...args] = image.healthcheck ?? [];
    return (
      spawnSync(
        command,
        args.map((arg) => underRoot(root, arg)),
        { env: image.runEnv, cwd: image.cwd },
      ).status === 0
    );
  };

  it('is node:20-slim, runs as a non-root user, and leaves no tarball behind', () => {
    expect(image.from).toBe('node:20-slim');
    expect(image.user).not.toMatch(/^(root|0)(:|$)/);
    expect(image.entrypoint[0]).toBe('dust-mcp-bridge');
    expect(existsSync(join(root, 'usr', 'local', 'bin', 'dust-mcp-bridge'))).toBe(true);
    expect(spawnSync('sh', ['-c', `ls ${root}/opt/dust-mcp-bridge/*.tgz`]).status).not.toBe(0);
  });

  it('with no arguments prints the usage and exits 0', async () => {
    const run = container([]);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('Usage: dust-mcp-bridge');
  });

  it('runs with the servers file and the token mounted: registers, health check passes, docker stop → exit 0, deregistered', async () => {
    mkdirSync(join(root, 'config'), { recursive: true });
    mkdirSync(join(root, 'run', 'secrets'), { recursive: true });
    writeFileSync(join(root, 'config', 'servers.json'), readFileSync(writeServersFile()));
    writeFileSync(join(root, 'run', 'secrets', 'dust_token'), emulator.seeds.userToken);
    expect(healthy()).toBe(false);
    const run = container([
      '--dust-url',
      emulator.url,
      '--workspace',
      emulator.seeds.workspaceId,
      '--allow',
      'everything/echo',
    ]);
    await run.waitForLine(
      (l) => l['event'] === 'state' && l['dust'] === 'streaming' && l['local'] === 'ready',
      'ready state',
    );
    await expect.poll(healthy, { timeout: 5_000 }).toBe(true);
    run.signalGroup('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(emulator.mcp.registrations()).toEqual([]);
    expect(healthy()).toBe(false);
  });
});
