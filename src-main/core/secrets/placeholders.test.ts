import { describe, expect, it } from 'vitest';

import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import { createRedactor, maskValue } from './mask.js';
import {
  MissingSecretError,
  placeholdersIn,
  resolvePlaceholders,
  secretNameForEnvKey,
  secretPlaceholder,
  secretStoreKey,
  wholePlaceholder,
} from './placeholders.js';

const GHP = 'ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEa1b2';

describe('placeholders', () => {
  it('scopes keychain keys per server and encodes odd server names', () => {
    expect(secretStoreKey('github', 'GITHUB_TOKEN')).toBe('server/github/GITHUB_TOKEN');
    expect(secretStoreKey('a/b c', 'K')).toBe('server/a%2Fb%20c/K');
    expect(secretNameForEnvKey('weird key!')).toBe('weird_key_');
    expect(() => secretPlaceholder('a}b')).toThrow(/cannot be a secret name/);
  });

  it('finds placeholders inside longer values', () => {
    expect(placeholdersIn('Bearer ${secret:TOKEN} ${secret:TOKEN} ${secret:OTHER}')).toEqual([
      'TOKEN',
      'OTHER',
    ]);
    expect(wholePlaceholder('${secret:TOKEN}')).toBe('TOKEN');
    expect(wholePlaceholder('x${secret:TOKEN}')).toBeUndefined();
  });

  it('resolves a secret back at spawn, alone or inside a longer value', async () => {
    const store = new InMemorySecretStore({ 'server/github/GITHUB_PERSONAL_ACCESS_TOKEN': GHP });
    const placeholder = '${secret:GITHUB_PERSONAL_ACCESS_TOKEN}';
    const env = {
      GITHUB_PERSONAL_ACCESS_TOKEN: placeholder,
      AUTH_HEADER: `Bearer ${placeholder}`,
      LOG: 'debug',
    };
    expect(await resolvePlaceholders(env, store, 'github')).toEqual({
      GITHUB_PERSONAL_ACCESS_TOKEN: GHP,
      AUTH_HEADER: `Bearer ${GHP}`,
      LOG: 'debug',
    });
  });

  it('does not read another server’s secret of the same name', async () => {
    const store = new InMemorySecretStore({ 'server/a/API_KEY': 'value-of-a' });
    await expect(resolvePlaceholders({ API_KEY: '${secret:API_KEY}' }, store, 'b')).rejects.toThrow(
      MissingSecretError,
    );
  });

  it('fails with a message naming the placeholder, the key and the server, never a value', async () => {
    const store = new InMemorySecretStore({ 'server/s/PRESENT': 'present-value-123' });
    const error = await resolvePlaceholders(
      { A: '${secret:PRESENT}', B: '${secret:ABSENT}' },
      store,
      's',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingSecretError);
    expect((error as Error).message).toBe(
      'Server "s" needs the secret ${secret:ABSENT} (for B), but it is not in the system keychain. Enter it in the server\'s settings.',
    );
    expect((error as Error).message).not.toContain('present-value-123');
  });

  it('propagates a keychain failure instead of spawning with a blank value', async () => {
    const store = new InMemorySecretStore();
    store.failWith = new Error('Secret Service is locked');
    await expect(resolvePlaceholders({ A: '${secret:A}' }, store, 's')).rejects.toThrow(
      'Secret Service is locked',
    );
  });

  it('does not replace "$" patterns in secret values (no String.replace specials)', async () => {
    const store = new InMemorySecretStore({ 'server/s/A': "p$&ss$'w$`rd$$" });
    expect(await resolvePlaceholders({ A: 'x${secret:A}y' }, store, 's')).toEqual({
      A: "xp$&ss$'w$`rd$$y",
    });
  });
});

describe('maskValue', () => {
  it.each([
    [GHP, 'ghp_…a1b2'],
    ['sk-proj-FAKEFAKEFAKEFAKE9z9z', 'sk-…9z9z'],
    ['a-long-value-without-any-prefix-wxyz', '…wxyz'],
    ['hunter2', '••••'],
    ['ghp_short', '••••'],
    ['', '••••'],
  ])('%j → %j', (value, masked) => {
    expect(maskValue(value)).toBe(masked);
  });
});

describe('redaction', () => {
  it('replaces longer values first and ignores very short ones', () => {
    const redactor = createRedactor(['abcdef', 'abcdefghijklmnopqrstuvwxyz12', '1234']);
    expect(redactor.size).toBe(2);
    expect(redactor.redact('x abcdefghijklmnopqrstuvwxyz12 y abcdef z 1234')).toBe(
      'x …yz12 y •••• z 1234',
    );
  });

  it('knows the credential of an HTTP header value on its own (a server may echo just the token)', () => {
    const redactor = createRedactor(['Bearer wiki-token-5d2c8a1b7e']);
    expect(redactor.redact('got Bearer wiki-token-5d2c8a1b7e')).not.toContain('wiki-token');
    expect(redactor.redact('invalid token wiki-token-5d2c8a1b7e')).toBe('invalid token ••••');
  });
});
