import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { resolvePlaceholders } from '../secrets/placeholders.js';
import { rootsOf } from '../settings/entry-parts.js';
import { defaultSettings, type Settings, type StdioServerEntry } from '../settings/schema.js';
import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import { applyImport, ImportChoiceError } from './import-apply.js';
import { type ImportPlan, previewImport } from './import-preview.js';
import type { ImportSource } from './types.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const GHP = 'ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEa1b2';

function plan(
  text: string,
  source: ImportSource,
  current: Settings = defaultSettings(),
): ImportPlan {
  const result = previewImport(text, source, current, { workspaceFolder: '/Users/ada/shop' });
  if (!result.ok) throw new Error(result.problem);
  return result.plan;
}

const existing: Settings = {
  ...defaultSettings(),
  mcpServers: {
    github: {
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: {
        GITHUB_PERSONAL_ACCESS_TOKEN: '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}',
        OLD: '${secret:OLD}',
      },
      enabled: true,
      trusted: true,
      dustName: 'github-mine',
    },
    git: { command: 'git-mcp', args: [], env: {}, enabled: true, trusted: true },
  },
};

function claudeWarnings(name: string, current: Settings): string[] {
  return (
    plan(fixture('claude_desktop_config.json'), 'claude-desktop', current).preview.servers.find(
      (s) => s.name === name,
    )?.warnings ?? []
  );
}

describe('previewImport', () => {
  const claude = plan(fixture('claude_desktop_config.json'), 'claude-desktop', existing);

  it('flags secrets with reasons and never carries a secret value', () => {
    const github = claude.preview.servers.find((s) => s.name === 'github');
    expect(github?.secretsFound).toEqual([
      {
        envKey: 'GITHUB_PERSONAL_ACCESS_TOKEN',
        reason: 'value starts with "ghp_", the prefix of a GitHub personal access token',
      },
    ]);
    expect(claude.preview.servers.find((s) => s.name === 'brave-search')?.secretsFound).toEqual([
      { envKey: 'BRAVE_API_KEY', reason: 'name "BRAVE_API_KEY" contains API_KEY' },
    ]);
    const text = JSON.stringify(claude.preview);
    for (const secret of [GHP, 'BSAFAKEFAKEFAKEFAKEFAKEFAKE12', 'FAKEpassword'])
      expect(text).not.toContain(secret);
  });

  it('masks secret-looking arguments and warns about them', () => {
    const postgres = claude.preview.servers.find((s) => s.name === 'postgres');
    expect(postgres?.args).toEqual(['-y', '@modelcontextprotocol/server-postgres', '…shop']);
    expect(postgres?.warnings).toEqual([
      'args[2] looks like a secret (value is a URL with a password in it (user:password@host)); arguments are visible to every process, so move it to an env variable',
    ]);
  });

  it('reports conflicts with existing servers and whether the command line is the same', () => {
    expect(claude.preview.conflicts).toEqual([
      { name: 'github', sameCommand: true },
      { name: 'git', sameCommand: false },
    ]);
  });

  it('shows the Dust name and why it differs', () => {
    const cline = plan(fixture('cline_mcp_settings.json'), 'cline');
    expect(cline.preview.servers[0]).toMatchObject({
      dustName: 'github',
      dustNameNote: expect.stringMatching(/^Registered in Dust as "github" because/) as unknown,
    });
  });

  it('warns when two servers would share a name in Dust', () => {
    const current: Settings = {
      ...defaultSettings(),
      mcpServers: {
        'my-github': {
          command: 'x',
          args: [],
          env: {},
          enabled: true,
          trusted: false,
          dustName: 'github',
        },
      },
    };
    const cline = plan(fixture('cline_mcp_settings.json'), 'cline', current);
    expect(cline.preview.servers[0]?.warnings.at(-1)).toBe(
      'Dust would show this server and "my-github" under the same name "github", so the agent would see duplicate tool names; set a different Dust name for one of them',
    );
    expect(claudeWarnings('github', existing)).not.toContainEqual(
      expect.stringMatching(/same name/),
    );
  });

  it('lists VS Code inputs as secrets to fill, not as found secrets', () => {
    const vscode = plan(fixture('vscode-mcp.json'), 'vscode');
    const github = vscode.preview.servers.find((s) => s.name === 'github');
    expect(github?.secretsFound).toEqual([]);
    expect(github?.secretsToFill.map((s) => s.secretName)).toEqual(['github_token']);
  });

  it('returns the parse problem for a broken file', () => {
    expect(previewImport('{"mcpServers": ', 'claude-desktop', defaultSettings())).toEqual({
      ok: false,
      problem:
        'The file is not valid JSON: line 1, column 16: the file ends too early (expected a value (text in double quotes, a number, true, false, null, { or [)).',
    });
  });
});

