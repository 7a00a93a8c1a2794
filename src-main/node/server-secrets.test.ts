import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { afterAll, describe, expect, it, onTestFinished } from 'vitest';

import { secretStoreKey } from '../core/secrets/placeholders.js';
import { serverEntry } from '../core/settings/schema.js';
import { resolveServerSpec } from '../core/settings/server-spec.js';
import { KeyringSecretStore } from './keyring-secret-store.js';
import { fixtureSpec } from './test-fixtures/fixtures.js';
import { firstText, superviseForTest } from './test-fixtures/supervisor-harness.js';

/** Same gating as keyring-secret-store.test.ts: real Secret Service, or fail in CI, or skip. */
const hasKeyring = process.env.DUST_TRAY_SECRET_SERVICE === 'gnome-keyring';
const mode = hasKeyring ? 'real' : process.env.CI ? 'fail' : 'skip';

describe('server secrets from the real keychain reach the child through env only', () => {
  if (mode === 'fail') {
    it('needs a real Secret Service in CI', () => {
      expect.fail(
        'No Secret Service: run the tests under scripts/with-secret-service.sh (npm test does).',
      );
    });
    return;
  }
  if (mode === 'skip') {
    it.skip('needs a real Secret Service; run under: bash scripts/with-secret-service.sh npx vitest run src-main/node/server-secrets.test.ts', () =>
      undefined);
    return;
  }

  const store = new KeyringSecretStore(`dust-mcp-tray-test-${randomBytes(6).toString('hex')}`);
  afterAll(async () => {
    await store.delete(secretStoreKey('fixture', 'API_KEY'));
  });

  it('resolves ${secret:API_KEY} at spawn; the value is in env, not in argv; a missing one is named', async () => {
    const fixture = fixtureSpec('fixture-server.mjs');
    const entry = serverEntry({
      command: fixture.command,
      args: [...fixture.args],
      env: { API_KEY: '${secret:API_KEY}' },
    });
    // The process adapter passes only a small base of our environment: never our own token.
    const ownToken = process.env['DUST_TOKEN'];
    process.env['DUST_TOKEN'] = 'never-for-servers';
    onTestFinished(() => {
      if (ownToken === undefined) delete process.env['DUST_TOKEN'];
      else process.env['DUST_TOKEN'] = ownToken;
    });
    // Without `secrets` the supervisor does not redact the value from the answer, so the test can
    // see exactly what reached the child.
    const resolve = async () => ({
      ...(await resolveServerSpec('fixture', entry, store)),
      secrets: [],
    });

    const missing = superviseForTest(fixture, { spec: resolve, autoRestart: false });
    missing.supervisor.start();
    await missing.until((s) => s.kind === 'stopped' && s.lastError !== undefined);
    expect(missing.supervisor.describeProblem()).toContain(
      'needs the secret ${secret:API_KEY} (for API_KEY)',
    );
    missing.supervisor.dispose();

    await store.set(secretStoreKey('fixture', 'API_KEY'), 'sk-fixture-ünïcode-1234');
    const { supervisor, until } = superviseForTest(fixture, { spec: resolve });
    try {
      supervisor.start();
      await until((s) => s.kind === 'ready');
      const seen = await supervisor.request('tools/call', {
        name: 'env',
        arguments: { name: 'API_KEY' },
      });
      expect(firstText(seen)).toBe('sk-fixture-ünïcode-1234');
      const dust = await supervisor.request('tools/call', {
        name: 'env',
        arguments: { name: 'DUST_TOKEN' },
      });
      expect(firstText(dust)).toBe('(unset)');
      if (process.platform === 'linux') {
        const cmdline = await readFile(`/proc/${supervisor.pid}/cmdline`, 'utf8');
        expect(cmdline).not.toContain('sk-fixture');
      }
    } finally {
      await supervisor.stop();
      supervisor.dispose();
    }
  });
});
