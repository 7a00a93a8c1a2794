import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeEach, describe, expect, it } from 'vitest';

import type { Confirmation } from '../../app/consent/confirmation.js';
import type { SecretStore } from '../../core/ports.js';
import { secretStoreKey } from '../../core/secrets/placeholders.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { KeyringSecretStore } from '../keyring-secret-store.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorSession } from './kits/emulator-session.js';
import { firstCardWords } from './kits/window-calls.js';

/**
 * The gate holds: "the window can run any program without the person". Each test plays a
 * compromised window: it calls the IPC router (real services, signed in to the emulator) the way
 * the review did, and checks that main asked the person (the scripted confirmer stands in for
 * Electron's native dialog) and that a "no" means nothing was spawned, saved or widened.
 */
const hasKeyring = process.env['DUST_TRAY_SECRET_SERVICE'] === 'gnome-keyring';
const SECRET = 'sk-live-GATE-vault-0a1b2c3d4e5f6789';

const env = useEmulatorSession();
let secrets: SecretStore;
let keychainKeys: string[] = [];
beforeEach(() => {
  secrets = hasKeyring
    ? new KeyringSecretStore(`dust-mcp-tray-gate-${randomBytes(6).toString('hex')}`)
    : new InMemorySecretStore();
  keychainKeys = [];
  env.onClose(async () => {
    for (const key of keychainKeys) await secrets.delete(key).catch(() => undefined);
  });
});

/** A program that proves it ran by writing `marker`: what an attacker's command would do. */
function markerProgram(marker: string) {
  return {
    command: process.execPath,
    args: ['-e', 'require("fs").writeFileSync(process.argv[1], "ran")', marker],
  };
}

function form(fields: Record<string, unknown>) {
  return { name: 'evil', args: [], env: [], enabled: false, trusted: false, ...fields };
}

function settingsFile(dataDir: string): { mcpServers: Record<string, unknown>; rules: unknown[] } {
  return JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
    mcpServers: Record<string, unknown>;
    rules: unknown[];
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

describe('servers:test runs nothing the person did not allow', () => {
  it('a refusal is an answer in words, and the program never runs', async () => {
    const session = await env.start({ servers: {}, confirmations: 'refuse', secrets });
    const marker = join(mkdtempSync(join(tmpdir(), 'dust-tray-gate-')), 'ran');
    const program = markerProgram(marker);
    const answer = await session.invoke('servers:test', {
      kind: 'form',
      server: form({
        ...program,
        cwd: tmpdir(),
        env: [
          { key: 'API_KEY', value: SECRET, isSecret: true },
          { key: 'MODE', value: 'x', isSecret: false },
        ],
      }),
    });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'You did not allow it, so nothing was started or tested.',
      },
    });
    await settle();
    expect(existsSync(marker)).toBe(false);
    expect(session.spawned).toEqual([]);

    // What the person read: the exact command line, the working directory and env keys, no value.
    const [question] = session.confirmations.asked as [Confirmation];
    expect(question.action).toBe('test');
    expect(question.detail).toContain(
      `${process.execPath} -e 'require("fs").writeFileSync(process.argv[1], "ran")' ${marker}`,
    );
    expect(question.detail).toContain(`Working directory: ${tmpdir()}`);
    expect(question.detail).toContain(
      'Environment: API_KEY (from the keychain), MODE (values not shown)',
    );
    expect(JSON.stringify(session.confirmations.asked)).not.toContain(SECRET);
  });

  it('asks once per command line (remembered across a restart) and again when it changes', async () => {
    const spec = fixtureSpec('fixture-server.mjs');
    await env.start({ servers: {}, secrets });
    const test = (args: string[]) =>
      env.session.invoke('servers:test', {
        kind: 'form',
        server: form({ name: 'fixture', command: spec.command, args }),
      });
    expect(await test([...spec.args])).toMatchObject({ ok: true, value: { ok: true } });
    expect(await test([...spec.args])).toMatchObject({ ok: true, value: { ok: true } });
    expect(env.session.confirmations.asked).toHaveLength(1);
    const dataDir = env.session.dataDir;
    await env.session.close();

    await env.start({ servers: {}, secrets, dataDir, signIn: false });
    expect(await test([...spec.args])).toMatchObject({ ok: true, value: { ok: true } });
    expect(env.session.confirmations.asked).toHaveLength(0);
    expect(await test([...spec.args, '--changed'])).toMatchObject({ ok: true });
    expect(env.session.confirmations.asked).toHaveLength(1);
    expect(env.session.spawned).toHaveLength(2);
  });

  it.runIf(process.platform === 'linux')(
    "hands a saved server's keychain secret only to its exact saved command line",
    async () => {
      keychainKeys.push(secretStoreKey('vault', 'API_KEY'));
      await secrets.set(secretStoreKey('vault', 'API_KEY'), SECRET);
      const spec = fixtureSpec('fixture-server.mjs');
      await env.start({
        servers: {
          vault: {
            command: spec.command,
            args: [...spec.args],
            env: { API_KEY: '${secret:API_KEY}' },
            enabled: false,
          },
        },
        secrets,
      });
      const marker = join(mkdtempSync(join(tmpdir(), 'dust-tray-gate-')), 'ran');
      // The review's attack: vault's stored secret, another program (the person even allows it to
      // run).
      const stolen = await env.session.invoke('servers:test', {
        kind: 'form',
        server: form({
          originalName: 'vault',
          name: 'vault',
          ...markerProgram(marker),
          env: [{ key: 'API_KEY', isSecret: true }],
        }),
      });
      expect(stolen).toMatchObject({
        ok: false,
        error: {
          code: 'forbidden',
          message: expect.stringContaining('given only to its saved command line'),
        },
      });
      // Adding an env key (NODE_OPTIONS can load any code) changes the command line too.
      const widened = await env.session.invoke('servers:test', {
        kind: 'form',
        server: form({
          originalName: 'vault',
          name: 'vault',
          command: spec.command,
          args: [...spec.args],
          env: [
            { key: 'API_KEY', isSecret: true },
            { key: 'NODE_OPTIONS', value: '--require=/tmp/x.js', isSecret: false },
          ],
        }),
      });
      expect(widened).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await settle();
      expect(existsSync(marker)).toBe(false);
      expect(JSON.stringify(env.session.spawned)).not.toContain(SECRET);

      // The exact saved command line still gets its secret.
      const own = await env.session.invoke('servers:test', {
        kind: 'form',
        server: form({
          originalName: 'vault',
          name: 'vault',
          command: spec.command,
          args: [...spec.args],
          env: [{ key: 'API_KEY', isSecret: true }],
        }),
      });
      expect(own).toMatchObject({ ok: true, value: { ok: true } });
      expect(env.session.spawned.map((spawn) => spawn.env['API_KEY'])).toEqual([SECRET]);
    },
  );
});

