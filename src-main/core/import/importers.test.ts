import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseClaudeDesktopConfig } from './claude-desktop.js';
import { parseClineConfig } from './cline.js';
import { parseCursorConfig } from './cursor.js';
import { parseJsonc } from './jsonc.js';
import type { ImportedServer, ParsedConfig, ParseResult } from './types.js';
import { parseVsCodeConfig } from './vscode.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function config(result: ParseResult): ParsedConfig {
  if (!result.ok) throw new Error(result.problem);
  return result.config;
}

function server(parsed: ParsedConfig, name: string): ImportedServer {
  const found = parsed.servers.find((s) => s.name === name);
  if (!found) throw new Error(`no server ${name}`);
  return found;
}

describe('Claude Desktop', () => {
  const parsed = config(parseClaudeDesktopConfig(fixture('claude_desktop_config.json')));

  it('imports every stdio server with command, args and env as written', () => {
    expect(parsed.servers.map((s) => s.name)).toEqual([
      'filesystem',
      'github',
      'brave-search',
      'postgres',
      'git',
    ]);
    expect(server(parsed, 'github')).toMatchObject({
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEa1b2' },
      enabled: true,
    });
    expect(server(parsed, 'filesystem').env).toEqual({});
  });

  it('skips an entry without a command, with its path', () => {
    expect(parsed.skipped).toEqual([
      { name: 'broken', reason: 'mcpServers.broken.command: missing or not a text' },
    ]);
  });

  it('keeps ${HOME} literally (Claude does not expand it) and says so', () => {
    const git = server(parsed, 'git');
    expect(git.args[2]).toBe('${HOME}/code/shop');
    expect(git.warnings).toEqual([
      'args[2] contains ${HOME}, which reaches the server as literal text (Claude Desktop does not expand it either)',
    ]);
  });

  it('reports a file without mcpServers and rejects bad JSON with a position', () => {
    expect(config(parseClaudeDesktopConfig('{"preferences": {}}')).notes).toEqual([
      'The file has no "mcpServers" section, so there is nothing to import.',
    ]);
    const bad = parseClaudeDesktopConfig(
      '{\n  "mcpServers": {\n    "a": {"command": "x"}\n    "b": {}\n  }\n}',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/not valid JSON.*line 4, column 5/);
    expect(parseClaudeDesktopConfig('{"mcpServers": []}')).toEqual({
      ok: false,
      problem: '"mcpServers" must be an object of servers by name.',
    });
  });
});

describe('Cursor', () => {
  const parsed = config(parseCursorConfig(fixture('cursor-mcp.json'), { userHome: '/Users/ada' }));

  it("keeps remote servers: Cursor's url form and the type + url form, headers carried for the keychain step", () => {
    expect(parsed.skipped).toEqual([]);
    expect(server(parsed, 'linear')).toMatchObject({
      command: '',
      args: [],
      env: {},
      remote: { url: 'https://mcp.linear.app/sse' },
      warnings: [],
    });
    expect(server(parsed, 'linear').remote?.type).toBeUndefined();
    expect(server(parsed, 'context7')).toMatchObject({
      remote: { url: 'https://mcp.context7.com/mcp', type: 'http' },
      env: { CONTEXT7_API_KEY: 'ctx7sk-FAKEFAKE' },
    });
    expect(JSON.stringify(parsed.servers.flatMap((s) => s.warnings))).not.toMatch(
      /ctx7sk|linear\.app/,
    );
  });

  it('fills ${userHome}, reports ${env:…} and envFile', () => {
    const memory = server(parsed, 'memory');
    expect(memory.env['MEMORY_FILE_PATH']).toBe('/Users/ada/.cursor/memory.jsonl');
    expect(memory.env['SLACK_TEAM']).toBe('${env:SLACK_TEAM_ID}');
    expect(memory.warnings).toEqual([
      'envFile "${workspaceFolder}/.env" is not read: add its variables to env (secrets go to the keychain)',
      'env.SLACK_TEAM uses ${env:SLACK_TEAM_ID}, which Dust MCP Tray does not expand; put the value itself there (secrets are moved to the keychain)',
    ]);
  });

  it('leaves JSON-looking env values alone', () => {
    expect(server(parsed, 'notion').env['OPENAPI_MCP_HEADERS']).toBe(
      '{"Notion-Version": "2022-06-28"}',
    );
  });
});

