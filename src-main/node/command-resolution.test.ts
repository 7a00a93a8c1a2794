import { describe, expect, it } from 'vitest';

import { escapeCmdArgument, planSpawn, resolveCommand } from './command-resolution.js';

const files = (...paths: string[]) => {
  const set = new Set(paths.map((p) => p.toLowerCase()));
  return (path: string) => set.has(path.toLowerCase());
};

describe('resolveCommand on POSIX', () => {
  const base = { platform: 'posix' as const, cwd: '/home/me/project' };

  it('takes the first PATH entry that has the file, skipping empty entries', () => {
    const isFile = files('/opt/homebrew/bin/npx', '/usr/local/bin/npx', '/home/me/project/npx');
    expect(
      resolveCommand('npx', {
        ...base,
        pathValue: '::/usr/bin:/opt/homebrew/bin:/usr/local/bin',
        isFile,
      }),
    ).toBe('/opt/homebrew/bin/npx');
  });

  it('resolves relative and absolute paths against cwd without searching PATH', () => {
    const isFile = files('/home/me/project/bin/server', '/usr/bin/server');
    expect(resolveCommand('./bin/server', { ...base, pathValue: '/usr/bin', isFile })).toBe(
      '/home/me/project/bin/server',
    );
    expect(resolveCommand('/usr/bin/server', { ...base, pathValue: '', isFile })).toBe(
      '/usr/bin/server',
    );
    expect(resolveCommand('bin/missing', { ...base, pathValue: '/usr/bin', isFile })).toBeNull();
  });

  it('answers null when nothing matches', () => {
    expect(
      resolveCommand('uvx', { ...base, pathValue: '/usr/bin:/bin', isFile: files() }),
    ).toBeNull();
  });
});

describe('resolveCommand on Windows', () => {
  const base = { platform: 'win32' as const, cwd: 'C:\\Users\\me', pathExt: '.COM;.EXE;.BAT;.CMD' };

  it('finds npx as npx.cmd through PATHEXT, honouring PATHEXT order and quoted entries', () => {
    const isFile = files('C:\\Program Files\\nodejs\\npx.cmd', 'C:\\tools\\npx.exe');
    const pathValue = 'C:\\Windows\\system32;"C:\\Program Files\\nodejs";C:\\tools';
    expect(resolveCommand('npx', { ...base, pathValue, isFile })).toBe(
      'C:\\Program Files\\nodejs\\npx.cmd',
    );
    expect(
      resolveCommand('npx', { ...base, pathValue: 'C:\\tools;C:\\Program Files\\nodejs', isFile }),
    ).toBe('C:\\tools\\npx.exe');
  });

  it('uses an extension that is already there, case-insensitively', () => {
    const isFile = files('C:\\Python\\python.exe');
    expect(resolveCommand('python.EXE', { ...base, pathValue: 'C:\\Python', isFile })).toBe(
      'C:\\Python\\python.EXE',
    );
  });

  it('resolves a relative path with either separator against cwd', () => {
    const isFile = files('C:\\Users\\me\\bin\\server.cmd');
    expect(resolveCommand('bin/server', { ...base, pathValue: '', isFile })).toBe(
      'C:\\Users\\me\\bin\\server.cmd',
    );
  });
});

describe('planSpawn', () => {
  it('spawns executables directly', () => {
    expect(planSpawn('/usr/bin/node', ['a b'], 'posix')).toEqual({
      file: '/usr/bin/node',
      args: ['a b'],
      windowsVerbatimArguments: false,
    });
    expect(planSpawn('C:\\nodejs\\node.exe', ['x'], 'win32').file).toBe('C:\\nodejs\\node.exe');
  });

  it('runs .cmd shims through cmd.exe /d /s /c with every metacharacter escaped', () => {
    const plan = planSpawn(
      'C:\\Program Files\\nodejs\\npx.cmd',
      ['-y', '@scope/server', 'a&b', 'say "hi"'],
      'win32',
    );
    expect(plan.file).toBe('cmd.exe');
    expect(plan.windowsVerbatimArguments).toBe(true);
    expect(plan.args.slice(0, 3)).toEqual(['/d', '/s', '/c']);
    expect(plan.args[3]).toBe(
      '"C:\\Program^ Files\\nodejs\\npx.cmd ^"-y^" ^"@scope/server^" ^"a^&b^" ^"say^ \\^"hi\\^"^""',
    );
  });

  it('escapes twice for npm node_modules/.bin shims, which expand %* again', () => {
    const plan = planSpawn('C:\\p\\node_modules\\.bin\\server.cmd', ['100%'], 'win32');
    expect(plan.args[3]).toBe('"C:\\p\\node_modules\\.bin\\server.cmd ^^^"100^^^%^^^""');
  });

  it('doubles backslashes that precede a quote or the end (MSVCRT rules)', () => {
    expect(escapeCmdArgument('C:\\dir\\', false)).toBe('^"C:\\dir\\\\^"');
    expect(escapeCmdArgument('a\\"b', false)).toBe('^"a\\\\\\^"b^"');
  });
});
