import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { type ScriptedAnswer, ScriptedConfirmer } from '../../app/consent/scripted-confirmer.js';
import { createEventHub, type HubEvent } from '../../app/event-hub.js';
import { createHandlers } from '../../app/handlers.js';
import { createIpcRouter } from '../../app/ipc-router.js';
import { type AppServices, createAppServices } from '../../app/services/create-services.js';
import { publishServiceEvents } from '../../app/services/publish-events.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import type { InvokeChannel, InvokeOutput } from '../../shared/ipc-contract.js';
import type { IpcResult } from '../../shared/ipc-result.js';
import { createNodePorts } from '../create-node-ports.js';
import { EventSourceStreams } from '../eventsource-streams.js';
import { everythingSpec } from '../test-fixtures/fixtures.js';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const OTHER = 'sk-live-0123456789abcdefghijklmnopqrstuv';

let running: { services: AppServices; close: () => Promise<void> } | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/**
 * The real services (signed out: nothing is bridged) behind the real router, as a window calls
 * them. Every payload and event is kept, so a test can prove a secret never crossed.
 */
async function start(
  options: {
    home?: string;
    settings?: object;
    unwritable?: boolean;
    confirmations?: ScriptedAnswer;
  } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dust-tray-edit-'));
  // A directory where settings.json belongs: the store cannot read it, so it refuses every save.
  if (options.unwritable) mkdirSync(join(dataDir, 'settings.json'));
  if (options.settings)
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(options.settings));
  const secrets = new InMemorySecretStore();
  /** The person at main's dialogs: says yes unless a test scripts otherwise. */
  const confirmations = new ScriptedConfirmer(options.confirmations ?? 'allow');
  const services = await createAppServices(
    {
      ...createNodePorts(),
      secrets,
      streams: new EventSourceStreams(),
      logger: { log: () => undefined },
      urls: { open: () => Promise.resolve() },
      confirm: confirmations,
    },
    {
      dataDir,
      appVersion: '0.0.0-test',
      testHandshakeTimeoutMs: 20_000,
      ...(options.home ? { platformInfo: { platform: 'linux' as const, home: options.home } } : {}),
    },
  );
  const hub = createEventHub();
  const events: HubEvent[] = [];
  hub.subscribe((event) => events.push(event));
  const publishing = publishServiceEvents(services, hub);
  const router = createIpcRouter(
    createHandlers({ appInfo: { name: 'test', version: '0' }, services: { app: services, hub } }),
  );
  const payloads: unknown[] = [];
  /** Input is `unknown` on purpose: the router, not the type checker, is what is under test. */
  const call = async <C extends InvokeChannel>(
    channel: C,
    input?: unknown,
  ): Promise<IpcResult<InvokeOutput<C>>> => {
    const result = await router.dispatch(channel, input);
    payloads.push(result);
    return result as IpcResult<InvokeOutput<C>>;
  };
  running = {
    services,
    close: async () => {
      publishing.dispose();
      await services.dispose();
      hub.dispose();
    },
  };
  const savedEnv = (name: string): unknown =>
    (JSON.parse(settingsText()) as { mcpServers: Record<string, { env: unknown }> }).mcpServers[
      name
    ]?.env;
  const settingsText = () =>
    existsSync(join(dataDir, 'settings.json')) && !options.unwritable
      ? readFileSync(join(dataDir, 'settings.json'), 'utf8')
      : '';
  /** Everything that left main: answers, events, and the settings file. */
  const everything = () => JSON.stringify([payloads, events]) + settingsText();
  return { services, secrets, call, events, savedEnv, everything, dataDir, confirmations };
}

const form = (fields: object = {}) => ({
  name: 'github',
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-github'],
  env: [
    { key: 'GITHUB_PERSONAL_ACCESS_TOKEN', value: TOKEN, isSecret: true },
    { key: 'LOG_LEVEL', value: 'debug', isSecret: false },
  ],
  enabled: false,
  trusted: false,
  ...fields,
});

