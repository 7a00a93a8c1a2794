import { describe, expect, it } from 'vitest';

import { defaultSettings, serverEntry } from '../settings/schema.js';
import { parseClaudeDesktopConfig } from './claude-desktop.js';
import { exportMcpServers } from './export-servers.js';

const settings = {
  ...defaultSettings(),
  mcpServers: {
    github: serverEntry({
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: {
        GITHUB_PERSONAL_ACCESS_TOKEN: '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}',
        LOG_LEVEL: 'debug',
        AUTH: 'Bearer ${secret:TOKEN}',
      },
      trusted: true,
      dustName: 'github tools',
    }),
    fs: serverEntry({ command: 'node', args: ['fs.js', '/tmp'], cwd: '/srv', enabled: false }),
  },
};

describe('exportMcpServers', () => {
  it('writes the mcpServers JSON other apps read, without our own fields, and lists the placeholders to fill', () => {
    const exported = exportMcpServers(settings);
    expect(JSON.parse(exported.json)).toEqual({
      mcpServers: {
        github: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-github'],
          env: {
            GITHUB_PERSONAL_ACCESS_TOKEN: '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}',
            LOG_LEVEL: 'debug',
            AUTH: 'Bearer ${secret:TOKEN}',
          },
        },
        fs: { command: 'node', args: ['fs.js', '/tmp'], cwd: '/srv' },
      },
    });
    expect(exported.serverCount).toBe(2);
    expect(exported.toFill).toEqual([
      {
        server: 'github',
        key: 'GITHUB_PERSONAL_ACCESS_TOKEN',
        placeholder: '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}',
      },
      { server: 'github', key: 'AUTH', placeholder: '${secret:TOKEN}' },
    ]);
  });

  it('is read back by our own Claude Desktop importer with the same commands', () => {
    const parsed = parseClaudeDesktopConfig(exportMcpServers(settings).json);
    expect(
      parsed.ok && parsed.config.servers.map((s) => [s.name, s.command, s.args, s.env, s.cwd]),
    ).toEqual([
      [
        'github',
        'npx',
        ['-y', '@modelcontextprotocol/server-github'],
        settings.mcpServers.github.env,
        undefined,
      ],
      ['fs', 'node', ['fs.js', '/tmp'], {}, '/srv'],
    ]);
  });

  it('exports an empty section when there are no servers', () => {
    expect(exportMcpServers(defaultSettings())).toEqual({
      json: '{\n  "mcpServers": {}\n}\n',
      serverCount: 0,
      toFill: [],
    });
  });
});
