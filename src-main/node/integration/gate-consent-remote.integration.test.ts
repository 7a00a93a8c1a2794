import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { Confirmation } from '../../app/consent/confirmation.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorSession } from './kits/emulator-session.js';
import { useGuardedRemote } from './kits/guarded-remote.js';
import { firstCardWords } from './kits/window-calls.js';

/**
 * The trust prompt for remote servers: a remote server's URL is what runs, so main asks the person
 * before the first connection to a new or changed URL (host shown on its own, header names, never a
 * value), exactly like a new command line. Each test plays a compromised window calling the IPC
 * router; a "no" means no connection was made: the adapter was never asked and the server behind
 * the proxy saw no request.
 */
const TOKEN = 'wiki-gate-token-3b9e1c7a52';

const env = useEmulatorSession();
const proxy = useGuardedRemote(env, TOKEN);

const remoteForm = (url: string, fields: Record<string, unknown> = {}) => ({
  name: 'wiki',
  command: '',
  args: [],
  remote: { url, transport: 'http' },
  env: [
    { key: 'Authorization', value: `Bearer ${TOKEN}`, isSecret: true },
    { key: 'X-Team', value: 'platform', isSecret: false },
  ],
  enabled: false,
  trusted: false,
  ...fields,
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 600));
const host = () => new URL(proxy().url('/')).host;

