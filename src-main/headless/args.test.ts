import { describe, expect, it } from 'vitest';

import { parseHeadlessArgs, UsageError } from './args.js';

describe('headless args', () => {
  it('parses every option and turns --allow into allow rules', () => {
    expect(
      parseHeadlessArgs(['--dust-url', 'https://eu.dust.tt/', '--workspace', 'w1', '--servers', 's.json', '--allow', 'files/read_*', '--allow', 'everything/*']),
    ).toEqual({
      dustUrl: 'https://eu.dust.tt',
      workspaceId: 'w1',
      serversFile: 's.json',
      rules: [
        { server: 'files', tool: 'read_*', action: 'allow', source: 'headless-flag' },
        { server: 'everything', tool: '*', action: 'allow', source: 'headless-flag' },
      ],
    });
  });

  it.each([
    [['--workspace', 'w', '--servers', 's'], 'Missing --dust-url'],
    [['--dust-url', 'https://d', '--servers', 's'], 'Missing --workspace'],
    [['--dust-url', 'https://d', '--workspace', 'w'], 'Missing --servers'],
    [['--dust-url', 'nope', '--workspace', 'w', '--servers', 's'], 'not a URL'],
    [['--dust-url', 'http://dust.tt', '--workspace', 'w', '--servers', 's'], 'https://'],
    [['--dust-url', 'https://d', '--workspace', 'w', '--servers', 's', '--allow', 'files'], 'SERVER/TOOL-GLOB'],
    [['--dust-url', 'https://d', '--workspace', 'w', '--servers', 's', '--token', 'x'], "Unknown option '--token'"],
  ])('rejects %j with a message and the usage', (argv, message) => {
    expect(() => parseHeadlessArgs(argv)).toThrow(UsageError);
    expect(() => parseHeadlessArgs(argv)).toThrow(message);
    expect(() => parseHeadlessArgs(argv)).toThrow('Usage: npm run headless');
  });

  it('allows plain http for a loopback emulator', () => {
    expect(parseHeadlessArgs(['--dust-url', 'http://127.0.0.1:4010', '--workspace', 'w', '--servers', 's']).dustUrl).toBe('http://127.0.0.1:4010');
  });
});
