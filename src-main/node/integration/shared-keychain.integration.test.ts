import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { beforeEach, describe, expect, it } from 'vitest';

import { waitForDeviceTokens } from '../../core/auth/device-flow.js';
import {
  ACCESS_TOKEN_KEY,
  REFRESH_TOKEN_KEY,
  type SessionEvent,
  TokenSession,
} from '../../core/auth/token-session.js';
import { CancellationTokenSource } from '../../core/cancellation.js';
import { fetchMe } from '../../core/dust/dust-api.js';
import { DustHttp } from '../../core/dust/dust-http.js';
import { KeyringSecretStore } from '../keyring-secret-store.js';
import { NodeHttpClient } from '../node-http.js';
import { RefreshLockFile } from '../refresh-lock-file.js';
import { SystemClock } from '../system-clock.js';
import { needsSecretService } from '../test-fixtures/secret-service.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulator } from './kits/emulator.js';
import { countingWorkos } from './kits/workos.js';

/**
 * Hardening: the desktop app and headless mode share the keychain entries. When one rotates the
 * single-use refresh token, the other must not burn the dead one and then delete the fresh
 * entries (logging both out). Two sessions, each with its own keychain handle and lock handle
 * (as two processes have), on the real Secret Service against the emulated WorkOS.
 */

describe('two processes sharing one keychain', () => {
  if (!needsSecretService()) return;

  const env = useEmulator({ workos: { intervalSeconds: 1 }, accessTokenLifetimeSeconds: 60 });
  const service = `dust-mcp-tray-test-${randomBytes(6).toString('hex')}`;
  const lockPath = join(mkdtempSync(join(tmpdir(), 'dust-lock-')), 'refresh.lock');
  let refreshGrants = 0;
  beforeEach(() => {
    refreshGrants = 0;
    env.onClose(async () => {
      const store = new KeyringSecretStore(service);
      await store.delete(ACCESS_TOKEN_KEY);
      await store.delete(REFRESH_TOKEN_KEY);
    });
  });

  function workos() {
    return countingWorkos(env.emulator, () => {
      refreshGrants++;
    });
  }

  /** One "process": its own keychain handle, lock handle, session and Dust client. */
  function instance() {
    const clock = new SystemClock();
    const session = new TokenSession(
      new KeyringSecretStore(service),
      workos(),
      clock,
      new RefreshLockFile(lockPath),
    );
    const events: SessionEvent[] = [];
    session.onDidChange((event) => events.push(event));
    const http = new DustHttp(
      { baseUrl: env.emulator.url, userAgent: 'test' },
      session,
      new NodeHttpClient(),
      clock,
    );
    return { session, events, me: () => fetchMe(http) };
  }

  async function signedInPair() {
    const client = workos();
    const clock = new SystemClock();
    const authorization = await client.startDeviceAuthorization();
    setTimeout(() => env.emulator.identity.approveDeviceCode(authorization.userCode), 300);
    const result = await waitForDeviceTokens(client, authorization, {
      clock,
      timers: clock,
      cancellation: new CancellationTokenSource().token,
    });
    if (!result.ok) throw new Error(result.message);
    const desktop = instance();
    await desktop.session.signIn(result.tokens);
    const headless = instance();
    expect(await headless.session.isSignedIn()).toBe(true);
    await desktop.me();
    await headless.me();
    return { desktop, headless };
  }

  it('one refreshes; the other adopts the rotated pair instead of signing both out', async () => {
    const { desktop, headless } = await signedInPair();
    env.emulator.clock.advance(120_000);
    await desktop.me();
    expect(refreshGrants).toBe(1);
    const rotated = await new KeyringSecretStore(service).get(REFRESH_TOKEN_KEY);

    // The other still holds the old pair in memory: Dust rejects its token.
    await expect(headless.me()).resolves.toMatchObject({ workspaces: expect.any(Array) });
    expect(refreshGrants).toBe(1);
    expect(await new KeyringSecretStore(service).get(REFRESH_TOKEN_KEY)).toBe(rotated);
    expect(
      [...desktop.events, ...headless.events].some((event) => event.kind === 'signed-out'),
    ).toBe(false);
    await expect(desktop.me()).resolves.toMatchObject({ workspaces: expect.any(Array) });
  });

  it('both find their token expired at once: one refresh, both keep working', async () => {
    const { desktop, headless } = await signedInPair();
    env.emulator.clock.advance(120_000);
    const answers = await Promise.all([desktop.me(), headless.me(), desktop.me(), headless.me()]);
    expect(answers.every((me) => me.workspaces.length > 0)).toBe(true);
    expect(refreshGrants).toBe(1);
    expect(await new KeyringSecretStore(service).get(REFRESH_TOKEN_KEY)).toMatch(/\S/);
    expect(
      [...desktop.events, ...headless.events].some((event) => event.kind === 'signed-out'),
    ).toBe(false);
  });

  it('a second real process holding the old pair in memory adopts the pair the first rotated', async () => {
    const { desktop } = await signedInPair();
    const script = join(
      dirname(fileURLToPath(import.meta.url)),
      '..',
      'test-fixtures',
      'token-session-child.ts',
    );
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        service,
        lockPath,
        env.emulator.url,
        env.emulator.seeds.workosClientId,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const waitForLine = (predicate: (line: string) => boolean) =>
      waitFor(
        () => `a line; child said: ${lines.join(' | ')}`,
        () => lines.find(predicate),
        20_000,
      );
    await waitForLine((line) => line === 'loaded');

    env.emulator.clock.advance(120_000);
    await desktop.me();
    expect(refreshGrants).toBe(1);
    const rotated = await new KeyringSecretStore(service).get(REFRESH_TOKEN_KEY);

    child.stdin.write('go\n');
    const outcome = JSON.parse(await waitForLine((line) => line.startsWith('{'))) as {
      ok: boolean;
      events: string[];
    };
    await exited;
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.events).not.toContain('signed-out');
    // The child refreshed nothing and deleted nothing: the keychain still holds the desktop's pair.
    expect(await new KeyringSecretStore(service).get(REFRESH_TOKEN_KEY)).toBe(rotated);
    await expect(desktop.me()).resolves.toMatchObject({ workspaces: expect.any(Array) });
  });
});
