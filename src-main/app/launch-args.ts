/**
 * What a launch asks for, from its command line.
 *
 * The login item starts the app with `--hidden` (macOS ignores `openAsHidden` since 13, so the flag
 * is ours; ARCHITECTURE.md#tray-conventions). A second launch's argv comes from whoever ran it —
 * any program can start us with anything — so it is only ever looked at for that one exact flag: no
 * paths, URLs or options from it are acted on.
 */
export const HIDDEN_FLAG = '--hidden';

/**
 * `npm start -- --demo`: run against the bundled Dust emulator with a sample server, in a
 * throw-away profile. Read from this process's own argv only: a second launch's `--demo` is
 * ignored, so nobody can switch a running app over to a fake Dust.
 */
export const DEMO_FLAG = '--demo';

export interface LaunchIntent {
  /** Start (or stay) in the tray without showing the window. */
  hidden: boolean;
}

export function parseLaunchArgs(
  argv: readonly unknown[],
  options: { openedAtLogin?: boolean } = {},
): LaunchIntent {
  const hidden = argv.some((arg) => arg === HIDDEN_FLAG) || options.openedAtLogin === true;
  return { hidden };
}

/** Whether this (first) launch asked for demo mode; never consulted for a second launch's argv. */
export function isDemoLaunch(argv: readonly unknown[]): boolean {
  return argv.some((arg) => arg === DEMO_FLAG);
}
