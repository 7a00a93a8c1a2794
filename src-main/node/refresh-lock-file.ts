/**
 * A lock file that serialises token refreshes across processes sharing one keychain service
 * (the desktop app, headless mode, a second profile). Created with O_EXCL, so exactly one
 * process holds it; holds the owner's pid and a random tag, so only the owner removes it.
 *
 * A lock left by a crashed process is stale once its pid is gone or it is older than `staleMs`
 * (a refresh is one HTTP request: far shorter). A process that cannot get the lock within
 * `waitMs` goes ahead anyway: the session re-reads the keychain after a refusal, so the worst
 * case is one wasted refresh, never a sign-out.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

import type { RefreshLock } from '../core/auth/token-session.js';

export interface RefreshLockFileOptions {
  staleMs?: number;
  waitMs?: number;
  pollMs?: number;
}

export class RefreshLockFile implements RefreshLock {
  constructor(
    readonly path: string,
    private readonly options: RefreshLockFileOptions = {},
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const tag = await this.acquire();
    try {
      return await work();
    } finally {
      if (tag) await this.release(tag);
    }
  }

  /** The tag written into the file, or undefined when we go ahead without the lock. */
  private async acquire(): Promise<string | undefined> {
    const tag = `${process.pid}:${randomBytes(8).toString('hex')}`;
    const deadline = Date.now() + (this.options.waitMs ?? 15_000);
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    for (;;) {
      try {
        const handle = await open(this.path, 'wx', 0o600);
        await handle.writeFile(tag);
        await handle.close();
        return tag;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
      }
      if (await this.isStale()) {
        await unlink(this.path).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 50));
    }
  }

  private async isStale(): Promise<boolean> {
    try {
      const [content, info] = await Promise.all([readFile(this.path, 'utf8'), stat(this.path)]);
      if (Date.now() - info.mtimeMs > (this.options.staleMs ?? 30_000)) return true;
      const pid = Number(content.split(':')[0]);
      return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
    } catch {
      // Gone already (the holder released it), or half-written this instant: try again.
      return false;
    }
  }

  private async release(tag: string): Promise<void> {
    const content = await readFile(this.path, 'utf8').catch(() => undefined);
    if (content === tag) await unlink(this.path).catch(() => undefined);
  }
}

/**
 * Where the lock for one keychain service lives: the per-user runtime directory on Linux, the
 * per-user temp directory elsewhere. Keyed by the keychain service, since that is what the
 * processes share (two profiles with different data directories share one keychain).
 */
export function defaultRefreshLockPath(
  serviceName: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const base = env['XDG_RUNTIME_DIR'] ?? join(tmpdir(), `dust-mcp-tray-${safeUid()}`);
  return join(
    base,
    'dust-mcp-tray',
    `${serviceName.replace(/[^A-Za-z0-9._-]/g, '_')}.refresh.lock`,
  );
}

function safeUid(): string {
  try {
    return String(userInfo().uid);
  } catch {
    return 'user';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
