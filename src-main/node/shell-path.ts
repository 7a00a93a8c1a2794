/**
 * The PATH a server's command is looked up in: the user's login shell's.
 *
 * A GUI app on macOS starts from launchd with PATH=/usr/bin:/bin:/usr/sbin:/sbin, so `npx`,
 * `uvx` or `docker` from Homebrew, nvm or asdf are "not found" although they work in Terminal
 * (the most reported Claude Desktop MCP failure). Like VS Code (`shellEnv.ts`) we ask the login
 * shell once, interactively so ~/.zshrc runs too, and fall back to our own PATH if it is slow or
 * broken.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';

import type { LocalServerSpec } from '../core/ports.js';
import { type CommandPlatform, planSpawn, resolveCommand } from './command-resolution.js';
import type { PreparedCommand } from './stdio-mcp-processes.js';

const START = '__DUST_TRAY_PATH_START__';
const END = '__DUST_TRAY_PATH_END__';

export interface LoginShellPathOptions {
  shell?: string | undefined;
  timeoutMs?: number;
  fallback?: string;
}

/**
 * PATH as the login shell sets it, followed by any entries of `fallback` (our own PATH) it
 * lacks; just `fallback` when the shell is missing, fails or takes longer than `timeoutMs`.
 * Never rejects. Windows has no login shell: its GUI
 * apps already get the user's PATH.
 */
export function readLoginShellPath(options: LoginShellPathOptions = {}): Promise<string> {
  const fallback = options.fallback ?? process.env.PATH ?? '';
  const shell =
    options.shell ?? process.env.SHELL ?? (process.platform === 'darwin' ? '/bin/zsh' : undefined);
  if (process.platform === 'win32' || !shell) return Promise.resolve(fallback);
  // printf/printenv, not `echo $PATH`: fish keeps PATH as a list and would print it with spaces.
  const script = `printf '%s' '${START}'; printenv PATH; printf '%s' '${END}'`;
  return new Promise((resolve) => {
    execFile(
      shell,
      ['-ilc', script],
      {
        timeout: options.timeoutMs ?? 3_000,
        encoding: 'utf8',
        env: { ...process.env, DUST_TRAY_RESOLVING_PATH: '1' },
      },
      (_error, stdout) => {
        // Our own entries go last: the login shell's win, and nothing we could run is lost.
        const login = extractPath(stdout);
        resolve(login === null ? fallback : mergePaths(login, fallback, 'posix'));
      },
    );
  });
}

/** The PATH between our markers; rc files may print banners before and after it. */
export function extractPath(output: string | undefined): string | null {
  if (!output) return null;
  const start = output.lastIndexOf(START);
  const end = output.indexOf(END, start);
  if (start === -1 || end === -1) return null;
  const value = output.slice(start + START.length, end).trim();
  return value === '' ? null : value;
}

let cached: Promise<string> | undefined;

/** The login-shell PATH, computed once per process (it costs a shell start-up). */
export function loginShellPath(): Promise<string> {
  cached ??= readLoginShellPath();
  return cached;
}

export interface CommandPreparerOptions {
  searchPath?: () => Promise<string>;
  platform?: CommandPlatform;
  isFile?: (path: string) => boolean;
}

/**
 * Builds the `prepare` step of StdioMcpProcesses: finds the command on the server's own PATH
 * (if its env sets one) followed by the login shell's, gives the child that same PATH, and
 * wraps Windows shims. The child needs the login PATH too: an npm-installed server starts with
 * `#!/usr/bin/env node`, which fails on a GUI app's bare PATH even once the script is found.
 */
export function createCommandPreparer(options: CommandPreparerOptions = {}) {
  const platform = options.platform ?? (process.platform === 'win32' ? 'win32' : 'posix');
  const isFile = options.isFile ?? isExecutableFile;
  const searchPath = options.searchPath ?? loginShellPath;
  return async (spec: LocalServerSpec): Promise<PreparedCommand> => {
    const pathKey = Object.keys(spec.env).find((key) =>
      platform === 'win32' ? key.toUpperCase() === 'PATH' : key === 'PATH',
    );
    const pathValue = mergePaths(
      pathKey !== undefined ? spec.env[pathKey]! : '',
      await searchPath(),
      platform,
    );
    const cwd = spec.cwd ?? process.cwd();
    const pathExt =
      Object.entries(spec.env).find(([key]) => key.toUpperCase() === 'PATHEXT')?.[1] ??
      process.env.PATHEXT;
    const resolved = resolveCommand(spec.command, {
      platform,
      pathValue,
      cwd,
      isFile,
      ...(pathExt ? { pathExt } : {}),
    });
    if (resolved === null) {
      throw new Error(
        `Could not start "${spec.command}": it was not found on your PATH. ` +
          'Install it, or use its full path as the command.',
      );
    }
    const plan = planSpawn(resolved, spec.args, platform, process.env.ComSpec ?? 'cmd.exe');
    const env: Record<string, string> = { ...spec.env };
    if (pathKey !== undefined) delete env[pathKey];
    env.PATH = pathValue;
    return {
      file: plan.file,
      args: plan.args,
      env,
      windowsVerbatimArguments: plan.windowsVerbatimArguments,
    };
  };
}

/** `first` then the entries of `second` it lacks, empty entries dropped. */
export function mergePaths(first: string, second: string, platform: CommandPlatform): string {
  const delimiter = platform === 'win32' ? ';' : ':';
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const entry of [...first.split(delimiter), ...second.split(delimiter)]) {
    const key = platform === 'win32' ? entry.toLowerCase() : entry;
    if (entry === '' || seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  return entries.join(delimiter);
}

function isExecutableFile(path: string): boolean {
  try {
    const stats = statSync(path);
    // Owner, group or other execute bit; Windows has none, the extension decides there.
    return stats.isFile() && (process.platform === 'win32' || (stats.mode & 0o111) !== 0);
  } catch {
    return false;
  }
}
