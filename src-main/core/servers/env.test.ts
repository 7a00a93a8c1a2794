import { describe, expect, it } from 'vitest';

import { secretStoreKey } from '../secrets/placeholders.js';
import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import { buildServerEnv, createSpecResolver } from './env.js';

const parentEnv = {
  HOME: '/home/me',
  LANG: 'en_US.UTF-8',
  PATH: '/usr/bin:/bin',
  HTTPS_PROXY: 'http://proxy:3128',
  GITHUB_TOKEN: 'ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE1234',
  SLACK_BOT_TOKEN: 'plain-looking-value',
  DUST_TOKEN: 'sk-dust-fake',
  BASH_FUNC_x: '() { echo hi; }',
  UNSET: undefined,
};

describe('buildServerEnv', () => {
  it('resolves placeholders and withholds secrets that are not this server’s', async () => {
    const store = new InMemorySecretStore({
      [secretStoreKey('notion', 'NOTION_KEY')]: 'secret_notion_fake',
    });
    const result = await buildServerEnv(
      {
        serverName: 'notion',
        serverEnv: {
          NOTION_KEY: '${secret:NOTION_KEY}',
          AUTH_HEADER: 'Bearer ${secret:NOTION_KEY}',
          MODE: 'fast',
        },
        parentEnv,
        otherServerEnvs: [{ SLACK_BOT_TOKEN: '${secret:SLACK_BOT_TOKEN}' }, { LOG_LEVEL: 'debug' }],
        path: '/opt/homebrew/bin:/usr/bin',
      },
      store,
    );
    expect(result.env).toEqual({
      HOME: '/home/me',
      LANG: 'en_US.UTF-8',
      HTTPS_PROXY: 'http://proxy:3128',
      PATH: '/opt/homebrew/bin:/usr/bin',
      NOTION_KEY: 'secret_notion_fake',
      AUTH_HEADER: 'Bearer secret_notion_fake',
      MODE: 'fast',
    });
    expect(result.withheld).toEqual([
      'BASH_FUNC_x',
      'DUST_TOKEN',
      'GITHUB_TOKEN',
      'SLACK_BOT_TOKEN',
    ]);
  });

  it('lets the server’s own env win over ours, and leaves PATH to the process adapter', async () => {
    const result = await buildServerEnv(
      {
        serverName: 's',
        serverEnv: { LANG: 'fr_FR.UTF-8' },
        parentEnv: { LANG: 'en', PATH: '/bin', TZ: 'UTC' },
        otherServerEnvs: [],
      },
      new InMemorySecretStore(),
    );
    expect(result.env).toEqual({ LANG: 'fr_FR.UTF-8', TZ: 'UTC' });
  });

  it('replaces a Windows "Path" when a PATH is given', async () => {
    const result = await buildServerEnv(
      {
        serverName: 's',
        serverEnv: {},
        parentEnv: { Path: 'C:\\Windows' },
        otherServerEnvs: [],
        path: 'C:\\nodejs',
      },
      new InMemorySecretStore(),
    );
    expect(result.env).toEqual({ PATH: 'C:\\nodejs' });
  });

  it('fails with an error naming the missing secret, never a value', async () => {
    const promise = buildServerEnv(
      {
        serverName: 'github',
        serverEnv: { GITHUB_TOKEN: '${secret:GITHUB_TOKEN}' },
        parentEnv,
        otherServerEnvs: [],
      },
      new InMemorySecretStore(),
    );
    await expect(promise).rejects.toThrow(
      'Server "github" needs the secret ${secret:GITHUB_TOKEN} (for GITHUB_TOKEN), but it is not in the system keychain.',
    );
    await expect(promise).rejects.not.toThrow(/ghp_/);
  });
});

describe('createSpecResolver', () => {
  it('reads the keychain at every call and reports withheld names', async () => {
    const store = new InMemorySecretStore({ [secretStoreKey('a', 'K')]: 'one' });
    const withheld: string[][] = [];
    const resolve = createSpecResolver(
      { name: 'a', command: 'npx', args: ['-y', 'srv'], env: { K: '${secret:K}' }, cwd: '/tmp' },
      store,
      () => ({ parentEnv: { DUST_TOKEN: 'x' }, otherServerEnvs: [] }),
      (names) => withheld.push(names),
    );
    expect(await resolve()).toEqual({
      command: 'npx',
      args: ['-y', 'srv'],
      env: { K: 'one' },
      cwd: '/tmp',
    });
    await store.set(secretStoreKey('a', 'K'), 'two');
    expect((await resolve()).env).toEqual({ K: 'two' });
    expect(withheld).toEqual([['DUST_TOKEN'], ['DUST_TOKEN']]);
  });
});
