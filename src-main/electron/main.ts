import { join } from 'node:path';

import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  Menu,
  type MenuItemConstructorOptions,
  protocol,
  type Rectangle,
  screen,
  shell,
} from 'electron';

import type { AppHost } from '../app/app-host.js';
import { APP_PAGE_URL, APP_SCHEME } from '../app/app-protocol.js';
import { applicationMenuTemplate } from '../app/application-menu.js';
import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy.js';
import { createEventHub } from '../app/event-hub.js';
import { createExternalLinkPolicy } from '../app/external-links.js';
import { parseLaunchArgs } from '../app/launch-args.js';
import type { TrayMenuModel } from '../app/tray-menu.js';
import type { UpdateRunner } from '../app/update-policy-runner.js';
import { windowPositionNearTray } from '../app/window-position.js';
import type { AppNavigation } from '../shared/ipc-contract.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol-handler.js';
import { createAppWindow } from './app-window.js';
import { bootServices, createLateRouter } from './boot-services.js';
import { createDialogConfirmer } from './dialog-confirmer.js';
import { Broadcaster } from './ipc/broadcaster.js';
import { bindElectronIpc } from './ipc/electron-ipc.js';
import { SenderGuard } from './ipc/sender-guard.js';
import { prepareLaunchProfile } from './launch-profile.js';
import { createLoginItem } from './login-item.js';
import { createApprovalNotifier } from './notifier.js';
import { createShellQuitGate } from './shell-quit-gate.js';
import { createSignOutConfirmation } from './sign-out-dialog.js';
import { claimSingleInstance } from './single-instance.js';
import { createTrayController, type TrayController } from './tray/tray-controller.js';
import { startUpdater } from './updater.js';

// Composition root: adapters → services → IPC → tray. Bundled to out/main/main.cjs.
// Services start in boot-services.ts (demo mode: the bundled emulator; see README "Demo mode").
const outDir = join(__dirname, '..');
// The page is app://renderer/index.html, served from out/renderer (app-protocol-handler.ts), not
// a file:// URL: under file://, CSP 'self' matches every local file.
const appPageUrl = APP_PAGE_URL;
const platform = process.platform;
// Must happen before the app is ready (Electron's rule for privileged schemes).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// Before the single-instance lock, which Electron keys on userData (a demo gets its own).
const profile = prepareLaunchProfile(app, process.argv);

// Set once the shell is up; a second launch before that has nothing to show yet.
let onSecondLaunch: (intent: { showWindow: boolean }) => void = () => undefined;

