import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { resolvePlaceholders } from '../secrets/placeholders.js';
import { remoteIdentity } from '../settings/entry-parts.js';
import { defaultSettings, isRemoteEntry, remoteServerEntry } from '../settings/schema.js';
import { resolveServerSpec } from '../settings/server-spec.js';
import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import { exportMcpServers } from './export-servers.js';
import { applyImport } from './import-apply.js';
import { previewImport } from './import-preview.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function plan(text: string, source: Parameters<typeof previewImport>[1]) {
  const result = previewImport(text, source, defaultSettings());
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

describe('importing remote servers', () => {
  it('Claude Desktop: keeps http and sse entries, moves the bearer token to the keychain, refuses plain http off this machine and WebSocket', async () => {
    const p = plan(fixture('claude_desktop_remote.json'), 'claude-desktop');
    expect(p.preview.servers.map((s) => s.name)).toEqual([
      'intranet-wiki',
      'dev-tools',
      'via-mcp-remote',
    ]);
    expect(p.preview.skipped).toEqual([
      {
        name: 'plain-http-intranet',
        reason:
          'mcpServers.plain-http-intranet.url: must be an https:// URL (plain http:// is allowed only to this machine: localhost, 127.0.0.1, [::1])',
      },
      {
        name: 'socket',
        reason:
          "mcpServers.socket.type: the WebSocket transport is not supported; use the server's Streamable HTTP URL",
      },
    ]);
    const wiki = p.preview.servers[0]!;
    expect(wiki).toMatchObject({
      command: 'https://wiki.corp.example/mcp',
      args: [],
      envKeys: ['Authorization', 'X-Team'],
      remote: { host: 'wiki.corp.example', transport: 'http' },
    });
    expect(wiki.secretsFound.map((s) => s.envKey)).toEqual(['Authorization']);
    expect(JSON.stringify(p.preview)).not.toContain('wiki_FAKE');

    const store = new InMemorySecretStore();
    const result = await applyImport(p, {}, store, defaultSettings());
    const entry = result.settings.mcpServers['intranet-wiki'];
    expect(entry).toEqual({
      type: 'http',
      url: 'https://wiki.corp.example/mcp',
      headers: { Authorization: '${secret:Authorization}', 'X-Team': 'platform' },
      enabled: true,
      trusted: false,
    });
    expect(result.settings.mcpServers['dev-tools']).toEqual({
      type: 'sse',
      url: 'http://localhost:8931/sse',
      headers: {},
      enabled: true,
      trusted: false,
    });
    expect(JSON.stringify(result.settings)).not.toContain('wiki_FAKE');
    expect(store.values.get('server/intranet-wiki/Authorization')).toBe(
      'Bearer wiki_FAKEFAKEFAKEFAKEFAKE0000',
    );
    await expect(resolveServerSpec('intranet-wiki', entry!, store)).resolves.toEqual({
      url: 'https://wiki.corp.example/mcp',
      transport: 'auto',
      headers: { Authorization: 'Bearer wiki_FAKEFAKEFAKEFAKEFAKE0000', 'X-Team': 'platform' },
      secrets: ['Bearer wiki_FAKEFAKEFAKEFAKEFAKE0000'],
    });
  });

  it('Cursor: an API key header goes to the keychain; the url-only form connects automatically', async () => {
    const store = new InMemorySecretStore();
    const result = await applyImport(
      plan(fixture('cursor-mcp.json'), 'cursor'),
      {},
      store,
      defaultSettings(),
    );
    expect(result.settings.mcpServers['linear']).toEqual({
      url: 'https://mcp.linear.app/sse',
      headers: {},
      enabled: true,
      trusted: false,
    });
    expect(result.settings.mcpServers['context7']).toEqual({
      type: 'http',
      url: 'https://mcp.context7.com/mcp',
      headers: { CONTEXT7_API_KEY: '${secret:CONTEXT7_API_KEY}' },
      enabled: true,
      trusted: false,
    });
    expect(store.values.get('server/context7/CONTEXT7_API_KEY')).toBe('ctx7sk-FAKEFAKE');
    expect(JSON.stringify(result.settings)).not.toContain('ctx7sk');
  });

  it('VS Code: an ${input:…} in a header becomes a secret to fill', async () => {
    const text = JSON.stringify({
      inputs: [
        { id: 'wiki-token', type: 'promptString', description: 'Wiki token', password: true },
      ],
      servers: {
        wiki: {
          type: 'http',
          url: 'https://wiki.corp.example/mcp',
          headers: { Authorization: 'Bearer ${input:wiki-token}' },
        },
      },
    });
    const p = plan(text, 'vscode');
    expect(p.preview.servers[0]?.secretsToFill).toEqual([
      {
        envKey: 'Authorization',
        secretName: 'wiki-token',
        reason: 'VS Code asks for "Wiki token" as a password when it starts the server',
      },
    ]);
    const store = new InMemorySecretStore();
    const result = await applyImport(
      p,
      { fillSecrets: { wiki: { 'wiki-token': 'tok-987654' } } },
      store,
      defaultSettings(),
    );
    const entry = result.settings.mcpServers['wiki'];
    expect(entry && isRemoteEntry(entry) && entry.headers).toEqual({
      Authorization: 'Bearer ${secret:wiki-token}',
    });
    expect(
      await resolvePlaceholders(entry && isRemoteEntry(entry) ? entry.headers : {}, store, 'wiki'),
    ).toEqual({ Authorization: 'Bearer tok-987654' });
  });

  it('export writes remote servers back in the type + url form, placeholders listed to fill, and our importer reads them again', () => {
    const settings = {
      ...defaultSettings(),
      mcpServers: {
        wiki: remoteServerEntry({
          url: 'https://wiki.corp.example/mcp',
          headers: { Authorization: 'Bearer ${secret:TOKEN}' },
        }),
        dev: remoteServerEntry({ type: 'sse', url: 'http://localhost:8931/sse' }),
      },
    };
    const exported = exportMcpServers(settings);
    expect(JSON.parse(exported.json)).toEqual({
      mcpServers: {
        wiki: {
          type: 'http',
          url: 'https://wiki.corp.example/mcp',
          headers: { Authorization: 'Bearer ${secret:TOKEN}' },
        },
        dev: { type: 'sse', url: 'http://localhost:8931/sse' },
      },
    });
    expect(exported.toFill).toEqual([
      { server: 'wiki', key: 'Authorization', placeholder: '${secret:TOKEN}' },
    ]);
    const again = plan(exported.json, 'claude-desktop');
    expect(again.servers.map((s) => [s.name, s.remote, s.env])).toEqual([
      [
        'wiki',
        { url: 'https://wiki.corp.example/mcp', type: 'http' },
        { Authorization: 'Bearer ${secret:TOKEN}' },
      ],
      ['dev', { url: 'http://localhost:8931/sse', type: 'sse' }, {}],
    ]);
    expect(remoteIdentity('https://wiki.corp.example/mcp')).toBe(again.preview.servers[0]?.command);
  });
});