describe('a remote URL connects only once the person allowed it', () => {
  it('test, save and enable: a refusal connects to nothing, saves nothing, and the question shows the host, URL and header names only', async () => {
    const session = await env.start({ servers: {}, confirmations: 'refuse' });
    const url = `${proxy().url('/mcp')}?tenant=acme`;
    expect(await session.invoke('servers:test', { kind: 'form', server: remoteForm(url) })).toEqual(
      {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'You did not allow it, so nothing was started or tested.',
        },
      },
    );
    expect(await session.invoke('servers:save', remoteForm(url, { enabled: true }))).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'You did not allow it, so nothing was saved or started.',
      },
    });
    await settle();
    expect(session.connected).toEqual([]);
    expect(proxy().seenAuthorization).toEqual([]);
    expect(JSON.parse(readFileSync(join(session.dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      mcpServers: {},
    });
    expect(await session.secrets.get('server/wiki/Authorization')).toBeNull();

    const [question] = session.confirmations.asked as [Confirmation];
    expect(question).toMatchObject({
      action: 'test',
      title: 'Connect to a remote server?',
      message: `Allow "wiki" to connect to ${host()}?`,
      confirmLabel: 'Allow and connect',
    });
    expect(question.items).toEqual([
      {
        kind: 'run',
        server: 'wiki',
        line: {
          kind: 'remote',
          host: host(),
          url: proxy().url('/mcp'),
          transport: 'http',
          headerNames: ['Authorization', 'X-Team'],
        },
      },
    ]);
    expect(question.detail).toContain(
      `Host: ${host()}\nURL: ${proxy().url('/mcp')}\nTransport: Streamable HTTP\nSends headers: Authorization, X-Team`,
    );
    expect(JSON.stringify(session.confirmations.asked)).not.toMatch(
      new RegExp(`${TOKEN}|platform|tenant`),
    );
  });

  it('asks once per URL (origin + path): a changed query string asks nothing, another path or header name asks again', async () => {
    const session = await env.start({ servers: {} });
    const test = (url: string, fields: Record<string, unknown> = {}) =>
      session.invoke('servers:test', { kind: 'form', server: remoteForm(url, fields) });
    expect(await test(proxy().url('/mcp'))).toMatchObject({ ok: true, value: { ok: true } });
    expect(await test(`${proxy().url('/mcp')}?v=2`)).toMatchObject({
      ok: true,
      value: { ok: true },
    });
    expect(session.confirmations.asked).toHaveLength(1);
    await test(proxy().url('/other'));
    expect(session.confirmations.asked).toHaveLength(2);
    await test(proxy().url('/mcp'), {
      env: [
        { key: 'Authorization', value: `Bearer ${TOKEN}`, isSecret: true },
        { key: 'X-Extra', value: 'x', isSecret: false },
      ],
    });
    expect(session.confirmations.asked).toHaveLength(3);
  });

  it('a remote server in the settings that nobody confirmed is asked for in the background; refused, it connects to nothing and is not registered with Dust', async () => {
    const session = await env.start({
      servers: { wiki: { url: proxy().url('/mcp') } },
      confirmations: 'refuse',
    });
    await waitFor('the question', () => session.confirmations.asked[0]);
    expect(session.confirmations.asked[0]).toMatchObject({
      action: 'start',
      title: 'Connect to a remote server?',
      items: [{ kind: 'run', server: 'wiki', line: { kind: 'remote', host: host() } }],
    });
    expect(session.confirmations.asked[0]?.detail).toContain(
      'this URL was never confirmed on this computer',
    );
    const words = await firstCardWords(session, 'you did not allow');
    expect(words).toBe(
      `Not started: you did not allow the connection to ${host()}. Turn the server off and on to be asked again.`,
    );
    await settle();
    expect(session.connected).toEqual([]);
    expect(proxy().seenAuthorization).toEqual([]);
    expect(env.emulator.mcp.registrations()).toEqual([]);
  });

  it("hands a saved server's header secret only to its exact saved URL", async () => {
    const session = await env.start({ servers: {} });
    expect(await session.invoke('servers:save', remoteForm(proxy().url('/mcp')))).toEqual({
      ok: true,
      value: { name: 'wiki' },
    });
    const kept = (url: string) =>
      remoteForm(url, {
        originalName: 'wiki',
        env: [
          { key: 'Authorization', isSecret: true },
          { key: 'X-Team', value: 'platform', isSecret: false },
        ],
      });
    // Same origin and path, another query string: the person need not be asked, but the stored
    // token does not go.
    const elsewhere = await session.invoke('servers:test', {
      kind: 'form',
      server: kept(`${proxy().url('/mcp')}?route=attacker`),
    });
    expect(elsewhere).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message: expect.stringContaining('are given only to its saved URL'),
      },
    });
    const otherHost = await session.invoke('servers:test', {
      kind: 'form',
      server: kept(proxy().url('/mcp').replace('127.0.0.1', 'localhost')),
    });
    expect(otherHost).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message: expect.stringContaining('are given only to its saved URL'),
      },
    });
    expect(proxy().seenAuthorization).toEqual([]);

    // The exact saved URL still gets its token.
    expect(
      await session.invoke('servers:test', { kind: 'form', server: kept(proxy().url('/mcp')) }),
    ).toMatchObject({ ok: true, value: { ok: true } });
    expect(proxy().seenAuthorization.length).toBeGreaterThan(0);
    expect(proxy().seenAuthorization.every((value) => value === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('import: a refused remote entry imports nothing and connects to nothing', async () => {
    const session = await env.start({ servers: {}, confirmations: 'refuse' });
    const config = {
      mcpServers: {
        wiki: { url: proxy().url('/mcp'), headers: { Authorization: `Bearer ${TOKEN}` } },
      },
    };
    const preview = (await session.invoke('import:preview', {
      source: 'cursor',
      text: JSON.stringify(config),
    })) as { ok: true; value: { planId: string } };
    expect(preview.ok).toBe(true);
    expect(
      await session.invoke('import:apply', { planId: preview.value.planId, choices: {} }),
    ).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'You did not allow it, so nothing was imported.' },
    });
    expect(session.confirmations.asked[0]?.items).toMatchObject([
      {
        kind: 'run',
        server: 'wiki',
        line: { kind: 'remote', host: host(), headerNames: ['Authorization'] },
      },
    ]);
    await settle();
    expect(session.connected).toEqual([]);
    expect(proxy().seenAuthorization).toEqual([]);
    expect(JSON.parse(readFileSync(join(session.dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      mcpServers: {},
    });
    expect(await session.secrets.get('server/wiki/Authorization')).toBeNull();
  });
});