describe('VS Code', () => {
  const parsed = config(
    parseVsCodeConfig(fixture('vscode-mcp.json'), { workspaceFolder: '/Users/ada/shop' }),
  );

  it('reads JSON with comments and trailing commas', () => {
    expect(parsed.servers.map((s) => s.name)).toEqual([
      'github',
      'perplexity',
      'fs',
      'remote-docs',
      'playwright',
    ]);
    expect(parsed.skipped).toEqual([]);
    expect(server(parsed, 'remote-docs').remote).toEqual({
      url: 'https://api.githubcopilot.com/mcp/',
      type: 'http',
    });
  });

  it('turns ${input:…} in env into secret placeholders to fill, with the input description', () => {
    const github = server(parsed, 'github');
    expect(github.env).toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: '${secret:github_token}' });
    expect(github.secretsToFill).toEqual([
      {
        envKey: 'GITHUB_PERSONAL_ACCESS_TOKEN',
        secretName: 'github_token',
        reason:
          'VS Code asks for "GitHub Personal Access Token" as a password when it starts the server',
      },
    ]);
  });

  it('handles an input inside a longer value and asks once for an input used twice', () => {
    const perplexity = server(parsed, 'perplexity');
    expect(perplexity.env).toEqual({
      AUTH_HEADER: 'Bearer ${secret:perplexity-key}',
      PERPLEXITY_API_KEY: '${secret:perplexity-key}',
    });
    expect(perplexity.secretsToFill).toEqual([
      {
        envKey: 'AUTH_HEADER',
        secretName: 'perplexity-key',
        reason: 'VS Code asks for "Perplexity API Key" as a password when it starts the server',
      },
    ]);
  });

  it('substitutes ${workspaceFolder} and warns about inputs in arguments', () => {
    expect(server(parsed, 'fs').args).toEqual([
      '-y',
      '@modelcontextprotocol/server-filesystem',
      '/Users/ada/shop',
    ]);
    expect(server(parsed, 'playwright').warnings).toEqual([
      'args[2] uses ${input:missing}: arguments cannot hold secrets (every process can read them); move it to an env variable',
    ]);
  });

  it('gives a server that uses ${workspaceFolder} that folder as its root (what VS Code shows it); others get none', () => {
    expect(server(parsed, 'fs').roots).toEqual(['/Users/ada/shop']);
    expect(server(parsed, 'github').roots).toBeUndefined();
  });

  it('warns when ${workspaceFolder} is unknown', () => {
    const fs = server(config(parseVsCodeConfig(fixture('vscode-mcp.json'))), 'fs');
    expect(fs.roots).toBeUndefined();
    expect(fs.args[2]).toBe('${workspaceFolder}');
    expect(fs.warnings).toEqual([
      'args[2] uses ${workspaceFolder}, which Dust MCP Tray cannot fill in; replace it with a real value before enabling the server',
    ]);
  });

  it('reads the older "mcp" section of settings.json', () => {
    const settings = config(parseVsCodeConfig(fixture('vscode-settings.json')));
    expect(settings.servers).toEqual([
      {
        name: 'time',
        command: 'uvx',
        args: ['mcp-server-time', '--local-timezone=Europe/Paris'],
        env: {},
        enabled: true,
        secretsToFill: [],
        warnings: [],
      },
    ]);
  });
});

