import { describe, expect, it } from 'vitest';

import { InMemoryFiles } from '../../core/testing/in-memory-files.js';
import { RecordingLogger } from '../../core/testing/recording-logger.js';
import { HandlerError } from '../ipc-router.js';
import {
  commandLineHash,
  commandLineOfEntry,
  commandLineOfPlan,
  describeCommandLine,
} from './command-line.js';
import { type Confirmation, confirmationFor } from './confirmation.js';
import { ConsentService } from './consent-service.js';
import { ScriptedConfirmer } from './scripted-confirmer.js';
import { allowsManyTools } from './wide-rules.js';

const PATH = 'data/confirmed-commands.json';
const line = (args: string[] = ['server.js'], env: Record<string, string> = {}) =>
  commandLineOfEntry({ command: 'node', args, env });

describe('the command line the person confirms', () => {
  it('is the same for a form and the entry it saves to; keychain values count only as "a secret"', () => {
    const plan = {
      name: 'gh',
      base: { command: 'npx', args: ['-y', 'srv'], enabled: true, trusted: false },
      env: [
        { key: 'TOKEN', kind: 'new-secret' as const, value: 'ghp_typed_now' },
        { key: 'MODE', kind: 'plain' as const, value: 'fast' },
      ],
    };
    const saved = commandLineOfEntry({
      command: 'npx',
      args: ['-y', 'srv'],
      env: { TOKEN: '${secret:TOKEN_2}', MODE: 'fast' },
    });
    expect(commandLineHash(commandLineOfPlan(plan))).toBe(commandLineHash(saved));
    expect(JSON.stringify(commandLineOfPlan(plan))).not.toContain('ghp_typed_now');
  });

  it('changes with the command, an argument, the working directory, an env key or a plain env value', () => {
    const base = commandLineHash(line());
    expect(
      commandLineHash(commandLineOfEntry({ command: 'python', args: ['server.js'], env: {} })),
    ).not.toBe(base);
    expect(commandLineHash(line(['server.js', '--evil']))).not.toBe(base);
    expect(
      commandLineHash(
        commandLineOfEntry({ command: 'node', args: ['server.js'], env: {}, cwd: '/tmp' }),
      ),
    ).not.toBe(base);
    expect(commandLineHash(line(['server.js'], { NODE_OPTIONS: '--require=/tmp/x.js' }))).not.toBe(
      base,
    );
    expect(commandLineHash(line(['server.js'], { A: '1' }))).not.toBe(
      commandLineHash(line(['server.js'], { A: '2' })),
    );
    // A rotated keychain secret (or its name) asks nothing.
    expect(commandLineHash(line(['server.js'], { K: '${secret:K}' }))).toBe(
      commandLineHash(line(['server.js'], { K: '${secret:K_2}' })),
    );
  });

  it('is described with masked secret-looking arguments, env keys only, and visible bidi tricks', () => {
    const text = describeCommandLine(
      commandLineOfEntry({
        command: 'run\u202Egpj.sh',
        args: ['--token', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'two words'],
        env: { API_KEY: '${secret:API_KEY}', PLAIN: 'visible-value' },
      }),
    );
    expect(text).toContain("'run⟨U+202E⟩gpj.sh' --token 'ghp_");
    expect(text).toContain("'two words'");
    expect(text).not.toContain('0123456789abcdefghijklmnopqrstuvwxyz');
    expect(text).not.toContain('visible-value');
    expect(text).toContain('Environment: API_KEY (from the keychain), PLAIN (values not shown)');
    expect(describeCommandLine(line(['x'.repeat(5000)]))).toContain('more characters not shown');
  });

  it('words the dialog so "Don\'t allow" is the way out', () => {
    const question = confirmationFor('save', [
      { kind: 'run', server: 'gh', line: line() },
      { kind: 'trust', server: 'gh' },
    ]);
    expect(question).toMatchObject({
      title: 'Run a program on this computer?',
      message: 'Allow "gh" to run this program on this computer?',
      confirmLabel: 'Allow and run',
      cancelLabel: "Don't allow",
    });
    expect(question.detail).toContain(
      'Trust "gh": its tools that say they only read will run without asking you.',
    );
    expect(confirmationFor('rule', [{ kind: 'wide-rule', server: 'gh', tool: '*' }]).message).toBe(
      'Allow tools to run without asking you?',
    );
  });

  it('hands the Confirmer env keys only, never a value (plain ones included)', () => {
    const secretLine = commandLineOfEntry({
      command: 'node',
      args: ['--token', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'],
      env: { PLAIN_TOKEN: 'sk-live-plain-0123456789abcdef', MODE: 'fast' },
    });
    const question = confirmationFor('test', [{ kind: 'run', server: 's', line: secretLine }]);
    expect(question.items).toEqual([
      {
        kind: 'run',
        server: 's',
        line: {
          command: 'node',
          args: ['--token', expect.stringMatching(/^ghp_…/)],
          envKeys: ['MODE', 'PLAIN_TOKEN'],
        },
      },
    ]);
    expect(JSON.stringify(question)).not.toMatch(/sk-live-plain|fast|0123456789abcdefghij/);
  });

  it("a remote server's line is its URL (origin + path), transport and header names: values and query strings do not count", () => {
    const remote = (
      url: string,
      headers: Record<string, string> = { Authorization: '${secret:TOKEN}' },
      type?: 'http' | 'sse',
    ) => commandLineHash(commandLineOfEntry({ url, headers, ...(type ? { type } : {}) }));
    const base = remote('https://wiki.corp.example/mcp');
    expect(remote('https://wiki.corp.example/mcp?v=2')).toBe(base);
    expect(remote('https://wiki.corp.example/mcp', { Authorization: '${secret:TOKEN_2}' })).toBe(
      base,
    );
    expect(remote('https://wiki.corp.example/mcp', { authorization: 'Bearer x' })).toBe(base);
    expect(
      remote('https://wiki.corp.example/mcp', { Authorization: '${secret:TOKEN}' }, 'http'),
    ).toBe(base);
    expect(remote('https://wiki.corp.example.evil.io/mcp')).not.toBe(base);
    expect(remote('https://wiki.corp.example/other')).not.toBe(base);
    expect(
      remote('https://wiki.corp.example/mcp', {
        Authorization: '${secret:TOKEN}',
        Cookie: '${secret:C}',
      }),
    ).not.toBe(base);
    expect(remote('https://wiki.corp.example/mcp', undefined, 'sse')).not.toBe(base);
    // Never the same as a command line, whatever it is.
    expect(
      commandLineHash(
        commandLineOfEntry({ command: 'https://wiki.corp.example/mcp', args: [], env: {} }),
      ),
    ).not.toBe(base);
  });

  it('a form in Remote (URL) mode gives the line its saved entry will have', () => {
    const plan = {
      name: 'wiki',
      base: { command: '', args: [], enabled: true, trusted: false },
      env: [
        { key: 'Authorization', kind: 'new-secret' as const, value: 'Bearer typed-now-123456' },
      ],
      remote: { url: 'https://wiki.corp.example/mcp?tenant=a', type: 'http' as const },
    };
    const saved = commandLineOfEntry({
      url: 'https://wiki.corp.example/mcp?tenant=a',
      type: 'http',
      headers: { Authorization: '${secret:Authorization}' },
    });
    expect(commandLineHash(commandLineOfPlan(plan))).toBe(commandLineHash(saved));
    expect(JSON.stringify(commandLineOfPlan(plan))).not.toMatch(/typed-now|tenant/);
  });

  it('asks "Connect to a remote server?" with the host on its own and header names, never a value', () => {
    const line = commandLineOfEntry({
      url: 'https://wiki.corp.example:8443/mcp?key=abc',
      headers: { Authorization: '${secret:T}', 'X-Team': 'platform' },
    });
    const question = confirmationFor('save', [{ kind: 'run', server: 'wiki', line }]);
    expect(question).toMatchObject({
      title: 'Connect to a remote server?',
      message: 'Allow "wiki" to connect to wiki.corp.example:8443?',
      confirmLabel: 'Allow and connect',
    });
    expect(question.detail).toContain(
      'Connect for "wiki":\nHost: wiki.corp.example:8443\nURL: https://wiki.corp.example:8443/mcp\nTransport: Streamable HTTP\nSends headers: Authorization, X-Team',
    );
    expect(question.items).toEqual([
      {
        kind: 'run',
        server: 'wiki',
        line: {
          kind: 'remote',
          host: 'wiki.corp.example:8443',
          url: 'https://wiki.corp.example:8443/mcp',
          transport: 'http',
          headerNames: ['Authorization', 'X-Team'],
        },
      },
    ]);
    expect(JSON.stringify(question)).not.toMatch(/platform|key=abc/);
    const mixed = confirmationFor('import', [
      { kind: 'run', server: 'wiki', line },
      {
        kind: 'run',
        server: 'files',
        line: commandLineOfEntry({ command: 'npx', args: [], env: {} }),
      },
    ]);
    expect(mixed).toMatchObject({
      title: 'Run a program on this computer?',
      message: 'Allow 1 program(s) to run on this computer and 1 server(s) to connect?',
      confirmLabel: 'Allow and run',
    });
  });

  it('treats only allow rules with a glob as wide', () => {
    expect(allowsManyTools({ tool: '*', action: 'allow' })).toBe(true);
    expect(allowsManyTools({ tool: 'read_*', action: 'allow' })).toBe(true);
    expect(allowsManyTools({ tool: 'read_file', action: 'allow' })).toBe(false);
    expect(allowsManyTools({ tool: '*', action: 'deny' })).toBe(false);
  });
});

describe('ConsentService', () => {
  const start = async (
    answer: ScriptedConfirmer['answer'] = 'allow',
    files = new InMemoryFiles(),
  ) => {
    const person = new ScriptedConfirmer(answer);
    const logger = new RecordingLogger();
    const consent = await ConsentService.load({ confirmer: person, files, path: PATH, logger });
    return { consent, person, files, logger };
  };

  it('remembers a confirmed command line by hash in its own file, and asks nothing again', async () => {
    const { consent, person, files } = await start();
    await consent.require('test', [{ kind: 'run', server: 's', line: line() }]);
    await consent.require('save', [{ kind: 'run', server: 's', line: line() }]);
    expect(person.asked).toHaveLength(1);
    await consent.flush();
    expect(JSON.parse(files.peek(PATH)!)).toEqual({
      version: 1,
      commandLines: [commandLineHash(line())],
    });
    const again = await start('refuse', files);
    expect(again.consent.isConfirmed(line())).toBe(true);
  });

  it('a refusal throws forbidden in words and remembers nothing', async () => {
    const { consent, files } = await start('refuse');
    await expect(
      consent.require('enable', [{ kind: 'run', server: 's', line: line() }]),
    ).rejects.toEqual(
      new HandlerError('forbidden', 'You did not allow it, so the server stays off.'),
    );
    expect(consent.isConfirmed(line())).toBe(false);
    expect(files.peek(PATH)).toBeUndefined();
  });

  it('trust and wide rules are asked every time (they are changes, not command lines)', async () => {
    const { consent, person } = await start();
    await consent.require('save', [{ kind: 'trust', server: 's' }]);
    await consent.require('save', [{ kind: 'trust', server: 's' }]);
    expect(person.asked).toHaveLength(2);
  });

  it('keeps one question open at a time: a second one is refused at once, in words', async () => {
    let answer: (yes: boolean) => void = () => undefined;
    const { consent } = await start(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const first = consent.require('test', [{ kind: 'run', server: 'a', line: line(['a.js']) }]);
    await expect(
      consent.require('test', [{ kind: 'run', server: 'b', line: line(['b.js']) }]),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Another question is waiting'),
    });
    answer(true);
    await first;
  });

  it('a dialog that fails is not a yes', async () => {
    const { consent, logger } = await start(() => Promise.reject(new Error('no display')));
    await expect(
      consent.require('test', [{ kind: 'run', server: 'a', line: line() }]),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(logger.messages('error')).toEqual(['Could not ask for confirmation']);
  });

  it('an unreadable file means asking again, never a yes', async () => {
    const { consent, logger } = await start(
      'allow',
      new InMemoryFiles({ [PATH]: '{"version":1,"commandLines":["not-a-hash"]}' }),
    );
    expect(consent.isConfirmed(line())).toBe(false);
    expect(logger.messages('warn')).toHaveLength(1);
  });

  it('background starts: asked once in one batch; a refusal is not asked again until forgotten', async () => {
    const { consent, person } = await start('refuse');
    let changes = 0;
    consent.onDidChange(() => changes++);
    consent.requestStart('a', line(['a.js']));
    consent.requestStart('a', line(['a.js']));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(changes).toBe(1);
    expect(consent.blockedWords(line(['a.js']))).toContain('you did not allow');
    consent.requestStart('a', line(['a.js']));
    expect(person.asked.map((question: Confirmation) => question.action)).toEqual(['start']);
    consent.forgetRefusal(line(['a.js']));
    consent.requestStart('a', line(['a.js']));
    expect(person.asked).toHaveLength(2);
  });
});
