import { describe, expect, it } from 'vitest';

import {
  DEFAULT_SIGNED_OUT_TIMEOUT_MS,
  parseHeadlessArgs,
  parseHeadlessCommand,
  UsageError,
} from './args.js';

describe('headless args', () => {
  it('parses every option and turns --allow into allow rules', () => {
    expect(
      parseHeadlessArgs([
        '--dust-url',
        'https://eu.dust.tt/',
        '--workspace',
        'w1',
        '--servers',
        's.json',
        '--allow',
        'files/read_*',
        '--allow',
        'everything/*',
      ]),
    ).toEqual({
      dustUrl: 'https://eu.dust.tt',
      workspaceId: 'w1',
      serversFile: 's.json',
      rules: [
        { server: 'files', tool: 'read_*', action: 'allow', source: 'headless-flag' },
        { server: 'everything', tool: '*', action: 'allow', source: 'headless-flag' },
      ],
      statusFile: undefined,
      signedOutTimeoutMs: DEFAULT_SIGNED_OUT_TIMEOUT_MS,
    });
  });

  it.each([
    [['--workspace', 'w', '--servers', 's'], 'Missing --dust-url'],
    [['--dust-url', 'https://d', '--servers', 's'], 'Missing --workspace'],
    [['--dust-url', 'https://d', '--workspace', 'w'], 'Missing --servers'],
    [['--dust-url', 'nope', '--workspace', 'w', '--servers', 's'], 'not a URL'],
    [['--dust-url', 'http://dust.tt', '--workspace', 'w', '--servers', 's'], 'https://'],
    [
      ['--dust-url', 'https://d', '--workspace', 'w', '--servers', 's', '--allow', 'files'],
      'SERVER/TOOL-GLOB',
    ],
    [
      ['--dust-url', 'https://d', '--workspace', 'w', '--servers', 's', '--token', 'x'],
      "Unknown option '--token'",
    ],
    [
      [
        '--dust-url',
        'https://d',
        '--workspace',
        'w',
        '--servers',
        's',
        '--signed-out-timeout',
        'soon',
      ],
      'number of seconds',
    ],
    [
      ['--dust-url', 'https://d', '--workspace', 'w', '--servers', 's', '--signed-out-timeout=-1'],
      'number of seconds',
    ],
    [
      ['--dust-url', 'https://d', '--workspace', 'w', '--servers', 's', '--status-file', ''],
      '--status-file needs a path',
    ],
  ])('rejects %j with a message and the usage', (argv, message) => {
    expect(() => parseHeadlessArgs(argv)).toThrow(UsageError);
    expect(() => parseHeadlessArgs(argv)).toThrow(message);
    expect(() => parseHeadlessArgs(argv)).toThrow('Usage: dust-mcp-bridge');
  });

  it('allows plain http for a loopback emulator', () => {
    expect(
      parseHeadlessArgs([
        '--dust-url',
        'http://127.0.0.1:4010',
        '--workspace',
        'w',
        '--servers',
        's',
      ]).dustUrl,
    ).toBe('http://127.0.0.1:4010');
  });

  it('reads --status-file and --signed-out-timeout (seconds)', () => {
    expect(
      parseHeadlessArgs([
        '--dust-url',
        'https://d',
        '--workspace',
        'w',
        '--servers',
        's',
        '--status-file',
        '/run/s.json',
        '--signed-out-timeout',
        '2.5',
      ]),
    ).toMatchObject({
      statusFile: '/run/s.json',
      signedOutTimeoutMs: 2_500,
    });
  });

  it('answers --help and --version before checking the rest', () => {
    expect(parseHeadlessCommand(['--help'])).toEqual({ kind: 'help' });
    expect(parseHeadlessCommand(['-h', '--workspace', 'w'])).toEqual({ kind: 'help' });
    expect(parseHeadlessCommand(['-V'])).toEqual({ kind: 'version' });
    expect(() => parseHeadlessCommand(['--help', '--nope'])).toThrow("Unknown option '--nope'");
  });
});
