import { describe, expect, it } from 'vitest';

import {
  detectSecret,
  detectSecretsInArgs,
  detectSecretsInEnv,
  keyWords,
  shannonEntropy,
} from './detect.js';

// Fake secrets: right shape, obviously not real.
const FAKE = {
  ghp: 'ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE1234',
  pat: 'github_pat_11FAKEFAKE0123456789_FAKEFAKEFAKEFAKEFAKE',
  openai: 'sk-proj-FAKEFAKEFAKEFAKEFAKEFAKE0000',
  anthropic: 'sk-ant-api03-FAKEFAKEFAKEFAKEFAKE-0000',
  stripe: 'sk_live_FAKEFAKEFAKEFAKE0000',
  slackBot: 'xoxb-000000000000-000000000000-FAKEFAKEFAKE',
  slackUser: 'xoxp-000000000000-FAKEFAKE',
  aws: 'AKIAFAKEFAKEFAKE0000',
  gitlab: 'glpat-FAKEFAKEFAKEFAKE0000',
  google: 'AIzaFAKEFAKEFAKEFAKEFAKEFAKEFAKE_-00000',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlLXVzZXIifQ.FAKEsignatureFAKEsignature',
  random: 'q8Zr3LwT0pXv7NcK2sYb9HdF4mJg6AeRuW1iOl5',
  hex64: '3f9a1c7e5b2d8f4a6c0e9b1d3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a',
};

