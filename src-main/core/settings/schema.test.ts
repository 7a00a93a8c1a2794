import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import {
  checkDustName,
  deriveDustName,
  describeDustName,
  dustSlug,
  effectiveDustName,
  findDustNameCollisions,
} from './dust-name.js';
import { formatPath, parseSettingsText } from './parse-settings.js';
import { RemoteEntry } from './remote-entry.js';
import { defaultSettings, SettingsSchema, StdioEntrySchema } from './schema.js';

function problemOf(text: string): { kind: string; problem: string; details: string[] } {
  const result = parseSettingsText(text);
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('settings schema', () => {
  it('fills every default for an empty object', () => {
    expect(defaultSettings()).toEqual({
      version: 1,
      dust: { region: 'us' },
      mcpServers: {},
      rules: [],
      approvals: { defaultDeadlineSeconds: 150, notify: true },
      ui: { startAtLogin: false, theme: 'system', askShortcut: 'CommandOrControl+Shift+Space' },
    });
  });

  it('accepts a bare mcpServers file pasted from Claude Desktop and fills server defaults', () => {
    const result = parseSettingsText(
      JSON.stringify({
        mcpServers: { filesystem: { command: 'npx', args: ['-y', 'server-filesystem', '/tmp'] } },
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.mcpServers['filesystem']).toEqual({
      command: 'npx',
      args: ['-y', 'server-filesystem', '/tmp'],
      env: {},
      enabled: true,
      trusted: false,
    });
  });

  it('round-trips a full file unchanged', () => {
    const full = {
      version: 1,
      dust: { region: 'custom', customUrl: 'http://localhost:3000', workspaceId: 'w1' },
      mcpServers: {
        fs: {
          command: 'node',
          args: ['a.js'],
          env: { A: '${secret:A}' },
          cwd: '/tmp',
          enabled: false,
          trusted: true,
          dustName: 'fs-local',
        },
      },
      rules: [{ server: 'fs', tool: 'read_*', action: 'allow', source: 'user' }],
      approvals: { defaultDeadlineSeconds: 60, notify: false },
      ui: { startAtLogin: true, theme: 'dark', askShortcut: 'Control+Alt+K' },
    };
    const result = parseSettingsText(JSON.stringify(full));
    expect(result).toEqual({ ok: true, settings: full });
  });

  it.each([
    ['bad JSON', '{"mcpServers": {,}}', 'json', /not valid JSON.*line 1, column/],
    ['truncated JSON', '{"mcpServers": {"a": {"command": "x"', 'json', /not valid JSON/],
    ['an array', '[]', 'schema', /must contain a JSON object/],
    ['a newer version', '{"version": 2}', 'version', /version 2, written by a newer Dust MCP Tray/],
    ['a string version', '{"version": "1"}', 'version', /unknown settings version \("1"\)/],
    [
      'args of the wrong type',
      '{"mcpServers": {"git": {"command": "git", "args": ["a", 3]}}}',
      'schema',
      /mcpServers\.git\.args\[1\]: .*string/,
    ],
    [
      'an env number',
      '{"mcpServers": {"my server": {"command": "x", "env": {"PORT": 80}}}}',
      'schema',
      /mcpServers\["my server"\]\.env\.PORT/,
    ],
    [
      'an empty command',
      '{"mcpServers": {"git": {"command": "  "}}}',
      'schema',
      /mcpServers\.git\.command: must not be empty/,
    ],
    [
      'a typo in a server',
      '{"mcpServers": {"git": {"comand": "git"}}}',
      'schema',
      /mcpServers\.git\.comand: unknown key/,
    ],
    [
      'a short dustName',
      '{"mcpServers": {"git": {"command": "git", "dustName": "git"}}}',
      'schema',
      /mcpServers\.git\.dustName: is 3 characters; Dust needs 5 to 30/,
    ],
    [
      'custom region without URL',
      '{"dust": {"region": "custom"}}',
      'schema',
      /dust\.customUrl: is required when region is "custom"/,
    ],
    [
      'an http URL to a remote host',
      '{"dust": {"region": "custom", "customUrl": "http://dust.example.com"}}',
      'schema',
      /dust\.customUrl: must be an https/,
    ],
    [
      'a token in the dust section',
      '{"dust": {"accessToken": "eyJ..."}}',
      'schema',
      /dust\.accessToken: tokens are kept in the system keychain/,
    ],
    [
      'a deadline beyond Dust’s budget',
      '{"approvals": {"defaultDeadlineSeconds": 200}}',
      'schema',
      /approvals\.defaultDeadlineSeconds/,
    ],
    [
      'an unknown rule action',
      '{"rules": [{"server": "a", "tool": "*", "action": "maybe"}]}',
      'schema',
      /rules\[0\]\.action/,
    ],
    [
      'a padded server name',
      '{"mcpServers": {" a ": {"command": "x"}}}',
      'schema',
      /mcpServers\[" a "\]: server names must not start or end with spaces/,
    ],
    [
      'an empty server name',
      '{"mcpServers": {"": {"command": "x"}}}',
      'schema',
      /mcpServers\[""\]: server names must not be empty/,
    ],
    [
      'a "__proto__" server',
      '{"mcpServers": {"__proto__": {"command": "x"}}}',
      'schema',
      /server names must not be "__proto__"/,
    ],
    [
      'a top-level token',
      '{"token": "x"}',
      'schema',
      /^The file has a mistake: token: tokens are kept in the system keychain/,
    ],
    ['an unknown top-level key', '{"colour": "x"}', 'schema', /colour: unknown key/],
  ])('rejects %s with a path-bearing message', (_label, text, kind, pattern) => {
    const failure = problemOf(text);
    expect(failure.kind).toBe(kind);
    expect(failure.problem).toMatch(pattern);
  });

  it('never echoes a rejected token value back in the message', () => {
    const failure = problemOf('{"dust": {"apiKey": "sk-FAKEFAKEFAKEFAKEFAKE"}}');
    expect(failure.problem).not.toContain('sk-FAKE');
  });

  it('lists several mistakes at once', () => {
    const failure = problemOf(
      '{"mcpServers": {"a": {"command": 1}, "b": {"command": "x", "enabled": "yes"}}}',
    );
    expect(failure.details).toHaveLength(2);
    expect(failure.problem).toMatch(/^The file has 2 mistakes: /);
  });

  it('has no field that could hold a token', () => {
    // A server entry is chosen by its shape (stdio or remote), which JSON Schema cannot express:
    // both shapes are checked.
    const keys = JSON.stringify(
      [SettingsSchema, StdioEntrySchema, RemoteEntry].map((schema) =>
        z.toJSONSchema(schema, { unrepresentable: 'any' }),
      ),
    );
    expect(keys).toContain('"command"');
    expect(keys).not.toMatch(/"(token|accessToken|refreshToken|apiKey|password)"/i);
  });

  it('formats paths the way people read JSON', () => {
    expect(formatPath(['mcpServers', 'my-server', 'args', 0])).toBe('mcpServers.my-server.args[0]');
    expect(formatPath(['mcpServers', 'with space', 'env'])).toBe('mcpServers["with space"].env');
  });
});

describe('Dust names', () => {
  it.each([
    ['github', 'github'],
    ['fs', 'fs-mcp'],
    ['a', 'a-mcp'],
    ['', 'local'],
    ['  padded  name ', 'padded name'],
    ['a-very-long-server-name-that-goes-on-and-on', 'a-very-long-server-name-that-g'],
    ['twenty-nine-characters-long-x ', 'twenty-nine-characters-long-x'],
    ['github.com/modelcontextprotocol/servers/tree/main/src/github', 'github'],
    ['a/b/', 'b-mcp'],
    ['acme/tools', 'acme/tools'],
  ])('derives %j → %j', (local, expected) => {
    const derived = deriveDustName(local);
    expect(derived).toBe(expected);
    expect(checkDustName(derived)).toEqual({ ok: true });
  });

  it('counts code points, never splitting an emoji', () => {
    const derived = deriveDustName('🚀'.repeat(40));
    expect([...derived]).toHaveLength(30);
    expect(checkDustName(derived).ok).toBe(true);
  });

  it('prefers an explicit dustName and explains a derived one', () => {
    expect(effectiveDustName('fs', { dustName: 'files-local' })).toBe('files-local');
    expect(describeDustName('fs', {})).toBe(
      'Registered in Dust as "fs-mcp" because "fs" is 2 characters; Dust needs 5 to 30.',
    );
    expect(describeDustName('github', {})).toBeUndefined();
  });

  it('slugifies like Dust and finds names that collide there', () => {
    expect(dustSlug('my sidekick')).toBe('my_sidekick');
    expect(dustSlug('dust-desktop')).toBe('dust_desktop');
    expect(dustSlug('fs-cli')).toBe('fs_cli');
    expect(dustSlug('GitHub Café')).toBe('git_hub_cafe');
    expect(
      findDustNameCollisions({
        'github-mcp': {},
        'github mcp': {},
        'github.com/modelcontextprotocol/servers/src/github': {},
        other: { dustName: 'github' },
        fs: {},
      }),
    ).toEqual([
      ['github-mcp', 'github mcp'],
      ['github.com/modelcontextprotocol/servers/src/github', 'other'],
    ]);
  });
});
