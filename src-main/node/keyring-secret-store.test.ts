import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { KeyringSecretStore } from './keyring-secret-store.js';

/**
 * Runs against a real Secret Service: `npm test` wraps vitest in scripts/with-secret-service.sh,
 * which starts a private gnome-keyring and sets DUST_TRAY_SECRET_SERVICE=gnome-keyring.
 * In CI a missing keyring is a failure, never a silent skip.
 */
const hasKeyring = process.env.DUST_TRAY_SECRET_SERVICE === 'gnome-keyring';
const mode = hasKeyring ? 'real' : process.env.CI ? 'fail' : 'skip';
const RUN_HINT =
  'bash scripts/with-secret-service.sh npx vitest run src-main/node/keyring-secret-store.test.ts';

describe('KeyringSecretStore', () => {
  if (mode === 'fail') {
    it('needs a real Secret Service in CI', () => {
      expect.fail(
        `No Secret Service (DUST_TRAY_SECRET_SERVICE=${process.env.DUST_TRAY_SECRET_SERVICE ?? 'unset'}). ` +
          `CI must run the tests under scripts/with-secret-service.sh (needs dbus and gnome-keyring): ${RUN_HINT}`,
      );
    });
    return;
  }

  const service = `dust-mcp-tray-test-${randomBytes(6).toString('hex')}`;
  const store = new KeyringSecretStore(service);
  const realIt = it.skipIf(mode === 'skip');
  if (mode === 'skip') {
    it.skip(`needs a real Secret Service; run under: ${RUN_HINT}`, () => undefined);
  }

  afterAll(async () => {
    if (mode !== 'real') return;
    for (const key of ['token', 'unicode', 'gone']) await store.delete(key);
  });

  realIt('answers null for a key that was never set', async () => {
    expect(await store.get('never-set')).toBeNull();
  });

  realIt('sets, reads, overwrites and deletes', async () => {
    await store.set('token', 'first');
    expect(await store.get('token')).toBe('first');
    await store.set('token', 'second');
    expect(await store.get('token')).toBe('second');
    await store.delete('token');
    expect(await store.get('token')).toBeNull();
  });

  realIt('keeps unicode and long values exactly', async () => {
    const value = `clé-🔑-秘密-${'x'.repeat(4_000)}`;
    await store.set('unicode', value);
    expect(await store.get('unicode')).toBe(value);
  });

  realIt('deleting a missing key is not an error', async () => {
    await expect(store.delete('gone')).resolves.toBeUndefined();
  });

  realIt('lists the keys stored under its service, and only those', async () => {
    const own = new KeyringSecretStore(`${service}-listing`);
    await own.set('server/github/TOKEN', 'a');
    await own.set('dust/refresh-token', 'b');
    await store.set('token', 'not in the listing');
    try {
      expect(await own.keys()).toEqual(['dust/refresh-token', 'server/github/TOKEN']);
    } finally {
      for (const key of await own.keys()) await own.delete(key);
      await store.delete('token');
    }
    expect(await own.keys()).toEqual([]);
  });

  realIt('keeps services apart', async () => {
    await store.set('token', 'mine');
    expect(await new KeyringSecretStore(`${service}-other`).get('token')).toBeNull();
    await store.delete('token');
  });

  it.runIf(process.platform === 'linux')(
    'turns an unreachable keychain into SecretStoreUnavailableError with words',
    () => {
      const error = probeInChild([process.execPath], {
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      });
      expect(error.name).toBe('SecretStoreUnavailableError');
      expect(error.message).toMatch(
        /^Could not save "token" in the system keychain \(.+\)\. .*Secret Service/,
      );
      expect(error.message).not.toContain('value-never-shown');
    },
  );

  realIt(
    'turns a Secret Service without an unlocked keyring into SecretStoreUnavailableError',
    async () => {
      // A fresh D-Bus session whose gnome-keyring starts on demand with no login keyring to
      // unlock: what a desktop shows before the user has unlocked (or ever created) one.
      const home = await mkdtemp(join(tmpdir(), 'dust-tray-locked-'));
      try {
        const env = { HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home };
        const error = probeInChild(['dbus-run-session', '--', process.execPath], env);
        expect(error.name).toBe('SecretStoreUnavailableError');
        expect(error.message).toMatch(/^Could not save "token" in the system keychain/);
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
  );

  realIt(
    'a keyring locked after the secret was saved is an error in words, never an empty answer',
    async () => {
      // Its own D-Bus session and keyring: locking the shared one would break the other tests.
      // Read as null, a locked keyring would look like "signed out" and lose the session quietly.
      const home = await mkdtemp(join(tmpdir(), 'dust-tray-relock-'));
      try {
        const script = [
          "const { execFileSync } = await import('node:child_process');",
          "const { KeyringSecretStore } = await import('./src-main/node/keyring-secret-store.ts');",
          "const store = new KeyringSecretStore('dust-mcp-tray-relock');",
          "await store.set('token', 'value-never-shown');",
          // secret-tool (libsecret 0.21) locks, then crashes on its way out: its exit status says
          // nothing.
          "try { execFileSync('secret-tool', ['lock', '--collection=login'], { stdio: 'ignore' }); } catch {}",
          "try { const value = await store.get('token'); console.log(JSON.stringify({ name: 'read', message: String(value) })); }",
          'catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }',
        ].join('\n');
        const shell = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "${process.execPath}" --import tsx --input-type=module -e "$PROBE"`;
        await mkdir(join(home, 'run'), { mode: 0o700 });
        const output = execFileSync('dbus-run-session', ['--', 'bash', '-c', shell], {
          env: {
            ...process.env,
            HOME: home,
            XDG_DATA_HOME: join(home, 'data'),
            XDG_RUNTIME_DIR: join(home, 'run'),
            PROBE: script,
            DISPLAY: '',
          },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
          timeout: 30_000,
        });
        const error = JSON.parse(output.trim().split('\n').at(-1)!) as {
          name: string;
          message: string;
        };
        expect(error.name).toBe('SecretStoreUnavailableError');
        expect(error.message).toMatch(
          /^Could not read "token" in the system keychain \(.*unlock.*\)/,
        );
        expect(error.message).not.toContain('value-never-shown');
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
  );
});

/**
 * Tries to save a secret in a child process (the native library keeps one D-Bus connection per
 * process).
 */
function probeInChild(
  command: string[],
  env: Record<string, string>,
): { name: string; message: string } {
  const script = [
    "const { KeyringSecretStore } = await import('./src-main/node/keyring-secret-store.ts');",
    "const store = new KeyringSecretStore('dust-mcp-tray-unavailable');",
    "try { await store.set('token', 'value-never-shown'); console.log(JSON.stringify({ name: 'stored', message: '' })); }",
    'catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }',
  ].join('\n');
  const [file, ...prefix] = command;
  const output = execFileSync(
    file!,
    [...prefix, '--import', 'tsx', '--input-type=module', '-e', script],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!) as { name: string; message: string };
}
