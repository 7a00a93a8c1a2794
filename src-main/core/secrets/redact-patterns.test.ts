import { describe, expect, it } from 'vitest';

import { redactSecretPatterns } from './redact-patterns.js';

describe('redactSecretPatterns', () => {
  it.each([
    [
      'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzAxIn0.FAKEsignatureFAKE',
      'Authorization: Bearer …FAKE',
    ],
    [
      'spawn failed: GITHUB_TOKEN=ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEa1b2 rejected',
      'spawn failed: GITHUB_TOKEN=ghp_…a1b2 rejected',
    ],
    ['token xoxb-000000000000-000000000000-FAKEFAKEFAKE.', 'token xoxb-…FAKE.'],
    [
      'connect postgres://ada:FAKEpassword@db:5432/shop',
      'connect postgres://ada:••••@db:5432/shop',
    ],
    ['{"access_token":"abcdefgh12345","expires":30}', '{"access_token":"••••","expires":30}'],
    ['?client_secret=s3cr3tv4lue&x=1', '?client_secret=••••&x=1'],
    [
      'key -----BEGIN RSA PRIVATE KEY-----\nMIIFAKE\n-----END RSA PRIVATE KEY----- end',
      'key -----BEGIN PRIVATE KEY----- •••• -----END PRIVATE KEY----- end',
    ],
    ['AKIAFAKEFAKEFAKE0000 used', 'AKIA…0000 used'],
  ])('%j', (text, expected) => {
    expect(redactSecretPatterns(text)).toBe(expected);
  });

  it.each([
    'tools/call read_file {"path": "/tmp/notes.md"} took 12 ms',
    'server github registered as mcp-client-side:github.0123456789abcdef',
    'task-list updated; sk-learn installed',
    'the password field is empty',
  ])('leaves ordinary lines alone: %j', (text) => {
    expect(redactSecretPatterns(text)).toBe(text);
  });
});
