/**
 * The server form's "Remote (URL)" mode through the real router and services: save with a
 * secret header (to the keychain, a placeholder in settings), read it back masked, "Test" the
 * form as typed against server-everything over Streamable HTTP, and the refusals in words.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { ScriptedConfirmer } from '../../app/consent/scripted-confirmer.js';
import { createEventHub, type HubEvent } from '../../app/event-hub.js';
import { createHandlers } from '../../app/handlers.js';
import { createIpcRouter } from '../../app/ipc-router.js';
import { type AppServices, createAppServices } from '../../app/services/create-services.js';
import { publishServiceEvents } from '../../app/services/publish-events.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { createNodePorts } from '../create-node-ports.js';
import { EventSourceStreams } from '../eventsource-streams.js';
import { type AuthProxy, startAuthProxy } from '../test-fixtures/auth-proxy.js';
import {
  type RemoteEverything,
  startRemoteEverything,
} from '../test-fixtures/remote-everything.js';

const TOKEN = 'wiki-form-token-5d2c8a1b7e';
let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

async function start() {
  const dataDir = mkdtempSync(join(tmpdir(), 'dust-tray-remote-form-'));
  const secrets = new InMemorySecretStore();
  /** The person at main's dialogs (says yes unless a test scripts otherwise). */
  const confirmations = new ScriptedConfirmer();
  const services: AppServices = await createAppServices(
    {
      ...createNodePorts(),
      secrets,
      streams: new EventSourceStreams(),
      logger: { log: () => undefined },
      urls: { open: () => Promise.resolve() },
      confirm: confirmations,
    },
    { dataDir, appVersion: '0.0.0-test', testHandshakeTimeoutMs: 20_000 },
  );
  const hub = createEventHub();
  const events: HubEvent[] = [];
  hub.subscribe((event) => events.push(event));
  const publishing = publishServiceEvents(services, hub);
  const router = createIpcRouter(
    createHandlers({ appInfo: { name: 'test', version: '0' }, services: { app: services, hub } }),
  );
  const payloads: unknown[] = [];
  const call = async (channel: string, input?: unknown) => {
    const result = await router.dispatch(channel, input);
    payloads.push(result);
    return result;
  };
  closers.push(async () => {
    publishing.dispose();
    await services.dispose();
    hub.dispose();
  });
  const settings = () =>
    JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
      mcpServers: Record<string, unknown>;
    };
  return {
    secrets,
    call,
    settings,
    confirmations,
    everything: () =>
      JSON.stringify([payloads, events]) + readFileSync(join(dataDir, 'settings.json'), 'utf8'),
  };
}

async function guardedServer(): Promise<{ remote: RemoteEverything; proxy: AuthProxy }> {
  const remote = await startRemoteEverything('streamableHttp');
  const proxy = await startAuthProxy(remote, TOKEN);
  closers.push(
    () => remote.stop(),
    () => proxy.close(),
  );
  return { remote, proxy };
}

const remoteForm = (url: string, fields: object = {}) => ({
  name: 'wiki',
  command: '',
  args: [],
  remote: { url, transport: 'http' },
  env: [
    { key: 'Authorization', value: `Bearer ${TOKEN}`, isSecret: false },
    { key: 'X-Team', value: 'platform', isSecret: false },
  ],
  enabled: false,
  trusted: false,
  ...fields,
});

describe('server form: Remote (URL)', () => {
  it('Test connects with the typed headers; Save keeps the token in the keychain; Get shows it masked', async () => {
    const { proxy } = await guardedServer();
    const app = await start();
    const tested = await app.call('servers:test', {
      kind: 'form',
      server: remoteForm(proxy.url('/mcp')),
    });
    expect(tested).toMatchObject({
      ok: true,
      value: { ok: true, serverInfo: { name: expect.any(String) } },
    });
    expect(
      (tested as { value: { tools: Array<{ name: string }> } }).value.tools.map(
        (tool) => tool.name,
      ),
    ).toContain('echo');

    // An Authorization header is a secret even when the window did not say so.
    expect(await app.call('servers:save', remoteForm(proxy.url('/mcp')))).toEqual({
      ok: true,
      value: { name: 'wiki' },
    });
    expect(app.settings().mcpServers['wiki']).toEqual({
      type: 'http',
      url: proxy.url('/mcp'),
      headers: { Authorization: '${secret:Authorization}', 'X-Team': 'platform' },
      enabled: false,
      trusted: false,
    });
    expect(await app.secrets.get('server/wiki/Authorization')).toBe(`Bearer ${TOKEN}`);
    const got = await app.call('servers:get', { name: 'wiki' });
    expect(got).toMatchObject({
      ok: true,
      value: {
        name: 'wiki',
        command: '',
        remote: { url: proxy.url('/mcp'), transport: 'http' },
        env: [
          { key: 'Authorization', isSecret: true },
          { key: 'X-Team', value: 'platform', isSecret: false },
        ],
      },
    });

    // Testing the saved server, and the form sent back with the secret unchanged (no value), both
    // use the keychain.
    await expect(app.call('servers:test', { kind: 'saved', name: 'wiki' })).resolves.toMatchObject({
      ok: true,
      value: { ok: true },
    });
    const kept = remoteForm(proxy.url('/mcp'), {
      originalName: 'wiki',
      env: [
        { key: 'Authorization', isSecret: true },
        { key: 'X-Team', value: 'platform', isSecret: false },
      ],
    });
    await expect(app.call('servers:test', { kind: 'form', server: kept })).resolves.toMatchObject({
      ok: true,
      value: { ok: true },
    });
    expect(proxy.seenAuthorization.every((value) => value === `Bearer ${TOKEN}`)).toBe(true);
    expect(app.everything()).not.toContain(TOKEN);
  });

  it('says why in words: a wrong token, plain http off this machine, a bad header name', async () => {
    const { proxy } = await guardedServer();
    const app = await start();
    const wrong = await app.call('servers:test', {
      kind: 'form',
      server: remoteForm(proxy.url('/mcp'), {
        env: [{ key: 'Authorization', value: 'Bearer nope-000000', isSecret: true }],
      }),
    });
    expect(wrong).toMatchObject({
      ok: true,
      value: {
        ok: false,
        problem: expect.stringMatching(
          /^The remote server "wiki" needs sign-in: it answered 401 with an authorization challenge/,
        ),
      },
    });
    expect(JSON.stringify(wrong)).not.toContain('nope-000000');
    await expect(
      app.call('servers:save', remoteForm('http://wiki.corp.example/mcp')),
    ).resolves.toEqual({
      ok: false,
      error: {
        code: 'bad_input',
        message:
          'remote.url: must be an https:// URL (plain http:// is allowed only to this machine: localhost, 127.0.0.1, [::1])',
      },
    });
    await expect(
      app.call(
        'servers:save',
        remoteForm(proxy.url('/mcp'), {
          env: [{ key: 'Bad Header', value: 'x', isSecret: false }],
        }),
      ),
    ).resolves.toMatchObject({
      ok: false,
      error: { message: 'env.0.key: "Bad Header" is not a valid HTTP header name' },
    });
    await expect(
      app.call('servers:save', { ...remoteForm(proxy.url('/mcp')), remote: undefined }),
    ).resolves.toMatchObject({ ok: false, error: { message: 'command: must not be empty' } });
  });
});
