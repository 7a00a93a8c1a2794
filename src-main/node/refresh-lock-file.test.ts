import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { defaultRefreshLockPath, RefreshLockFile } from './refresh-lock-file.js';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'dust-lock-')), 'sub', 'refresh.lock');

describe('RefreshLockFile', () => {
  it('never lets two holders overlap, and removes the file after', async () => {
    const path = lockPath();
    const [a, b] = [
      new RefreshLockFile(path, { pollMs: 5 }),
      new RefreshLockFile(path, { pollMs: 5 }),
    ];
    let inside = 0;
    let maxInside = 0;
    const work = async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside--;
    };
    await Promise.all([a.run(work), b.run(work), a.run(work), b.run(work)]);
    expect(maxInside).toBe(1);
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const path = lockPath();
    await new RefreshLockFile(path).run(() => Promise.resolve());
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(path, `${dead}:abandoned`);
    const started = Date.now();
    await expect(
      new RefreshLockFile(path, { waitMs: 5_000 }).run(() => Promise.resolve('ran')),
    ).resolves.toBe('ran');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('takes over a lock older than staleMs even if its pid lives (a reused pid)', async () => {
    const path = lockPath();
    await new RefreshLockFile(path).run(() => Promise.resolve());
    writeFileSync(path, `${process.pid}:old`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    await expect(
      new RefreshLockFile(path, { staleMs: 30_000, waitMs: 5_000 }).run(() =>
        Promise.resolve('ran'),
      ),
    ).resolves.toBe('ran');
  });

  it('goes ahead after waitMs when a live holder never lets go, and leaves its file alone', async () => {
    const path = lockPath();
    await new RefreshLockFile(path).run(() => Promise.resolve());
    writeFileSync(path, `${process.pid}:held`);
    await expect(
      new RefreshLockFile(path, { waitMs: 100, pollMs: 10 }).run(() => Promise.resolve('ran')),
    ).resolves.toBe('ran');
    expect(existsSync(path)).toBe(true);
  });

  it('lives in the per-user runtime directory, keyed by the keychain service', () => {
    expect(defaultRefreshLockPath('dust-mcp-tray', { XDG_RUNTIME_DIR: '/run/user/1000' })).toBe(
      '/run/user/1000/dust-mcp-tray/dust-mcp-tray.refresh.lock',
    );
  });
});
