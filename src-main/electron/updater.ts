import { app, Notification } from 'electron';
import {
  autoUpdater,
  type ProgressInfo,
  type UpdateDownloadedEvent,
  type UpdateInfo,
} from 'electron-updater';

import type { BusyFacts, UpdateState } from '../app/update-policy.js';
import { createUpdateRunner, type UpdateRunner } from '../app/update-policy-runner.js';

/**
 * electron-updater wired to the update policy (src-main/app/update-policy{,-runner}.ts, where
 * every decision is tested).
 *
 * Downloads run in the background (`autoDownload`); the person restarts from the notification or
 * the tray menu, and only while nothing is pending. Quitting normally also installs
 * (`autoInstallOnAppQuit`), after the quit gate has answered pending calls. Inert in development
 * (`app.isPackaged` false) and where electron-updater cannot update (`isUpdaterActive`).
 *
 * `quitAndInstall` starts the installer and quits; the quit gate (before-quit) still runs its
 * shutdown, which has nothing to answer because a restart is only allowed when idle.
 */
export function startUpdater(options: {
  busy(): BusyFacts;
  onChange(state: UpdateState): void;
}): UpdateRunner | null {
  if (!app.isPackaged || !autoUpdater.isUpdaterActive()) return null;
  const notifications = new Set<Notification>();

  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = {
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: () => undefined,
  };

  const runner = createUpdateRunner({
    now: () => Date.now(),
    setTimer: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    check: () => autoUpdater.checkForUpdates(),
    // setImmediate: let the menu or notification click finish before the app starts quitting.
    install: () => setImmediate(() => autoUpdater.quitAndInstall(false, true)),
    busy: () => options.busy(),
    announce: (notice) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({
        title: notice.title,
        body: notice.body,
        silent: true,
      });
      // Kept referenced, or the click handler is garbage-collected with it.
      notifications.add(notification);
      notification.on('click', () => void runner.restart());
      notification.on('close', () => notifications.delete(notification));
      notification.show();
    },
    onChange: (state) => options.onChange(state),
  });

  autoUpdater.on('checking-for-update', () => runner.handle({ type: 'checking', at: Date.now() }));
  autoUpdater.on('update-available', (info: UpdateInfo) =>
    runner.handle({ type: 'available', version: info.version, at: Date.now() }),
  );
  autoUpdater.on('update-not-available', () =>
    runner.handle({ type: 'not-available', at: Date.now() }),
  );
  autoUpdater.on('download-progress', (progress: ProgressInfo) =>
    runner.handle({ type: 'progress', percent: progress.percent }),
  );
  autoUpdater.on('update-downloaded', (event: UpdateDownloadedEvent) =>
    runner.handle({ type: 'downloaded', version: event.version, at: Date.now() }),
  );
  autoUpdater.on('error', (error: Error) =>
    runner.handle({ type: 'error', message: error.message, at: Date.now() }),
  );

  return {
    ...runner,
    dispose: () => {
      runner.dispose();
      for (const notification of notifications) notification.close();
      notifications.clear();
      autoUpdater.removeAllListeners();
    },
  };
}
