import type { App } from 'electron';

import { parseLaunchArgs } from '../app/launch-args.js';

/**
 * Claims the single-instance lock; a second launch shows this instance's window instead.
 *
 * The second instance's argv, working directory and extra data come from whoever started it, so
 * nothing in them is acted on beyond the exact `--hidden` flag (a login item firing while the
 * app already runs must not pop the window up). Answers false when another instance owns the lock
 * and this one should quit.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  onSecondLaunch: (intent: { showWindow: boolean }) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => {
    onSecondLaunch({ showWindow: !parseLaunchArgs(Array.isArray(argv) ? argv : []).hidden });
  });
  return true;
}