describe('servers:save, servers:setEnabled and import start nothing the person did not allow', () => {
  it('save with enabled + trusted: a refusal saves and starts nothing', async () => {
    const session = await env.start({ servers: {}, confirmations: 'refuse', secrets });
    const marker = join(mkdtempSync(join(tmpdir(), 'dust-tray-gate-')), 'ran');
    const answer = await session.invoke(
      'servers:save',
      form({ ...markerProgram(marker), enabled: true, trusted: true }),
    );
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'You did not allow it, so nothing was saved or started.',
      },
    });
    await settle();
    expect(existsSync(marker)).toBe(false);
    expect(session.spawned).toEqual([]);
    expect(settingsFile(session.dataDir).mcpServers).toEqual({});
    expect(
      session.confirmations.asked.map((question) => question.items.map((item) => item.kind)),
    ).toEqual([['run', 'trust']]);
  });

  it('marking a confirmed server trusted asks again; an allowed save runs it without a second question', async () => {
    const spec = fixtureSpec('fixture-server.mjs');
    const session = await env.start({ servers: {}, secrets });
    expect(
      await session.invoke(
        'servers:save',
        form({ name: 'fx', command: spec.command, args: [...spec.args], enabled: true }),
      ),
    ).toMatchObject({ ok: true });
    await session.streaming('fx');
    expect(
      session.confirmations.asked.map((question) => [
        question.action,
        question.items.map((item) => item.kind),
      ]),
    ).toEqual([['save', ['run']]]);
    session.confirmations.answer = 'refuse';
    const trust = await session.invoke(
      'servers:save',
      form({
        originalName: 'fx',
        name: 'fx',
        command: spec.command,
        args: [...spec.args],
        enabled: true,
        trusted: true,
      }),
    );
    expect(trust).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(session.confirmations.asked[1]?.items).toEqual([{ kind: 'trust', server: 'fx' }]);
    expect(settingsFile(session.dataDir).mcpServers['fx']).toMatchObject({ trusted: false });
    expect(session.spawned).toHaveLength(1);
  });

  it('turning on (or testing) a saved server whose command line nobody confirmed asks first', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'dust-tray-gate-')), 'ran');
    const session = await env.start({
      servers: { planted: { ...markerProgram(marker), enabled: false } },
      confirmations: 'refuse',
      secrets,
    });
    expect(await session.invoke('servers:setEnabled', { name: 'planted', enabled: true })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'You did not allow it, so the server stays off.' },
    });
    expect(await session.invoke('servers:test', { kind: 'saved', name: 'planted' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(session.confirmations.asked.map((question) => question.action)).toEqual([
      'enable',
      'test',
    ]);
    await settle();
    expect(existsSync(marker)).toBe(false);
    expect(settingsFile(session.dataDir).mcpServers['planted']).toMatchObject({ enabled: false });
  });

  it('a server in the settings that nobody confirmed is asked for in the background and not started when refused', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'dust-tray-gate-')), 'ran');
    const session = await env.start({
      servers: { planted: markerProgram(marker) },
      confirmations: 'refuse',
      secrets,
    });
    await waitFor('the question', () => session.confirmations.asked[0]);
    expect(session.confirmations.asked[0]).toMatchObject({
      action: 'start',
      items: [{ kind: 'run', server: 'planted' }],
    });
    // The words the window shows on the server card.
    const words = await firstCardWords(session, 'you did not allow');
    expect(words).toBe(
      'Not started: you did not allow this command line. Turn the server off and on to be asked again.',
    );
    await settle();
    expect(existsSync(marker)).toBe(false);
    expect(session.spawned).toEqual([]);
    expect(session.confirmations.asked).toHaveLength(1);
  });

  it('import: a refusal imports nothing, writes no keychain entry and starts nothing', async () => {
    const session = await env.start({ servers: {}, confirmations: 'refuse', secrets });
    const marker = join(mkdtempSync(join(tmpdir(), 'dust-tray-gate-')), 'ran');
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
    keychainKeys.push(secretStoreKey('imported', 'GITHUB_TOKEN'));
    const config = {
      mcpServers: {
        imported: { ...markerProgram(marker), env: { GITHUB_TOKEN: token }, alwaysAllow: [] },
      },
    };
    const preview = (await session.invoke('import:preview', {
      source: 'claude-desktop',
      text: JSON.stringify(config),
    })) as { ok: true; value: { planId: string } };
    expect(preview.ok).toBe(true);
    const applied = await session.invoke('import:apply', {
      planId: preview.value.planId,
      choices: {},
    });
    expect(applied).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'You did not allow it, so nothing was imported.' },
    });
    await settle();
    expect(existsSync(marker)).toBe(false);
    expect(session.spawned).toEqual([]);
    expect(settingsFile(session.dataDir).mcpServers).toEqual({});
    expect(await secrets.get(secretStoreKey('imported', 'GITHUB_TOKEN'))).toBeNull();
    expect(session.confirmations.asked[0]?.detail).not.toContain(token);
  });
});