describe('applyImport', () => {
  it('moves flagged secrets to the keychain, writes placeholders, and resolves back exactly', async () => {
    const store = new InMemorySecretStore();
    const p = plan(fixture('claude_desktop_config.json'), 'claude-desktop');
    const result = await applyImport(p, {}, store, defaultSettings());
    expect(result.imported).toEqual(['filesystem', 'github', 'brave-search', 'postgres', 'git']);
    expect((result.settings.mcpServers['github'] as StdioServerEntry | undefined)?.env).toEqual({
      GITHUB_PERSONAL_ACCESS_TOKEN: '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}',
    });
    expect(store.values.get('server/github/GITHUB_PERSONAL_ACCESS_TOKEN')).toBe(GHP);
    expect(result.movedSecrets).toEqual([
      {
        server: 'github',
        envKey: 'GITHUB_PERSONAL_ACCESS_TOKEN',
        storeKey: 'server/github/GITHUB_PERSONAL_ACCESS_TOKEN',
      },
      {
        server: 'brave-search',
        envKey: 'BRAVE_API_KEY',
        storeKey: 'server/brave-search/BRAVE_API_KEY',
      },
    ]);
    expect(JSON.stringify(result.settings)).not.toContain('ghp_');
    for (const server of p.servers) {
      const entry = result.settings.mcpServers[server.name];
      expect(
        await resolvePlaceholders(
          (entry as StdioServerEntry | undefined)?.env ?? {},
          store,
          server.name,
        ),
      ).toEqual(server.env);
    }
  });

  it('keeps values the user chose to keep plain', async () => {
    const store = new InMemorySecretStore();
    const result = await applyImport(
      plan(fixture('claude_desktop_config.json'), 'claude-desktop'),
      { keepPlain: { 'brave-search': ['BRAVE_API_KEY'] } },
      store,
      defaultSettings(),
    );
    expect(
      (result.settings.mcpServers['brave-search'] as StdioServerEntry | undefined)?.env,
    ).toEqual({ BRAVE_API_KEY: 'BSAFAKEFAKEFAKEFAKEFAKEFAKE12' });
    expect(store.values.has('server/brave-search/BRAVE_API_KEY')).toBe(false);
  });

  it('skips conflicting names by default and never touches the existing entry', async () => {
    const result = await applyImport(
      plan(fixture('claude_desktop_config.json'), 'claude-desktop', existing),
      {},
      new InMemorySecretStore(),
      existing,
    );
    expect(result.skipped).toEqual([
      { name: 'github', reason: 'a server named "github" already exists' },
      { name: 'git', reason: 'a server named "git" already exists' },
    ]);
    expect(result.settings.mcpServers['github']).toEqual(existing.mcpServers['github']);
  });

  it('replaces or renames on request; a replaced server keeps trust only for the same command line', async () => {
    const store = new InMemorySecretStore();
    const p = plan(fixture('claude_desktop_config.json'), 'claude-desktop', existing);
    const result = await applyImport(
      p,
      {
        servers: ['github', 'git'],
        onConflict: { github: 'replace', git: { renameTo: 'git-uvx' } },
      },
      store,
      existing,
    );
    expect(result.imported).toEqual(['github', 'git-uvx']);
    expect(result.settings.mcpServers['github']).toMatchObject({
      trusted: true,
      dustName: 'github-mine',
    });
    expect(result.settings.mcpServers['git']).toEqual(existing.mcpServers['git']);
    expect(result.settings.mcpServers['git-uvx']).toMatchObject({ command: 'uvx', trusted: false });
    expect(result.obsoleteSecretKeys).toEqual(['server/github/OLD']);
  });

  it('rejects a rename onto a taken name', async () => {
    const p = plan(fixture('claude_desktop_config.json'), 'claude-desktop', existing);
    await expect(
      applyImport(
        p,
        { servers: ['git'], onConflict: { git: { renameTo: 'github' } } },
        new InMemorySecretStore(),
        existing,
      ),
    ).rejects.toThrow(ImportChoiceError);
  });

  it('stores filled VS Code inputs and reports the unfilled ones', async () => {
    const store = new InMemorySecretStore();
    const p = plan(fixture('vscode-mcp.json'), 'vscode');
    const result = await applyImport(
      p,
      { fillSecrets: { github: { github_token: GHP } } },
      store,
      defaultSettings(),
    );
    expect(store.values.get('server/github/github_token')).toBe(GHP);
    expect(result.unfilled).toEqual([{ server: 'perplexity', secretName: 'perplexity-key' }]);
    expect(
      await resolvePlaceholders(
        (result.settings.mcpServers['github'] as StdioServerEntry | undefined)?.env ?? {},
        store,
        'github',
      ),
    ).toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: GHP });
    await expect(
      resolvePlaceholders(
        (result.settings.mcpServers['perplexity'] as StdioServerEntry | undefined)?.env ?? {},
        store,
        'perplexity',
      ),
    ).rejects.toThrow(/\$\{secret:perplexity-key\}/);
  });

  it('imports Cline rules under final names, without duplicates, and can leave them out', async () => {
    const current: Settings = {
      ...defaultSettings(),
      rules: [{ server: 'slack', tool: 'slack_list_channels', action: 'allow', source: 'user' }],
    };
    const p = plan(fixture('cline_mcp_settings.json'), 'cline', current);
    const result = await applyImport(p, {}, new InMemorySecretStore(), current);
    expect(result.settings.rules).toEqual([
      { server: 'slack', tool: 'slack_list_channels', action: 'allow', source: 'user' },
      {
        server: 'github.com/modelcontextprotocol/servers/tree/main/src/github',
        tool: 'search_repositories',
        action: 'allow',
        source: 'import',
      },
      {
        server: 'github.com/modelcontextprotocol/servers/tree/main/src/github',
        tool: 'get_file_contents',
        action: 'allow',
        source: 'import',
      },
      { server: 'remote-search', tool: 'search', action: 'allow', source: 'import' },
    ]);
    expect(result.settings.mcpServers['sqlite']?.enabled).toBe(false);
    const without = await applyImport(
      p,
      { importRules: false },
      new InMemorySecretStore(),
      current,
    );
    expect(without.settings.rules).toEqual(current.rules);
  });

  it('writes nothing to settings when the keychain fails', async () => {
    const store = new InMemorySecretStore();
    store.failWith = new Error('The keychain is locked');
    await expect(
      applyImport(
        plan(fixture('claude_desktop_config.json'), 'claude-desktop'),
        {},
        store,
        defaultSettings(),
      ),
    ).rejects.toThrow('The keychain is locked');
  });

  it('treats Object prototype names as ordinary names and refuses "__proto__"', async () => {
    const text =
      '{"mcpServers": {"constructor": {"command": "a"}, "toString": {"command": "b"}, "__proto__": {"command": "c"}}}';
    const p = plan(text, 'claude-desktop', existing);
    expect(p.preview.conflicts).toEqual([]);
    expect(p.preview.skipped).toEqual([
      { name: '__proto__', reason: 'mcpServers.__proto__: the name is reserved' },
    ]);
    const result = await applyImport(p, {}, new InMemorySecretStore(), existing);
    expect(Object.keys(result.settings.mcpServers)).toEqual([
      'github',
      'git',
      'constructor',
      'toString',
    ]);
    expect(Object.getPrototypeOf(result.settings.mcpServers)).toBe(Object.prototype);
  });

  it('does not report a secret to fill that the keychain already has (a re-import)', async () => {
    const store = new InMemorySecretStore({ 'server/github/github_token': GHP });
    const result = await applyImport(
      plan(fixture('vscode-mcp.json'), 'vscode'),
      { servers: ['github'] },
      store,
      defaultSettings(),
    );
    expect(result.unfilled).toEqual([]);
  });

  it('rejects a rename to an unusable name in words', async () => {
    const p = plan(fixture('claude_desktop_config.json'), 'claude-desktop', existing);
    await expect(
      applyImport(
        p,
        { servers: ['git'], onConflict: { git: { renameTo: '  ' } } },
        new InMemorySecretStore(),
        existing,
      ),
    ).rejects.toThrow('"  " cannot be a server name: the name is empty');
  });
});

describe('importing roots from VS Code', () => {
  it('the server that uses ${workspaceFolder} is shown and saved with that folder to see; the others with none', async () => {
    const vscode = plan(fixture('vscode-mcp.json'), 'vscode');
    expect(vscode.preview.servers.find((s) => s.name === 'fs')?.roots).toEqual(['/Users/ada/shop']);
    const result = await applyImport(vscode, {}, new InMemorySecretStore(), defaultSettings());
    expect(rootsOf(result.settings.mcpServers['fs'])).toEqual(['/Users/ada/shop']);
    expect(rootsOf(result.settings.mcpServers['github'])).toEqual([]);
  });
});
