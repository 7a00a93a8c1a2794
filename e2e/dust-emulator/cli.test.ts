import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { describe, expect, it } from 'vitest';

describe('npm run emulator (cli.ts)', () => {
  it('prints one JSON line with url, tokens, key and sign-in hints, serves it, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'e2e/dust-emulator/cli.ts',
        '--region',
        'europe-west1',
        '--faults',
        '{"historyPageSize":7}',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const info = JSON.parse(line) as Record<string, unknown> & {
        url: string;
        userToken: string;
        apiKey: string;
      };
      expect(Object.keys(info)).toEqual(
        expect.arrayContaining([
          'url',
          'workspaceId',
          'userToken',
          'otherUserToken',
          'apiKey',
          'workosClientId',
          'deviceCodeSignIn',
        ]),
      );
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.region).toBe('europe-west1');
      expect(info.apiKey).toMatch(/^sk-/);
      const me = await fetch(`${info.url}/api/v1/me`, {
        headers: { Authorization: `Bearer ${info.userToken}` },
      });
      expect(me.status).toBe(200);
      const faults = (await (await fetch(`${info.url}/__emulator/faults`)).json()) as {
        settings: { historyPageSize: number };
      };
      expect(faults.settings.historyPageSize).toBe(7);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('through `npm run --silent emulator`, the JSON line is the first line on stdout, and --ready-file holds the same line', async () => {
    const readyFile = join(mkdtempSync(join(tmpdir(), 'emulator-ready-')), 'ready.json');
    // Its own process group, stopped like a terminal would: the signal reaches npm, sh and node.
    const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--ready-file', readyFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) =>
          reject(new Error(`npm run emulator exited early with ${code}`)),
        );
      });
      const info = JSON.parse(first) as { url: string; userToken: string };
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect.poll(() => existsSync(readyFile)).toBe(true);
      expect(readFileSync(readyFile, 'utf8')).toBe(`${first}\n`);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
