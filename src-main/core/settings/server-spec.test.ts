import { describe, expect, it } from 'vitest';

import { MissingSecretError } from '../secrets/placeholders.js';
import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import { defaultSettings, serverEntry, type Settings } from './schema.js';
import { enabledServers, resolveServerSpec } from './server-spec.js';

describe('server specs', () => {
  it('resolves placeholders into the spawn spec and keeps cwd', async () => {
    const store = new InMemorySecretStore({ 'server/github/GITHUB_TOKEN': 'ghp_value' });
    const entry = serverEntry({
      command: 'npx',
      args: ['-y', 'gh'],
      env: { GITHUB_TOKEN: '${secret:GITHUB_TOKEN}', A: 'b' },
      cwd: '/tmp',
    });
    expect(await resolveServerSpec('github', entry, store)).toEqual({
      command: 'npx',
      args: ['-y', 'gh'],
      env: { GITHUB_TOKEN: 'ghp_value', A: 'b' },
      cwd: '/tmp',
      // For the supervisor's redaction point, never for the process.
      secrets: ['ghp_value'],
    });
    expect(entry.env['GITHUB_TOKEN']).toBe('${secret:GITHUB_TOKEN}');
  });

  it('refuses to build a spec with a missing secret', async () => {
    const entry = serverEntry({ command: 'x', env: { K: '${secret:K}' } });
    await expect(resolveServerSpec('s', entry, new InMemorySecretStore())).rejects.toBeInstanceOf(
      MissingSecretError,
    );
  });

  it('lists enabled servers with their Dust names', () => {
    const settings: Settings = {
      ...defaultSettings(),
      mcpServers: {
        fs: serverEntry({ command: 'a' }),
        off: serverEntry({ command: 'b', enabled: false }),
        github: serverEntry({ command: 'c', dustName: 'github-work' }),
      },
    };
    expect(enabledServers(settings).map(({ name, dustName }) => [name, dustName])).toEqual([
      ['fs', 'fs-mcp'],
      ['github', 'github-work'],
    ]);
  });
});
