import { describe, expect, it } from 'vitest';

import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import {
  describeRemoteForConfirmation,
  launchIdentity,
  remoteIdentity,
  secretBearingValues,
} from './entry-parts.js';
import { parseSettingsText } from './parse-settings.js';
import { checkRemoteUrl, isLoopbackHost, remoteServerEntry } from './remote-entry.js';
import { isRemoteEntry, serverEntry } from './schema.js';
import { resolveServerSpec } from './server-spec.js';

function parse(servers: unknown) {
  return parseSettingsText(JSON.stringify({ mcpServers: servers }));
}

describe('remote server entries in settings', () => {
  it("reads Cursor's form (url only) and VS Code's form (type + url)", () => {
    const result = parse({
      cursor: { url: 'https://mcp.acme.com/mcp' },
      vscode: {
        type: 'http',
        url: 'https://mcp.acme.com/mcp',
        headers: { Authorization: 'Bearer ${secret:TOKEN}' },
      },
      legacy: { type: 'sse', url: 'http://localhost:3001/sse' },
      local: { command: 'npx', args: ['-y', 'x'] },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { cursor, vscode, legacy, local } = result.settings.mcpServers;
    expect(cursor).toEqual({
      url: 'https://mcp.acme.com/mcp',
      headers: {},
      enabled: true,
      trusted: false,
    });
    expect(vscode && isRemoteEntry(vscode) && vscode.headers).toEqual({
      Authorization: 'Bearer ${secret:TOKEN}',
    });
    expect(legacy && isRemoteEntry(legacy) && legacy.type).toBe('sse');
    expect(local && isRemoteEntry(local)).toBe(false);
  });

  it.each([
    ['http://mcp.acme.com/mcp', /plain http:\/\/ is allowed only to this machine/],
    ['http://10.0.0.5:8080/mcp', /plain http:\/\/ is allowed only to this machine/],
    ['ftp://mcp.acme.com/', /must be an https:\/\/ URL/],
    ['mcp.acme.com/mcp', /must be a full URL/],
    ['https://ada:secret@mcp.acme.com/mcp', /must not contain a user name or password/],
  ])('refuses %s', (url, message) => {
    const result = parse({ wiki: { url } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(message);
    if (!result.ok) expect(result.problem).toContain('mcpServers.wiki.url');
  });

  it.each([
    'http://localhost:3001/mcp',
    'http://127.0.0.1:3001/mcp',
    'http://[::1]:3001/mcp',
    'https://10.0.0.5/mcp',
  ])('accepts %s', (url) => {
    expect(checkRemoteUrl(url)).toBeUndefined();
  });

  it('knows loopback hosts', () => {
    expect(
      ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'app.localhost'].every(isLoopbackHost),
    ).toBe(true);
    expect(
      ['10.0.0.1', 'localhost.acme.com', '128.0.0.1', 'example.com'].some(isLoopbackHost),
    ).toBe(false);
  });

  it('refuses a credential header written in clear, and header injection', () => {
    const clear = parse({
      wiki: { url: 'https://w.acme.com/mcp', headers: { Authorization: 'Bearer abc123' } },
    });
    expect(!clear.ok && clear.problem).toMatch(
      /mcpServers\.wiki\.headers\.Authorization: carries a credential: keep it in the system keychain/,
    );
    expect(!clear.ok && clear.problem).not.toContain('abc123');
    const apiKey = parse({
      wiki: { url: 'https://w.acme.com/mcp', headers: { 'X-API-Key': 'k' } },
    });
    expect(apiKey.ok).toBe(false);
    const injected = parse({
      wiki: { url: 'https://w.acme.com/mcp', headers: { 'X-Team': 'a\r\nX-Evil: 1' } },
    });
    expect(!injected.ok && injected.problem).toMatch(/must be one line/);
    const reserved = parse({
      wiki: { url: 'https://w.acme.com/mcp', headers: { 'Mcp-Session-Id': 'x' } },
    });
    expect(!reserved.ok && reserved.problem).toMatch(/set by the MCP transport itself/);
    expect(
      parse({ wiki: { url: 'https://w.acme.com/mcp', headers: { 'X-Team': 'platform' } } }).ok,
    ).toBe(true);
  });

  it('reports a typo against the shape that was meant', () => {
    const stdio = parse({ a: { comand: 'x' } });
    expect(!stdio.ok && stdio.details).toEqual([
      'mcpServers.a.command: Invalid input: expected string, received undefined',
      'mcpServers.a.comand: unknown key',
    ]);
    const remote = parse({ a: { url: 'https://x.acme.com/mcp', header: {} } });
    expect(!remote.ok && remote.details).toEqual(['mcpServers.a.header: unknown key']);
  });

  it('resolves header placeholders from the keychain at connect time only', async () => {
    const store = new InMemorySecretStore();
    await store.set('server/wiki/TOKEN', 'tok-123456');
    const entry = remoteServerEntry({
      url: 'https://w.acme.com/mcp?v=2',
      headers: { Authorization: 'Bearer ${secret:TOKEN}', 'X-Team': 'a' },
    });
    await expect(resolveServerSpec('wiki', entry, store)).resolves.toEqual({
      url: 'https://w.acme.com/mcp?v=2',
      transport: 'auto',
      headers: { Authorization: 'Bearer tok-123456', 'X-Team': 'a' },
      // The keychain value, for the supervisor's redaction point (never sent as such).
      secrets: ['tok-123456'],
    });
    await expect(resolveServerSpec('other', entry, store)).rejects.toThrow(
      /needs the secret \$\{secret:TOKEN\} \(for Authorization\)/,
    );
    expect(secretBearingValues(entry)).toBe(entry.headers);
  });

  it('binds identity to origin + path, never to query or user info', () => {
    expect(remoteIdentity('https://w.acme.com:8443/mcp?key=abc#x')).toBe(
      'https://w.acme.com:8443/mcp',
    );
    expect(launchIdentity(remoteServerEntry({ url: 'https://w.acme.com/mcp?v=1' }))).toEqual({
      command: 'https://w.acme.com/mcp',
      args: [],
    });
    expect(launchIdentity(serverEntry({ command: 'npx', args: ['-y', 'x'] }))).toEqual({
      command: 'npx',
      args: ['-y', 'x'],
    });
  });

  it('describes a remote server for the trust prompt with its host on its own and header names only', () => {
    const entry = remoteServerEntry({
      url: 'https://mcp.acme.com.evil.example/mcp?k=1',
      headers: { Authorization: 'Bearer ${secret:T}' },
    });
    const text = describeRemoteForConfirmation('wiki', entry);
    expect(text.host).toBe('mcp.acme.com.evil.example');
    expect(text.title).toBe('Connect to the remote server "wiki" at mcp.acme.com.evil.example?');
    expect(text.detail).toContain('Sends headers: Authorization');
    expect(text.detail).not.toContain('k=1');
  });
});