describe('Cline and Roo Code', () => {
  const cline = config(parseClineConfig(fixture('cline_mcp_settings.json')));
  const ghName = 'github.com/modelcontextprotocol/servers/tree/main/src/github';

  it('turns autoApprove into allow rules from "import", de-duplicated, for imported servers', () => {
    expect(cline.rules).toEqual([
      { server: ghName, tool: 'search_repositories', action: 'allow', source: 'import' },
      { server: ghName, tool: 'get_file_contents', action: 'allow', source: 'import' },
      { server: 'slack', tool: 'slack_list_channels', action: 'allow', source: 'import' },
      { server: 'remote-search', tool: 'search', action: 'allow', source: 'import' },
    ]);
    expect(server(cline, 'slack').warnings).toEqual([
      'autoApprove has entries that are not tool names; those were ignored',
    ]);
  });

  it('imports disabled servers as disabled, reports the timeout, keeps the sse server', () => {
    expect(server(cline, 'sqlite').enabled).toBe(false);
    expect(server(cline, 'sqlite').warnings).toEqual([
      'disabled in the source app; imported as disabled',
    ]);
    expect(server(cline, ghName).warnings).toEqual([
      'timeout (60 s) is not imported: Dust gives each call 3 minutes, and the approval deadline is set in Settings',
    ]);
    expect(cline.skipped).toEqual([]);
    expect(server(cline, 'remote-search').remote).toEqual({
      url: 'http://localhost:8931/sse',
      type: 'sse',
    });
  });

  it('reads Roo’s alwaysAllow (including "*") and disabledTools', () => {
    const roo = config(parseClineConfig(fixture('roo_mcp_settings.json'), 'roo'));
    expect(roo.source).toBe('roo');
    expect(roo.rules).toEqual([
      { server: 'puppeteer', tool: '*', action: 'allow', source: 'import' },
      { server: 'puppeteer', tool: 'puppeteer_evaluate', action: 'deny', source: 'import' },
      { server: 'openai-tools', tool: 'list_models', action: 'allow', source: 'import' },
    ]);
    expect(server(roo, 'openai-tools').warnings).toEqual([
      'watchPaths is not imported: restart the server from the tray after changing it',
    ]);
  });
});

describe('entry problems', () => {
  it.each([
    [{ command: 'x', args: 'a b' }, 'mcpServers.s.args: expected a list of texts'],
    [{ command: 'x', args: [{}] }, 'mcpServers.s.args: expected a list of texts'],
    [{ command: 'x', env: ['A=1'] }, 'mcpServers.s.env: expected an object of texts'],
    [
      { command: 'x', type: 'pipe' },
      'mcpServers.s.type: "pipe" is not a server type Dust MCP Tray can run',
    ],
    ['npx server', 'mcpServers.s: expected an object with a "command"'],
  ])('skips %j with a reason', (entry, reason) => {
    const parsed = config(parseClaudeDesktopConfig(JSON.stringify({ mcpServers: { s: entry } })));
    expect(parsed.skipped).toEqual([{ name: 's', reason }]);
  });

  it('runs an entry with both command and url as stdio, ignoring the url', () => {
    const parsed = config(
      parseClineConfig(
        JSON.stringify({
          mcpServers: { s: { command: 'x', url: 'https://example.com/?key=FAKE' } },
        }),
      ),
    );
    expect(server(parsed, 's').warnings).toEqual([
      '"url" is ignored: this is run as a local stdio server',
    ]);
  });

  it('fixes numbers, drops nulls and reports unknown fields', () => {
    const parsed = config(
      parseClaudeDesktopConfig(
        JSON.stringify({
          mcpServers: {
            s: { command: 'x', args: ['--port', 8080], env: { PORT: 80, GONE: null }, foo: 1 },
          },
        }),
      ),
    );
    expect(server(parsed, 's')).toMatchObject({ args: ['--port', '8080'], env: { PORT: '80' } });
    expect(server(parsed, 's').warnings).toEqual([
      'mcpServers.s.args[1]: number turned into the text "8080"',
      'mcpServers.s.env.PORT: number turned into text',
      'mcpServers.s.env.GONE: null (unset) is not supported; left out',
      'field "foo" is not used by Dust MCP Tray; not imported',
    ]);
  });
});

describe('parseJsonc', () => {
  it('keeps comment-like text inside strings and reports positions in the original text', () => {
    expect(parseJsonc('{"url": "https://x//y", /* c */ "a": "/* no */", // end\n}')).toEqual({
      ok: true,
      value: { url: 'https://x//y', a: '/* no */' },
    });
    expect(parseJsonc('{"a": "b\\" // still a string",}')).toEqual({
      ok: true,
      value: { a: 'b" // still a string' },
    });
    expect(parseJsonc('')).toEqual({ ok: false, problem: 'The file is empty.' });
    const bad = parseJsonc('// header\n{\n  "a": tru\n}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/line 3/);
  });
});
