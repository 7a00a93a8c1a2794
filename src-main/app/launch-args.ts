/**
 * What a launch asks for, from its command line.
 *
 * The login item starts the app with `--hidden` (macOS ignores `openAsHidden` since 13, so the
 * flag is ours; product-research.md §4). A second launch's argv comes from whoever ran it — any
 * program can start us with anything — so it is only ever looked at for that one exact flag:
 * no paths, URLs or options from it are acted on.
 */
export const HIDDEN_FLAG = '--hidden';

export interface LaunchIntent {
  /** Start (or stay) in the tray without showing the window. */
  hidden: boolean;
}

export function parseLaunchArgs(argv: readonly unknown[], options: { openedAtLogin?: boolean } = {}): LaunchIntent {
  const hidden = argv.some((arg) => arg === HIDDEN_FLAG) || options.openedAtLogin === true;
  return { hidden };
}