describe('import widens nothing the person did not allow', () => {
  it('Roo\'s alwaysAllow ["*"] on a disabled server: the wide rule is asked for, and a refusal imports nothing', async () => {
    const session = await env.start({ servers: {}, confirmations: 'refuse', secrets });
    const spec = fixtureSpec('fixture-server.mjs');
    const config = {
      mcpServers: {
        roo: { command: spec.command, args: [...spec.args], disabled: true, alwaysAllow: ['*'] },
      },
    };
    const preview = (await session.invoke('import:preview', {
      source: 'roo',
      text: JSON.stringify(config),
    })) as { ok: true; value: { planId: string } };
    expect(
      await session.invoke('import:apply', { planId: preview.value.planId, choices: {} }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(session.confirmations.asked.map((question) => question.items)).toEqual([
      [{ kind: 'wide-rule', server: 'roo', tool: '*' }],
    ]);
    expect(settingsFile(session.dataDir)).toMatchObject({ mcpServers: {}, rules: [] });
  });
});

describe('rules:set widens nothing the person did not allow', () => {
  it('an allow rule for every tool (or a glob) asks; one for a named tool, deny and ask rules do not', async () => {
    const spec = fixtureSpec('fixture-server.mjs');
    const session = await env.start({
      servers: { fx: { command: spec.command, args: [...spec.args] } },
      secrets,
    });
    await session.streaming('fx');
    const asked = session.confirmations.asked.length;
    session.confirmations.answer = 'refuse';
    for (const tool of ['*', 'e*']) {
      expect(await session.invoke('rules:set', { server: 'fx', tool, action: 'allow' })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'You did not allow it, so the rule was not saved.' },
      });
    }
    expect(settingsFile(session.dataDir).rules).toEqual([]);
    expect(
      await session.invoke('rules:set', { server: 'fx', tool: 'echo', action: 'allow' }),
    ).toMatchObject({ ok: true });
    expect(
      await session.invoke('rules:set', { server: 'fx', tool: '*', action: 'deny' }),
    ).toMatchObject({ ok: true });
    expect(session.confirmations.asked.slice(asked).map((question) => question.items)).toEqual([
      [{ kind: 'wide-rule', server: 'fx', tool: '*' }],
      [{ kind: 'wide-rule', server: 'fx', tool: 'e*' }],
    ]);
  });
});
