import { describe, expect, it } from 'vitest';

import { createRedactor } from '../../core/secrets/mask.js';
import { defaultSettings, remoteServerEntry, serverEntry } from '../../core/settings/schema.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { KnownSecrets } from './known-secrets.js';

const GHP = 'ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEa1b2';

describe('KnownSecrets: the values the log and every way out must mask', () => {
  it('collects keychain values behind placeholders and plain secrets left in settings', async () => {
    const store = new InMemorySecretStore({
      'server/github/GITHUB_TOKEN': GHP,
      'server/intranet/API_KEY': 'intranet-header-key',
    });
    const known = new KnownSecrets(store);
    await known.refresh({
      ...defaultSettings(),
      mcpServers: {
        github: serverEntry({
          command: 'npx',
          env: { GITHUB_TOKEN: '${secret:GITHUB_TOKEN}', MISSING: '${secret:NOPE}' },
        }),
        db: serverEntry({
          command: 'db-mcp',
          env: { DB_PASSWORD: 'plain-text-pass', LOG_LEVEL: 'debugging' },
        }),
        intranet: remoteServerEntry({
          url: 'https://mcp.intranet.example/mcp',
          headers: { 'X-Api-Key': '${secret:API_KEY}' },
        }),
      },
    });
    expect([...known.current].sort()).toEqual(
      [GHP, 'plain-text-pass', 'intranet-header-key'].sort(),
    );
    const redactor = createRedactor([...known.current, 'dust-access-token-value']);
    expect(redactor.size).toBe(4);
    expect(
      redactor.redact(`token=${GHP} pw=plain-text-pass level=debugging t=dust-access-token-value`),
    ).toBe('token=ghp_…a1b2 pw=•••• level=debugging t=••••');
  });

  it('forgets a secret once the settings no longer point at it', async () => {
    const store = new InMemorySecretStore({ 'server/github/GITHUB_TOKEN': GHP });
    const known = new KnownSecrets(store);
    const github = serverEntry({ command: 'npx', env: { GITHUB_TOKEN: '${secret:GITHUB_TOKEN}' } });
    await known.refresh({ ...defaultSettings(), mcpServers: { github } });
    expect(known.current).toEqual([GHP]);
    await known.refresh({ ...defaultSettings(), mcpServers: {} });
    expect(known.current).toEqual([]);
  });
});
