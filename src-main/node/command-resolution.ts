/**
 * Finding a server's executable the way a shell would, and wrapping Windows batch shims.
 *
 * Pure apart from the `isFile` callback, so both platforms are unit-tested on any machine. Node's
 * `spawn` with `shell: false` cannot run `.cmd`/`.bat` files (CVE-2024-27980 made that an EINVAL),
 * and `npx`, `uvx` installed by npm, `pnpm`… are `.cmd` shims on Windows. We run them through
 * `cmd.exe /d /s /c "…"` with cross-spawn's quoting rather than `shell: true`, so no argument is
 * ever interpreted by a shell. See
 * https://github.com/moxystudio/node-cross-spawn/blob/master/lib/parse.js and lib/util/escape.js.
 */
import { posix, win32 } from 'node:path';

export type CommandPlatform = 'win32' | 'posix';

export interface ResolveCommandOptions {
  platform: CommandPlatform;
  /** The PATH to search (the login shell's, see shell-path.ts). */
  pathValue: string;
  /** Windows PATHEXT; default ".COM;.EXE;.BAT;.CMD". */
  pathExt?: string;
  /** Base for a relative command such as `./server.js` or `bin\\server.cmd`. */
  cwd: string;
  /** True if `path` is an existing regular file we may run. */
  isFile: (path: string) => boolean;
}

const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD';

/** The absolute path `command` runs, or null if no such file is on the PATH. */
export function resolveCommand(command: string, options: ResolveCommandOptions): string | null {
  const path = options.platform === 'win32' ? win32 : posix;
  const candidates =
    options.platform === 'win32' ? windowsNames(command, options.pathExt) : [command];
  const hasSeparator = options.platform === 'win32' ? /[\\/]/.test(command) : command.includes('/');
  if (hasSeparator || path.isAbsolute(command)) {
    return candidates.map((name) => path.resolve(options.cwd, name)).find(options.isFile) ?? null;
  }
  const delimiter = options.platform === 'win32' ? ';' : ':';
  for (const rawDir of options.pathValue.split(delimiter)) {
    // Windows PATH entries may be quoted; an empty entry would mean "the current directory",
    // which we never search (a server's cwd must not be able to plant an `npx`).
    const dir = rawDir.replace(/^"(.*)"$/, '$1');
    if (dir === '') continue;
    for (const name of candidates) {
      const full = path.join(dir, name);
      if (options.isFile(full)) return full;
    }
  }
  return null;
}

/**
 * `npx` → npx.COM, npx.EXE, …; a name that already has a PATHEXT extension is tried as is first.
 */
function windowsNames(command: string, pathExt = DEFAULT_PATHEXT): string[] {
  const extensions = pathExt.split(';').filter((ext) => ext !== '');
  const lower = command.toLowerCase();
  const hasKnownExtension = extensions.some((ext) => lower.endsWith(ext.toLowerCase()));
  return hasKnownExtension ? [command] : extensions.map((ext) => command + ext.toLowerCase());
}

export interface SpawnPlan {
  file: string;
  args: string[];
  windowsVerbatimArguments: boolean;
}

/** How to spawn a resolved file: directly, or a Windows batch file through cmd.exe. */
export function planSpawn(
  resolved: string,
  args: readonly string[],
  platform: CommandPlatform,
  comspec = 'cmd.exe',
): SpawnPlan {
  if (platform !== 'win32' || !/\.(cmd|bat)$/i.test(resolved)) {
    return { file: resolved, args: [...args], windowsVerbatimArguments: false };
  }
  // npm's node_modules/.bin shims re-expand %* once more, so their arguments are escaped twice.
  const isNpmShim = /node_modules[\\/]\.bin[\\/][^\\/]+\.cmd$/i.test(resolved);
  const line = [
    escapeCmdCommand(resolved),
    ...args.map((arg) => escapeCmdArgument(arg, isNpmShim)),
  ].join(' ');
  return { file: comspec, args: ['/d', '/s', '/c', `"${line}"`], windowsVerbatimArguments: true };
}

const CMD_META = /([()\][%!^"`<>&|;, *?])/g;

function escapeCmdCommand(command: string): string {
  return command.replace(CMD_META, '^$1');
}

/**
 * MSVCRT quoting (backslashes before quotes doubled), then every cmd metacharacter caret-escaped.
 */
export function escapeCmdArgument(arg: string, doubleEscape: boolean): string {
  let quoted = arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\*)$/, '$1$1');
  quoted = `"${quoted}"`.replace(CMD_META, '^$1');
  return doubleEscape ? quoted.replace(CMD_META, '^$1') : quoted;
}
