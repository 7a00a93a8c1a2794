import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { app,BrowserWindow } from 'electron';

import { createEventHub } from '../app/event-hub.js';
import { createHandlers } from '../app/handlers.js';
import { createIpcRouter } from '../app/ipc-router.js';
import { Broadcaster } from './ipc/broadcaster.js';
import { bindElectronIpc } from './ipc/electron-ipc.js';
import { SenderGuard } from './ipc/sender-guard.js';
import { createTrayController } from './tray/tray-controller.js';
import { secureWindowOptions } from './window-options.js';

// Composition root: adapters → services → IPC → tray. Bundled to out/main/main.cjs.
const outDir = join(__dirname, '..');
const rendererIndex = join(outDir, 'renderer', 'index.html');
const appPageUrl = pathToFileURL(rendererIndex).href;
const trayIconDir = join(app.getAppPath(), 'assets', 'tray');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  const guard = new SenderGuard(appPageUrl);
  const hub = createEventHub({ onListenerError: (error) => console.error('event listener failed', error) });
  const broadcaster = new Broadcaster(guard);
  hub.subscribe((event) => broadcaster.broadcast(event));
  const router = createIpcRouter(
    createHandlers({ appInfo: { name: app.getName(), version: app.getVersion() } }),
  );

  const showWindow = (): void => {
    if (!window || window.isDestroyed()) {
      window = new BrowserWindow(secureWindowOptions(join(outDir, 'preload', 'index.cjs')));
      const contents = window.webContents;
      guard.trust(contents);
      broadcaster.attach(contents);
      contents.setWindowOpenHandler(() => ({ action: 'deny' }));
      contents.on('will-navigate', (event) => event.preventDefault());
      contents.session.setPermissionRequestHandler((_contents, _permission, done) => done(false));
      void window.loadFile(rendererIndex);
      window.once('ready-to-show', () => window?.show());
      return;
    }
    window.show();
    window.focus();
  };

  app.on('second-instance', showWindow);
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);

  void app.whenReady().then(() => {
    if (process.platform === 'darwin') app.dock?.hide();
    bindElectronIpc(router, guard, { onRendererReady: (id) => broadcaster.markReady(id) });
    createTrayController({
      iconDir: trayIconDir,
      platform: process.platform,
      initial: {
        status: { kind: 'signed-out' },
        now: Date.now(),
        pending: [],
        servers: [],
        startAtLogin: { supported: false, enabled: false },
      },
      actions: {
        openRequest: showWindow,
        openWindow: showWindow,
        setServerEnabled: () => undefined,
        restartServer: () => undefined,
        askAgent: showWindow,
        pauseApprovals: () => undefined,
        resumeApprovals: () => undefined,
        setStartAtLogin: () => undefined,
        quit: () => app.quit(),
      },
    });
    showWindow();
  });
}
