import { describe, expect, it } from 'vitest';

import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import { resolvePlaceholders } from './placeholders.js';
import { findPlainSecrets, secureServerEnv } from './secure-env.js';

const GHP = 'ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEa1b2';

describe('plain secrets in settings', () => {
  const settings = {
    mcpServers: {
      github: { env: { GITHUB_TOKEN: GHP, LOG_LEVEL: 'debug' } },
      db: { env: { DB_PASSWORD: '${secret:DB_PASSWORD}', HEADER: 'Bearer ${secret:T}' } },
    },
  };

  it('finds plain values only, never placeholders', () => {
    expect(findPlainSecrets(settings)).toEqual([
      {
        server: 'github',
        envKey: 'GITHUB_TOKEN',
        reason: 'value starts with "ghp_", the prefix of a GitHub personal access token',
      },
    ]);
  });

  it('moves chosen values to the keychain and leaves references alone', async () => {
    const store = new InMemorySecretStore();
    const env = {
      GITHUB_TOKEN: GHP,
      GITHUB_TOKEN_2: '${secret:GITHUB_TOKEN}',
      HEADER: 'Bearer ${secret:T}',
    };
    const next = await secureServerEnv(store, 'github', env, ['GITHUB_TOKEN', 'HEADER', 'MISSING']);
    expect(next).toEqual({
      GITHUB_TOKEN: '${secret:GITHUB_TOKEN_2}',
      GITHUB_TOKEN_2: '${secret:GITHUB_TOKEN}',
      HEADER: 'Bearer ${secret:T}',
    });
    expect(Object.fromEntries(store.values)).toEqual({ 'server/github/GITHUB_TOKEN_2': GHP });
    store.values.set('server/github/GITHUB_TOKEN', 'other');
    store.values.set('server/github/T', 'tttttt');
    expect(await resolvePlaceholders(next, store, 'github')).toEqual({
      GITHUB_TOKEN: GHP,
      GITHUB_TOKEN_2: 'other',
      HEADER: 'Bearer tttttt',
    });
  });
});
