/**
 * The settings store on the real file system (FsFiles), to prove the rename-aside and atomic
 * save hold with real renames, not just with the in-memory fake.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FsFiles } from '../../node/fs-files.js';
import { FakeClock } from '../testing/fake-clock.js';
import type { StdioServerEntry } from './schema.js';
import { SettingsStore } from './settings-store.js';

describe('SettingsStore with FsFiles (real file system)', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dust-tray-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('moves a corrupt file aside, continues on defaults, then saves a fresh file beside the backup', async () => {
    await writeFile(join(dir, 'settings.json'), '{"mcpServers": {"git": {"command": 42}}}');
    const store = new SettingsStore(
      new FsFiles(),
      new FakeClock(Date.UTC(2026, 10, 25, 10, 0, 0)),
      dir,
    );

    await store.load();
    expect(store.loadState).toMatchObject({
      kind: 'recovered',
      backupPath: join(dir, 'settings.corrupt-2026-11-25T10-00-00-000Z.json'),
    });

    await store.update((settings) => ({
      ...settings,
      mcpServers: {
        git: { command: 'uvx', args: ['mcp-server-git'], env: {}, enabled: true, trusted: false },
      },
    }));

    expect((await readdir(dir)).sort()).toEqual([
      'settings.corrupt-2026-11-25T10-00-00-000Z.json',
      'settings.json',
    ]);
    expect(
      await readFile(join(dir, 'settings.corrupt-2026-11-25T10-00-00-000Z.json'), 'utf8'),
    ).toBe('{"mcpServers": {"git": {"command": 42}}}');

    const reloaded = new SettingsStore(new FsFiles(), new FakeClock(), dir);
    await reloaded.load();
    expect(reloaded.loadState).toEqual({ kind: 'loaded' });
    expect((reloaded.settings.mcpServers['git'] as StdioServerEntry | undefined)?.args).toEqual([
      'mcp-server-git',
    ]);
    store.dispose();
    reloaded.dispose();
  });
});
