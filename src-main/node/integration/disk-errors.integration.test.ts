import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { type Session, startSession } from './fault-session.js';

/**
 * Hardening, "errors vanish": a full disk and a read-only disk under the data directory (a real,
 * tiny tmpfs), reached through the IPC router with the real services. The window gets the cause
 * in words, the error is logged, and no `.tmp` file is left behind. Mounting needs root (or a
 * user namespace); where it is refused, the test says so and skips.
 */
const mountDir = mkdtempSync(join(tmpdir(), 'dust-tray-disk-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountDir], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}

let emulator: RunningEmulator;
let session: Session | undefined;

describe.runIf(mounted)('a full or read-only disk under the data directory', () => {
  beforeAll(() => undefined);
  afterAll(() => {
    execFileSync('umount', [mountDir], { stdio: 'ignore' });
    rmSync(mountDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(async () => {
    execFileSync('mount', ['-o', 'remount,rw', mountDir], { stdio: 'ignore' });
    rmSync(join(mountDir, 'filler'), { force: true });
    await session?.close();
    session = undefined;
    await emulator.close();
  });

  it('says "the disk is full" and then "read-only" in words, logs it, and leaves no .tmp file', async () => {
    const spec = fixtureSpec('fixture-server.mjs');
    session = await startSession(emulator, {
      servers: { fx: { command: spec.command, args: [...spec.args] } },
      signIn: false,
      dataDir: mountDir,
    });
    try {
      writeFileSync(join(mountDir, 'filler'), Buffer.alloc(1024 * 1024));
    } catch {
      // Full now: what is left is too small for a settings file.
    }
    const full = await session.invoke('servers:setEnabled', { name: 'fx', enabled: false });
    expect(full).toMatchObject({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringMatching(
          /^Could not save .*settings\.json: the disk is full\. Free some space and try again\. \(ENOSPC\)$/,
        ),
      },
    });
    expect(readdirSync(mountDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(session.logs.join('\n')).toMatch(
      /An IPC handler failed unexpectedly .*servers:setEnabled.*ENOSPC/,
    );

    execFileSync('mount', ['-o', 'remount,ro', mountDir], { stdio: 'ignore' });
    const readOnly = await session.invoke('servers:setEnabled', { name: 'fx', enabled: false });
    expect(readOnly).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/the disk is read-only\. \(EROFS\)$/) },
    });
  });
});

describe.skipIf(mounted)('a full or read-only disk (needs mount)', () => {
  it.skip('cannot mount a tmpfs here (not root, no user namespace); run as root to cover ENOSPC and EROFS', () =>
    undefined);
});
