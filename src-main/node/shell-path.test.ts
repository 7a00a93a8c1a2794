import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createCommandPreparer,
  extractPath,
  mergePaths,
  readLoginShellPath,
} from './shell-path.js';
import { StdioMcpProcesses } from './stdio-mcp-processes.js';

const posixOnly = describe.skipIf(process.platform === 'win32');

describe('extractPath', () => {
  it('finds PATH between the markers despite banners around it', () => {
    const output = 'Welcome!\n__DUST_TRAY_PATH_START__/a:/b\n__DUST_TRAY_PATH_END__bye';
    expect(extractPath(output)).toBe('/a:/b');
    expect(extractPath('no markers')).toBeNull();
    expect(extractPath(undefined)).toBeNull();
  });
});

posixOnly('login shell PATH and command preparation (real bash, real files)', () => {
  let home: string;
  let toolsDir: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'dust-tray-shell-'));
    toolsDir = join(home, 'homebrew', 'bin');
    await mkdir(toolsDir, { recursive: true });
    // A login profile that chats on stdout and extends PATH, like a real ~/.bash_profile.
    await writeFile(
      join(home, '.bash_profile'),
      `echo "Last login: today"\nexport PATH="${toolsDir}:$PATH"\n`,
    );
    // A server launcher found only through that PATH; its shebang needs `node` on the child's PATH.
    const server = join(toolsDir, 'my-mcp-server');
    const script =
      "process.stdin.on('data', () => {}); process.stderr.write('PATH=' + process.env.PATH + '\\n');";
    await writeFile(server, `#!/usr/bin/env node\n${script}\n`);
    await chmod(server, 0o755);
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('reads PATH from an interactive login shell', async () => {
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      const path = await readLoginShellPath({
        shell: '/bin/bash',
        fallback: `/only/ours${delimiter}${toolsDir}`,
      });
      expect(path.split(delimiter)[0]).toBe(toolsDir);
      expect(path.split(delimiter).at(-1)).toBe('/only/ours');
      expect(path.split(delimiter).filter((entry) => entry === toolsDir)).toHaveLength(1);
    } finally {
      process.env.HOME = saved;
    }
  });

  it('falls back when the shell is missing or too slow', async () => {
    expect(await readLoginShellPath({ shell: '/nonexistent/shell', fallback: 'FALLBACK' })).toBe(
      'FALLBACK',
    );
    const slow = join(home, 'slow-shell');
    await writeFile(slow, '#!/bin/sh\nsleep 5\n');
    await chmod(slow, 0o755);
    const started = Date.now();
    expect(await readLoginShellPath({ shell: slow, timeoutMs: 200, fallback: 'FALLBACK' })).toBe(
      'FALLBACK',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('resolves a bare command on the login PATH and gives the child that PATH', async () => {
    const loginPath = [...new Set([toolsDir, dirname(process.execPath), '/usr/bin', '/bin'])].join(
      delimiter,
    );
    const prepare = createCommandPreparer({ searchPath: () => Promise.resolve(loginPath) });
    const prepared = await prepare({
      command: 'my-mcp-server',
      args: ['--flag'],
      env: { API_KEY: 'k' },
    });
    expect(prepared).toEqual({
      file: join(toolsDir, 'my-mcp-server'),
      args: ['--flag'],
      env: { API_KEY: 'k', PATH: loginPath },
      windowsVerbatimArguments: false,
    });

    const child = await new StdioMcpProcesses({ prepare }).spawn({
      command: 'my-mcp-server',
      args: [],
      env: {},
    });
    const stderr: string[] = [];
    child.onStderr((line) => stderr.push(line));
    for (let i = 0; i < 200 && stderr.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await child.close();
    expect(stderr).toEqual([`PATH=${loginPath}`]);
  });

  it("searches the server's own PATH first, then the login shell's, and explains a command that is nowhere", async () => {
    const prepare = createCommandPreparer({
      searchPath: () => Promise.resolve(`/usr/bin:${toolsDir}`),
    });
    const own = await prepare({
      command: 'my-mcp-server',
      args: [],
      env: { PATH: `${toolsDir}:/opt/x` },
    });
    expect(own.file).toBe(join(toolsDir, 'my-mcp-server'));
    expect(own.env).toEqual({ PATH: `${toolsDir}:/opt/x:/usr/bin` });
    const fromLogin = await prepare({
      command: 'my-mcp-server',
      args: [],
      env: { PATH: '/usr/bin' },
    });
    expect(fromLogin.file).toBe(join(toolsDir, 'my-mcp-server'));
    expect(mergePaths('C:\\A;c:\\b', 'C:\\B;D:\\', 'win32')).toBe('C:\\A;c:\\b;D:\\');
    const elsewhere = createCommandPreparer({ searchPath: () => Promise.resolve('/usr/bin') });
    await expect(elsewhere({ command: 'my-mcp-server', args: [], env: {} })).rejects.toThrow(
      'Could not start "my-mcp-server": it was not found on your PATH. Install it, or use its full path as the command.',
    );
  });
});
