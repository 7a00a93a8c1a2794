import { app, Notification } from 'electron';
import { autoUpdater, type ProgressInfo, type UpdateDownloadedEvent, type UpdateInfo } from 'electron-updater';

import type { TrayMenuItem } from '../app/tray-menu.js';
import {
  type BusyFacts,
  initialUpdateState,
  mayRestartNow,
  nextCheckAt,
  reduceUpdate,
  type RestartDecision,
  type UpdateEvent,
  updateMenuItem,
  updateNotice,
  type UpdateState,
} from '../app/update-policy.js';

export interface Updater {
  state(): UpdateState;
  /** The tray entry ("Restart to update to X"), or null when there is nothing to offer. */
  menuItem(busy: BusyFacts): TrayMenuItem | null;
  /** Restarts into the downloaded update if `mayRestartNow` allows it; says why not otherwise. */
  restart(): RestartDecision;
  dispose(): void;
}

/** Timers are re-armed at least hourly, so a machine that slept past a due check catches up. */
const MAX_TIMER_MS = 60 * 60_000;

/**
 * electron-updater wired to the pure policy in src-main/app/update-policy.ts.
 *
 * Downloads run in the background (`autoDownload`); the person restarts from the notification or
 * the tray menu, and only while nothing is pending (`busy()` is read at the moment of the click,
 * not when the menu was drawn). Quitting normally also installs (`autoInstallOnAppQuit`), after
 * the quit gate has answered pending calls. Inert in development (`app.isPackaged` false) and
 * where electron-updater cannot update (a deb installed by hand, a non-AppImage Linux run).
 *
 * `quitAndInstall` starts the installer and quits; the quit gate (before-quit) still runs its
 * shutdown, which has nothing to answer because a restart is only allowed when idle.
 */
export function startUpdater(options: { busy(): BusyFacts; onChange(state: UpdateState): void }): Updater {
  let state = initialUpdateState(Date.now());
  let timer: NodeJS.Timeout | null = null;
  const notifications = new Set<Notification>();
  const active = app.isPackaged && autoUpdater.isUpdaterActive();

  const restart = (): RestartDecision => {
    const decision = mayRestartNow(state, options.busy());
    // setImmediate: let the menu or notification click finish before the app starts quitting.
    if (decision.allowed) setImmediate(() => autoUpdater.quitAndInstall(false, true));
    return decision;
  };

  const announce = (): void => {
    const notice = updateNotice(state);
    if (!notice) return;
    state = reduceUpdate(state, { type: 'announced', version: notice.version });
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body, silent: true });
    // Kept referenced, or the click handler is garbage-collected with it.
    notifications.add(notification);
    notification.on('click', () => void restart());
    notification.on('close', () => notifications.delete(notification));
    notification.show();
  };

  const dispatch = (event: UpdateEvent): void => {
    state = reduceUpdate(state, event);
    announce();
    schedule();
    options.onChange(state);
  };

  const check = (): void => {
    autoUpdater.checkForUpdates().catch((error: unknown) => dispatch({ type: 'error', message: String(error), at: Date.now() }));
  };

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const due = nextCheckAt(state);
    if (!active || due === null) return;
    const wait = Math.max(0, due - Date.now());
    timer = setTimeout(() => (Date.now() >= due ? check() : schedule()), Math.min(wait, MAX_TIMER_MS));
  }

  if (active) {
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.logger = { info: console.info, warn: console.warn, error: console.error, debug: () => undefined };
    autoUpdater.on('checking-for-update', () => dispatch({ type: 'checking', at: Date.now() }));
    autoUpdater.on('update-available', (info: UpdateInfo) => dispatch({ type: 'available', version: info.version, at: Date.now() }));
    autoUpdater.on('update-not-available', () => dispatch({ type: 'not-available', at: Date.now() }));
    autoUpdater.on('download-progress', (progress: ProgressInfo) => dispatch({ type: 'progress', percent: progress.percent }));
    autoUpdater.on('update-downloaded', (event: UpdateDownloadedEvent) =>
      dispatch({ type: 'downloaded', version: event.version, at: Date.now() }),
    );
    autoUpdater.on('error', (error: Error) => dispatch({ type: 'error', message: error.message, at: Date.now() }));
    schedule();
  }

  return {
    state: () => state,
    menuItem: (busy) => updateMenuItem(state, busy, () => void restart()),
    restart,
    dispose: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      for (const notification of notifications) notification.close();
      notifications.clear();
      if (active) autoUpdater.removeAllListeners();
    },
  };
}