if (!claimSingleInstance(app, (intent) => onSecondLaunch(intent))) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let tray: TrayController | null = null;
  const guard = new SenderGuard(appPageUrl);
  const hub = createEventHub({
    onListenerError: (error) => console.error('event listener failed', error),
  });
  const broadcaster = new Broadcaster(guard);
  hub.subscribe((event) => broadcaster.broadcast(event));
  const appInfo = { name: app.getName(), version: app.getVersion() };
  const late = createLateRouter(appInfo);
  let host: AppHost | null = null;
  const externalLinks = createExternalLinkPolicy();
  const loginItem = createLoginItem(app, platform);
  let trayModel: TrayMenuModel = {
    status: { kind: 'signed-out' },
    now: Date.now(),
    pending: [],
    servers: [],
    startAtLogin: { supported: loginItem.supported, enabled: false },
  };

  /** Shows (creating if needed) and focuses the window; only ever called from a person's action. */
  function showWindow(navigation?: AppNavigation, nearTray?: Rectangle): void {
    if (!window || window.isDestroyed()) {
      window = createAppWindow(BrowserWindow, {
        preloadPath: join(outDir, 'preload', 'index.cjs'),
        appPageUrl,
        contentSecurityPolicy: CONTENT_SECURITY_POLICY,
        externalLinks,
        openExternal: (url) => void shell.openExternal(url),
        guard,
        broadcaster,
      });
      const created = window;
      created.once('ready-to-show', () => created.show());
      // No menu item opens DevTools in a packaged build; nothing else may either.
      if (app.isPackaged)
        created.webContents.on('devtools-opened', () => created.webContents.closeDevTools());
    } else {
      window.show();
      window.focus();
    }
    if (nearTray) {
      const [width = 0, height = 0] = window.getSize();
      const workArea = screen.getDisplayNearestPoint({ x: nearTray.x, y: nearTray.y }).workArea;
      const position = windowPositionNearTray({
        trayBounds: nearTray,
        windowSize: { width, height },
        workArea,
      });
      if (position) window.setPosition(position.x, position.y);
    }
    // Held in the window's outbox until its page is listening.
    if (navigation) hub.publish('app:navigate', navigation);
  }

  onSecondLaunch = ({ showWindow: show }) => {
    if (show) showWindow();
  };

  let updater: UpdateRunner | null = null;
  const busy = () => ({
    pendingApprovals: trayModel.pending.length,
    runningCalls: host?.servers.runningCallCount() ?? 0,
  });
  function updateTray(change: Partial<TrayMenuModel>): void {
    trayModel = { ...trayModel, ...change, now: Date.now() };
    // The update item is rebuilt with every redraw, so "(waiting for N tool calls)" stays true.
    tray?.update({ ...trayModel, update: updater?.menuItem(busy()) ?? undefined });
  }

  /** A tray switch that could not be saved (a settings file the app cannot write) is logged. */
  const quietly = (change: Promise<void> | undefined) =>
    void change?.catch((error: unknown) =>
      console.error('[error] Could not change the servers', { error: String(error) }),
    );

  const quitGate = createShellQuitGate(() => host);

  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => quitGate.onBeforeQuit(event));
  app.on('will-quit', () => (globalShortcut.unregisterAll(), tray?.destroy()));

  void app.whenReady().then(async () => {
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler(join(outDir, 'renderer'), CONTENT_SECURITY_POLICY),
    );
    // Packaged builds: no DevTools, reload or force reload in the menu (or their shortcuts).
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate({
          packaged: app.isPackaged,
          platform,
          appName: app.getName(),
        }) as MenuItemConstructorOptions[],
      ),
    );
    if (platform === 'darwin') app.dock?.hide();
    // Windows shows a notification only for an app whose id matches its Start-menu shortcut
    // (electron-builder's appId).
    if (platform === 'win32') app.setAppUserModelId('tt.dust.mcp-tray');
    bindElectronIpc(late.router, guard, { onRendererReady: (id) => broadcaster.markReady(id) });
    trayModel.startAtLogin.enabled = await loginItem.isEnabled().catch(() => false);
    tray = createTrayController({
      iconDir: join(app.getAppPath(), 'assets', 'tray'),
      platform,
      initial: trayModel,
      now: () => Date.now(),
      onClick: (bounds) => showWindow(undefined, bounds),
      actions: {
        openRequest: (requestId) => showWindow({ view: 'request', requestId }),
        openWindow: () => showWindow(),
        setServerEnabled: (id, enabled) => quietly(host?.servers.setEnabled(id, enabled)),
        setAllServersEnabled: (enabled) => quietly(host?.servers.setAllEnabled(enabled)),
        restartServer: (id) => void host?.servers.restart(id),
        askAgent: () => showWindow({ view: 'ask' }),
        pauseApprovals: () => host?.services.pause.pause(15),
        resumeApprovals: () => host?.services.pause.resume(),
        setStartAtLogin: (enabled) =>
          void loginItem
            .setEnabled(enabled)
            .then(() => loginItem.isEnabled())
            .then((now) =>
              updateTray({ startAtLogin: { supported: loginItem.supported, enabled: now } }),
            )
            .catch((error: unknown) => console.error('could not change start at login', error)),
        quit: () => app.quit(),
      },
    });
    if (process.env['DUST_MCP_TRAY_E2E'] === '1') {
      // Lets the Electron e2e specs see the tray, which Electron offers no API to list.
      (globalThis as { __dustMcpTrayE2e?: unknown }).__dustMcpTrayE2e = {
        tray: () => tray?.describe(),
      };
    }
    const openedAtLogin = platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
    // Started at login: stay in the tray (macOS ignores openAsHidden since 13; the flag is ours).
    if (!parseLaunchArgs(process.argv, { openedAtLogin }).hidden) showWindow();
    host = await bootServices({
      profile,
      appInfo,
      hub,
      late,
      updateTray,
      openExternal: (url) => shell.openExternal(url),
      notifications: {
        sink: createApprovalNotifier((requestId) => showWindow({ view: 'request', requestId })),
        windowFocused: () => window?.isFocused() ?? false,
      },
      confirm: createDialogConfirmer(() => window),
      globalShortcuts: {
        register: (keys, onPress) => globalShortcut.register(keys, onPress),
        unregister: (keys) => globalShortcut.unregister(keys),
      },
      onAskShortcut: () => showWindow({ view: 'ask' }),
      confirmSignOut: createSignOutConfirmation(dialog, () => window),
      // The Settings view's switch: the tray's check mark follows it.
      loginItem: {
        supported: loginItem.supported,
        isEnabled: () => loginItem.isEnabled(),
        setEnabled: async (enabled) => {
          await loginItem.setEnabled(enabled);
          updateTray({
            startAtLogin: { supported: loginItem.supported, enabled: await loginItem.isEnabled() },
          });
        },
      },
    }).catch((error: unknown) => (console.error('the services could not start', error), null));
    // Checks at start and daily; restarts only on a click and only with no call pending or running.
    updater = startUpdater({ busy, onChange: () => updateTray({}) });
  });
}
