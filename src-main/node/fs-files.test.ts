import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FsFiles } from './fs-files.js';

describe('FsFiles (real file system)', () => {
  let dir: string;
  const files = new FsFiles();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dust-tray-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads null for a missing file and its size as null', async () => {
    expect(await files.readText(join(dir, 'nope.json'))).toBeNull();
    expect(await files.size(join(dir, 'nope.json'))).toBeNull();
  });

  it('writes atomically, replaces an existing file, leaves no temp file, mode 0600', async () => {
    const path = files.join(dir, 'settings.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await files.writeTextAtomic(path, '{"héllo":"wörld"}');
    expect(await files.readText(path)).toBe('{"héllo":"wörld"}');
    expect(await readdir(dir)).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await files.size(path)).toBe(Buffer.byteLength('{"héllo":"wörld"}'));
  });

  it('fails without touching the target when the directory does not exist', async () => {
    await expect(files.writeTextAtomic(join(dir, 'missing', 'x.json'), 'x')).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('appends (creating with 0600), renames and removes', async () => {
    const log = join(dir, 'activity.jsonl');
    await files.appendText(log, 'a\n');
    await files.appendText(log, 'b\n');
    expect(await files.readText(log)).toBe('a\nb\n');
    if (process.platform !== 'win32') expect((await stat(log)).mode & 0o777).toBe(0o600);
    await files.rename(log, join(dir, 'activity.1.jsonl'));
    expect(await files.readText(log)).toBeNull();
    await files.remove(join(dir, 'activity.1.jsonl'));
    await files.remove(join(dir, 'activity.1.jsonl'));
    expect(await readdir(dir)).toEqual([]);
  });
});
