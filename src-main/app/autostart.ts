/**
 * Start at login on Linux: an XDG autostart entry (ToolHive's `auto-launch.ts` does the same;
 * Electron's `setLoginItemSettings` covers macOS and Windows only).
 *
 * Pure text and path logic here; src-main/node/linux-autostart.ts writes and removes the file.
 * Spec: https://specifications.freedesktop.org/autostart-spec/latest/ and the Desktop Entry
 * spec's Exec quoting rules.
 */
import { HIDDEN_FLAG } from './launch-args.js';

export const AUTOSTART_FILE_NAME = 'dust-mcp-tray.desktop';

/** `$XDG_CONFIG_HOME/autostart/…`, falling back to `~/.config` when unset or not absolute. */
export function linuxAutostartPath(env: {
  home: string;
  xdgConfigHome?: string | undefined;
}): string {
  const configHome =
    env.xdgConfigHome !== undefined && env.xdgConfigHome.startsWith('/')
      ? env.xdgConfigHome
      : `${trimSlash(env.home)}/.config`;
  return `${trimSlash(configHome)}/autostart/${AUTOSTART_FILE_NAME}`;
}

/** What to run at login: the AppImage itself when running from one (its mount path changes). */
export function autostartCommand(runtime: {
  execPath: string;
  appImage?: string | undefined;
}): string[] {
  return [runtime.appImage || runtime.execPath, HIDDEN_FLAG];
}

export function linuxAutostartEntry(options: {
  name: string;
  comment: string;
  command: readonly string[];
}): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${escapeString(options.name)}`,
    `Comment=${escapeString(options.comment)}`,
    `Exec=${options.command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument: quoted when it holds a reserved character, with `"`, `` ` ``, `$` and `\`
 * backslash-escaped inside the quotes; `%` doubled (field codes); then the string-level escape
 * of `\`. A line break cannot be represented and is refused.
 */
export function quoteExecArg(arg: string): string {
  if (/[\n\r]/.test(arg)) throw new Error('An autostart command cannot contain a line break.');
  if (arg === '') return '""';
  const quoted = RESERVED.test(arg) ? `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : arg;
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

function escapeString(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
