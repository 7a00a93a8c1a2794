import { randomBytes } from 'node:crypto';
import { appendFile, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { fileSystemError } from '../core/file-system-error.js';
import type { Files } from '../core/ports.js';

/** Files we create hold settings, logs and grants: readable by the user only. */
const PRIVATE_FILE_MODE = 0o600;

/**
 * Files on the real file system.
 *
 * `writeTextAtomic` writes a temporary file in the SAME directory (a rename across file systems
 * is not atomic), fsyncs it, then renames it over the target, so a crash or power loss leaves
 * either the old file or the new one, never half of one. A failed write removes its temporary
 * file (a full disk must not fill up further with `.tmp` leftovers), and a full, read-only or
 * forbidden disk is reported in words (`FileSystemError`).
 */
export class FsFiles implements Files {
  async readText(path: string): Promise<string | null> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async writeTextAtomic(path: string, text: string): Promise<void> {
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    let created = false;
    try {
      const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
      created = true;
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      if (created) await rm(temp, { force: true }).catch(() => undefined);
      throw inWords('save', path, error);
    }
  }

  async appendText(path: string, text: string): Promise<void> {
    await appendFile(path, text, { encoding: 'utf8', mode: PRIVATE_FILE_MODE }).catch(
      (error: unknown) => {
        throw inWords('write to', path, error);
      },
    );
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(from, to).catch((error: unknown) => {
      throw inWords('move', from, error);
    });
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async size(path: string): Promise<number | null> {
    try {
      return (await stat(path)).size;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  join(...parts: string[]): string {
    return join(...parts);
  }
}

/** A full, read-only or forbidden disk in words; other errors as they were. */
function inWords(action: string, path: string, error: unknown): unknown {
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  return (code && fileSystemError(action, path, code)) ?? error;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