describe('detectSecret — decision table', () => {
  it.each([
    // [key, value, expected signal or null, why]
    ['GITHUB_TOKEN', 'anything-at-all', 'name', 'name contains TOKEN'],
    ['SLACK_BOT_TOKEN', FAKE.slackBot, 'prefix', 'value prefix wins over the name'],
    ['DB_PASSWORD', 'hunter2', 'name', 'short passwords count too'],
    ['PASSWD', 'hunter2', 'name', 'PASSWD'],
    ['OPENAI_API_KEY', 'abc', 'name', 'API_KEY pair'],
    ['apiKey', 'abc', 'name', 'camelCase APIKEY'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG', 'name', 'SECRET'],
    ['AWS_ACCESS_KEY_ID', FAKE.aws, 'prefix', 'AKIA id'],
    ['SSH_PRIVATE_KEY', 'key material', 'name', 'PRIVATE_KEY'],
    ['GOOGLE_CREDENTIALS', '{"type":"service_account"}', 'name', 'CREDENTIALS'],
    ['BASIC_AUTH', 'user:pass', 'name', 'AUTH'],
    ['ANYTHING', FAKE.ghp, 'prefix', 'ghp_'],
    ['ANYTHING', FAKE.pat, 'prefix', 'github_pat_'],
    ['ANYTHING', FAKE.openai, 'prefix', 'sk-'],
    ['ANYTHING', FAKE.anthropic, 'prefix', 'sk-ant-'],
    ['ANYTHING', FAKE.stripe, 'prefix', 'sk_live_'],
    ['ANYTHING', FAKE.slackUser, 'prefix', 'xoxp-'],
    ['ANYTHING', FAKE.gitlab, 'prefix', 'glpat-'],
    ['ANYTHING', FAKE.google, 'prefix', 'AIza'],
    ['ANYTHING', FAKE.jwt, 'jwt', 'JWT'],
    [
      'DATABASE_URL',
      'postgres://app:FAKEpass@db.local:5432/app',
      'url-password',
      'URL with password',
    ],
    [
      'ANYTHING',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nFAKE\n-----END OPENSSH PRIVATE KEY-----',
      'private-key',
      'PEM',
    ],
    ['ANYTHING', FAKE.random, 'entropy', 'long random string'],
    ['ANYTHING', FAKE.hex64, 'entropy', '64 hex chars'],
    [
      'HEADER',
      'Bearer ${secret:X} and ${secret:Y',
      'placeholder',
      'placeholder-looking text is stored whole',
    ],
    // Not secrets
    ['AUTH_URL', 'https://auth.example.com', null, 'harmless last word URL'],
    ['GITHUB_TOKEN', '${secret:GITHUB_TOKEN}', null, 'already a placeholder'],
    ['API_KEY', '${env:API_KEY}', null, 'an env reference is not a value'],
    ['API_KEY', '${input:api-key}', null, 'a VS Code input is not a value'],
    ['TOKEN_LIMIT', '4000', null, 'harmless last word'],
    ['MAX_TOKENS', '4000', null, 'a number'],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/home/ada/creds.json', null, 'a path'],
    ['PASSWORD_FILE', '/run/secrets/db', null, 'harmless last word FILE'],
    ['AUTH_ENABLED', 'true', null, 'a flag'],
    ['AUTHOR', 'Ada Lovelace', null, 'AUTHOR is not AUTH'],
    ['OAUTH_CLIENT_ID', 'my-client', null, 'OAUTH is not AUTH, ID is harmless'],
    ['PWD', '/tmp', null, 'PWD is the working directory'],
    ['GITHUB_TOKEN', '', null, 'empty'],
    ['API_BASE', 'https://api.example.com/v1', null, 'URL without password'],
    ['WORKSPACE_ID', '0b8d7c1e-5f3a-4e2b-9c6d-1a2b3c4d5e6f', null, 'a UUID is an id'],
    ['GIT_SHA', '3f9a1c7e5b2d8f4a6c0e9b1d3f5a7c9e2b4d6f8a', null, '40 hex chars: a commit'],
    ['TASK', 'sk-learn', null, 'sk- too short'],
    ['NOTE', 'AKIA is an AWS prefix', null, 'AKIA in a sentence'],
    [
      'ALLOWED_DIRS',
      '/Users/ada/projects:/Users/ada/Documents/notes-and-stuff',
      null,
      'long path list',
    ],
    ['LOG_LEVEL', 'debug', null, 'plain setting'],
  ])('%s=%j → %s (%s)', (key, value, expected, _why) => {
    const finding = detectSecret(key, value);
    expect(finding?.signal ?? null).toBe(expected);
    if (finding) {
      expect(finding.envKey).toBe(key);
      expect(finding.reason).not.toContain(value);
    }
  });

  it('explains why in words', () => {
    expect(detectSecret('X', FAKE.ghp)?.reason).toBe(
      'value starts with "ghp_", the prefix of a GitHub personal access token',
    );
    expect(detectSecret('GITHUB_TOKEN', 'abc')?.reason).toBe('name "GITHUB_TOKEN" contains TOKEN');
    expect(detectSecret('X', FAKE.random)?.reason).toMatch(
      /^value is a 39-character random-looking string \(\d\.\d bits per character\)$/,
    );
  });

  it('scans a whole env map in key order', () => {
    const findings = detectSecretsInEnv({ Z_TOKEN: 'abc', PATH: '/usr/bin', A_KEY: FAKE.ghp });
    expect(findings.map((f) => f.envKey)).toEqual(['A_KEY', 'Z_TOKEN']);
  });
});

describe('detectSecretsInArgs', () => {
  it('flags token-shaped arguments and values after secret-sounding options, never the option itself', () => {
    expect(
      detectSecretsInArgs([
        '-y',
        '@modelcontextprotocol/server-github',
        '--token',
        'abc123',
        `--api-key=${FAKE.openai}`,
        FAKE.ghp,
        '--token-file',
        '/x',
      ]),
    ).toEqual([
      { index: 3, reason: 'follows the option "--token", which contains TOKEN' },
      { index: 4, reason: 'value starts with "sk-", the prefix of an OpenAI-style API key' },
      {
        index: 5,
        reason: 'value starts with "ghp_", the prefix of a GitHub personal access token',
      },
    ]);
  });

  it('judges KEY=value arguments (docker -e) like env entries', () => {
    expect(
      detectSecretsInArgs([
        'run',
        '-e',
        'GITHUB_TOKEN=abc123',
        '-e',
        'LOG_LEVEL=debug',
        '-e',
        'GITHUB_TOKEN',
        'image',
      ]),
    ).toEqual([{ index: 2, reason: 'name "GITHUB_TOKEN" contains TOKEN' }]);
  });
});

describe('helpers', () => {
  it('splits keys into words', () => {
    expect(keyWords('githubPersonalAccessToken')).toEqual([
      'GITHUB',
      'PERSONAL',
      'ACCESS',
      'TOKEN',
    ]);
    expect(keyWords('x-api-key')).toEqual(['X', 'API', 'KEY']);
  });

  it('measures entropy', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});
