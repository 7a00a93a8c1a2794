import { describe, expect, it } from 'vitest';

import { parseSettingsText } from '../settings/parse-settings.js';
import type { Settings } from '../settings/schema.js';
import { gateSettingsOf } from './gate-settings.js';

function settingsFrom(json: unknown): Settings {
  const parsed = parseSettingsText(JSON.stringify(json));
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.settings;
}

describe('gateSettingsOf', () => {
  it("gives a server's launch identity and trust, and reads the settings again at each call", () => {
    let settings = settingsFrom({
      mcpServers: {
        files: { command: 'npx', args: ['-y', 'files'], trusted: true },
        remote: { url: 'https://mcp.example.com/v1/mcp?key=1' },
      },
      rules: [{ server: 'files', tool: 'read', action: 'allow' }],
    });
    const gate = gateSettingsOf({
      rules: () => settings.rules,
      servers: () => settings.mcpServers,
    });
    expect(gate.server('files')).toEqual({ command: 'npx', args: ['-y', 'files'], trusted: true });
    expect(gate.server('remote')).toEqual({
      command: 'https://mcp.example.com/v1/mcp',
      args: [],
      trusted: false,
    });
    expect(gate.server('unknown')).toBeUndefined();
    expect(gate.rules()).toHaveLength(1);

    settings = settingsFrom({ mcpServers: { files: { command: 'node', args: ['f.js'] } } });
    expect(gate.server('files')).toEqual({ command: 'node', args: ['f.js'], trusted: false });
    expect(gate.rules()).toEqual([]);
  });
});