describe('servers:save / get / remove with secrets', () => {
  it('moves a secret to the keychain, keeps only the placeholder in settings, and never sends it back', async () => {
    const app = await start();
    expect(await app.call('servers:save', form())).toEqual({ ok: true, value: { name: 'github' } });
    expect(app.secrets.values.get('server/github/GITHUB_PERSONAL_ACCESS_TOKEN')).toBe(TOKEN);
    expect(app.savedEnv('github')).toEqual({
      GITHUB_PERSONAL_ACCESS_TOKEN: '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}',
      LOG_LEVEL: 'debug',
    });

    const got = await app.call('servers:get', { name: 'github' });
    expect(got).toMatchObject({
      ok: true,
      value: {
        name: 'github',
        effectiveDustName: 'github',
        env: [
          { key: 'GITHUB_PERSONAL_ACCESS_TOKEN', isSecret: true, masked: 'ghp_…6789' },
          { key: 'LOG_LEVEL', value: 'debug', isSecret: false },
        ],
      },
    });
    expect(app.events.some((event) => event.channel === 'servers:changed')).toBe(true);
    expect(app.everything()).not.toContain(TOKEN);
  });

  it('exports the servers as mcpServers JSON with the secret as its placeholder, listed to fill in', async () => {
    const app = await start();
    await app.call('servers:save', form());
    const exported = await app.call('import:export');
    expect(exported).toMatchObject({
      ok: true,
      value: {
        serverCount: 1,
        toFill: [{ server: 'github', key: 'GITHUB_PERSONAL_ACCESS_TOKEN' }],
      },
    });
    if (exported.ok) {
      expect(JSON.parse(exported.value.json)).toEqual({
        mcpServers: {
          github: {
            command: 'npx',
            args: ['-y', '@modelcontextprotocol/server-github'],
            env: {
              GITHUB_PERSONAL_ACCESS_TOKEN: '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}',
              LOG_LEVEL: 'debug',
            },
          },
        },
      });
    }
    expect(app.everything()).not.toContain(TOKEN);
  });

  it('keeps a secret sent without a value, replaces one sent with a value, and deletes one left out', async () => {
    const app = await start();
    await app.call(
      'servers:save',
      form({ env: [...form().env, { key: 'API_KEY', value: OTHER, isSecret: true }] }),
    );
    const edit = form({
      originalName: 'github',
      env: [
        { key: 'GITHUB_PERSONAL_ACCESS_TOKEN', isSecret: true },
        { key: 'LOG_LEVEL', value: 'info', isSecret: false },
      ],
    });
    expect(await app.call('servers:save', edit)).toMatchObject({ ok: true });
    expect(app.secrets.values.get('server/github/GITHUB_PERSONAL_ACCESS_TOKEN')).toBe(TOKEN);
    expect(app.secrets.values.has('server/github/API_KEY')).toBe(false);
    const replaced = form({
      originalName: 'github',
      env: [{ key: 'GITHUB_PERSONAL_ACCESS_TOKEN', value: OTHER, isSecret: true }],
    });
    await app.call('servers:save', replaced);
    expect(app.secrets.values.get('server/github/GITHUB_PERSONAL_ACCESS_TOKEN')).toBe(OTHER);
    expect(app.everything()).not.toContain(TOKEN);
    expect(app.everything()).not.toContain(OTHER);
  });

  it('renames a server: its secrets and rules move, the old keychain entries go', async () => {
    const app = await start();
    await app.call('servers:save', form());
    await app.call('rules:set', { server: 'github', tool: 'list_*', action: 'allow' });
    const renamed = await app.call(
      'servers:save',
      form({
        originalName: 'github',
        name: 'gh-work',
        env: [{ key: 'GITHUB_PERSONAL_ACCESS_TOKEN', isSecret: true }],
      }),
    );
    expect(renamed).toEqual({ ok: true, value: { name: 'gh-work' } });
    expect([...app.secrets.values.keys()]).toEqual(['server/gh-work/GITHUB_PERSONAL_ACCESS_TOKEN']);
    expect(app.secrets.values.get('server/gh-work/GITHUB_PERSONAL_ACCESS_TOKEN')).toBe(TOKEN);
    expect(Object.keys(app.services.settings.settings.mcpServers)).toEqual(['gh-work']);
    expect(await app.call('rules:list')).toEqual({
      ok: true,
      value: [{ server: 'gh-work', tool: 'list_*', action: 'allow', source: 'user' }],
    });
  });

  it('removes a server with its keychain secrets and rules', async () => {
    const app = await start();
    await app.call('servers:save', form());
    await app.call('rules:set', { server: 'github', tool: 'delete_repo', action: 'deny' });
    expect(await app.call('servers:remove', { name: 'github' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(app.secrets.values.size).toBe(0);
    expect(app.services.settings.settings.mcpServers).toEqual({});
    expect(app.services.settings.settings.rules).toEqual([]);
    expect(await app.call('servers:get', { name: 'github' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('answers bad input in words with the field path', async () => {
    const app = await start();
    await app.call('servers:save', form());
    const cases: Array<[object, string]> = [
      [
        form({
          name: 'other',
          env: [
            { key: 'A', value: '1', isSecret: false },
            { key: 'A', value: '2', isSecret: false },
          ],
        }),
        'env.1.key: "A" is already set in env.0',
      ],
      [
        form({ name: 'other', env: [{ key: 'TOKEN', isSecret: true }] }),
        'env.0.value: enter the secret',
      ],
      [
        form({ name: 'other', dustName: 'gh' }),
        'dustName: "gh" is 2 characters; Dust needs 5 to 30',
      ],
      [form({ name: ' padded' }), 'name: the name starts or ends with spaces'],
      [form(), 'name: a server named "github" already exists'],
      [form({ name: 'other', command: 7 }), 'command: '],
    ];
    for (const [input, words] of cases) {
      const result = await app.call('servers:save', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      if (!result.ok) expect(result.error.message).toContain(words);
    }
    expect(Object.keys(app.services.settings.settings.mcpServers)).toEqual(['github']);
  });
});

describe('servers:save when settings cannot be saved', () => {
  it('answers in words and leaves the keychain as it was', async () => {
    const app = await start({ unwritable: true });
    const result = await app.call('servers:save', form());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringContaining('Settings were not saved') },
    });
    expect(app.secrets.values.size).toBe(0);
    expect(app.everything()).not.toContain(TOKEN);
  });
});

describe('servers:test', () => {
  it('lists the tools of server-everything, from the form, without saving it', async () => {
    const app = await start();
    const spec = everythingSpec();
    const result = await app.call('servers:test', {
      kind: 'form',
      server: form({ name: 'everything', command: spec.command, args: spec.args, env: [] }),
    });
    expect(result).toMatchObject({
      ok: true,
      value: { ok: true, serverInfo: { name: expect.stringMatching(/everything/) } },
    });
    if (result.ok) expect(result.value.tools.map((tool) => tool.name)).toContain('echo');
    expect(app.services.settings.settings.mcpServers).toEqual({});
  }, 30_000);

  it('explains a command that cannot start, and masks the secret a crashing server prints', async () => {
    const app = await start();
    const ghost = await app.call('servers:test', {
      kind: 'form',
      server: form({ name: 'ghost', command: '/nonexistent/dust-tray-server', env: [] }),
    });
    expect(ghost).toMatchObject({
      ok: true,
      value: { ok: false, tools: [], problem: expect.stringContaining('"ghost" could not start') },
    });

    const leaky = form({
      name: 'leaky',
      command: process.execPath,
      args: ['-e', 'console.error("using " + process.env.API_KEY); process.exit(3)'],
      env: [{ key: 'API_KEY', value: OTHER, isSecret: true }],
    });
    await app.call('servers:save', leaky);
    const result = await app.call('servers:test', { kind: 'saved', name: 'leaky' });
    expect(result).toMatchObject({
      ok: true,
      value: { ok: false, problem: expect.stringContaining('exited with code 3') },
    });
    if (result.ok) expect(result.value.stderrTail).toEqual(['using sk-…stuv']);
    expect(app.everything()).not.toContain(OTHER);
  }, 30_000);
});

describe('import from Claude Desktop', () => {
  const claudeConfig = JSON.stringify({
    mcpServers: {
      github: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-github'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN },
      },
      fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
    },
    globalShortcut: 'Ctrl+Space',
  });

  it('finds the config on this machine, previews the secret masked, and moves it to the keychain on apply', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dust-tray-home-'));
    const claudeDir = join(home, '.config', 'Claude');
    mkdirSync(claudeDir, { recursive: true });
    const path = join(claudeDir, 'claude_desktop_config.json');
    writeFileSync(path, claudeConfig);
    const app = await start({ home });

    expect(await app.call('import:locations')).toEqual({
      ok: true,
      value: [
        { source: 'claude-desktop', label: 'Claude Desktop', path, sizeBytes: claudeConfig.length },
      ],
    });
    const preview = await app.call('import:preview', { source: 'claude-desktop', path });
    expect(preview).toMatchObject({
      ok: true,
      value: {
        planId: expect.any(String),
        servers: [
          {
            name: 'github',
            envKeys: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
            secretsFound: [{ envKey: 'GITHUB_PERSONAL_ACCESS_TOKEN', reason: expect.any(String) }],
          },
          { name: 'fs', dustName: 'fs-mcp', secretsFound: [] },
        ],
      },
    });
    if (!preview.ok) return;
    const applied = await app.call('import:apply', { planId: preview.value.planId, choices: {} });
    expect(applied).toEqual({
      ok: true,
      value: {
        imported: ['github', 'fs'],
        skipped: [],
        movedSecrets: [{ server: 'github', envKey: 'GITHUB_PERSONAL_ACCESS_TOKEN' }],
        unfilled: [],
      },
    });
    expect(app.secrets.values.get('server/github/GITHUB_PERSONAL_ACCESS_TOKEN')).toBe(TOKEN);
    expect(app.savedEnv('github')).toEqual({
      GITHUB_PERSONAL_ACCESS_TOKEN: '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}',
    });
    expect(app.everything()).not.toContain(TOKEN);
    // A plan is applied once; the raw values it held are gone.
    expect(
      await app.call('import:apply', { planId: preview.value.planId, choices: {} }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('previews pasted text, refuses paths it did not list, and explains a broken file', async () => {
    const app = await start({ home: mkdtempSync(join(tmpdir(), 'dust-tray-home-')) });
    expect(
      await app.call('import:preview', { source: 'claude-desktop', text: claudeConfig }),
    ).toMatchObject({ ok: true, value: { servers: [{ name: 'github' }, { name: 'fs' }] } });
    expect(
      await app.call('import:preview', { source: 'claude-desktop', path: '/etc/passwd' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringContaining('path: only the files listed') },
    });
    expect(
      await app.call('import:preview', { source: 'claude-desktop', text: '{"mcpServers": ' }),
    ).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await app.call('import:preview', { source: 'claude-desktop' })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringContaining('text: give exactly one') },
    });
    expect(app.everything()).not.toContain(TOKEN);
  });
});

describe('rules', () => {
  it('sets, replaces and removes a per-tool rule, publishing rules:changed', async () => {
    const app = await start({
      settings: { mcpServers: { everything: { command: 'node', enabled: false } } },
    });
    await app.call('rules:set', { server: 'everything', tool: 'echo', action: 'allow' });
    await app.call('rules:set', { server: 'everything', tool: 'echo', action: 'deny' });
    expect(await app.call('rules:list')).toEqual({
      ok: true,
      value: [{ server: 'everything', tool: 'echo', action: 'deny', source: 'user' }],
    });
    expect(app.events.filter((event) => event.channel === 'rules:changed')).toHaveLength(2);
    expect(
      await app.call('rules:set', { server: 'nobody', tool: 'x', action: 'allow' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      await app.call('rules:set', { server: 'everything', tool: 'x', action: 'maybe' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringContaining('action: ') },
    });
    await app.call('rules:remove', { server: 'everything', tool: 'echo' });
    expect(app.services.settings.settings.rules).toEqual([]);
    expect(await app.call('rules:remove', { server: 'everything', tool: 'echo' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
