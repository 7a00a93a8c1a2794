import type { GlobalShortcuts } from '../app/ask-shortcut.js';
import type { Confirmer } from '../app/consent/confirmation.js';
import type { EventHub } from '../app/event-hub.js';
import { createHandlers } from '../app/handlers.js';
import { createIpcRouter, type IpcRouter } from '../app/ipc-router.js';
import type { LoginItemPort } from '../app/services/settings-handlers.js';
import type { ConfirmSignOut } from '../app/services/sign-out.js';
import type { TrayFactsModel } from '../app/tray-facts.js';
import { logUnexpectedIpcError } from '../app/unexpected-errors.js';
import type { Logger } from '../core/ports.js';
import type { AppInfo } from '../shared/ipc-contract.js';
import { startDemoSession } from './demo/demo-mode.js';
import type { LaunchProfile } from './launch-profile.js';
import type { ApprovalNotifier } from './notifier.js';
import { type ShellServices, startShellServices } from './shell-services.js';

const consoleLogger: Logger = {
  log: (level, message, fields) => {
    if (level === 'debug') return;
    (level === 'error' ? console.error : console.log)(`[${level}] ${message}`, fields ?? '');
  },
};

/** How long a call made while the services start waits for them before answering `offline`. */
const STARTUP_WAIT_MS = 15_000;

/**
 * The IPC router exists before the services do (the window opens first). A service call made
 * meanwhile waits for them (up to 15 s), so the page's first snapshots are not lost to a race;
 * after that, or if they never start, it answers `offline` in words.
 */
export function createLateRouter(
  appInfo: AppInfo,
  logger: Logger = consoleLogger,
): { router: IpcRouter; attach(services: ShellServices, hub: EventHub): void } {
  const starting = createIpcRouter(createHandlers({ appInfo }));
  let attach: (router: IpcRouter) => void = () => undefined;
  const ready = new Promise<IpcRouter>((resolve) => (attach = resolve));
  let current: IpcRouter | undefined;
  const waitForServices = () =>
    Promise.race([
      ready,
      new Promise<IpcRouter>((resolve) =>
        setTimeout(() => resolve(current ?? starting), STARTUP_WAIT_MS).unref(),
      ),
    ]);
  return {
    router: {
      dispatch: async (channel, raw) => {
        if (current) return current.dispatch(channel, raw);
        if (channel === 'app:getInfo' || channel === 'app:rendererReady')
          return starting.dispatch(channel, raw);
        return (await waitForServices()).dispatch(channel, raw);
      },
    },
    attach: (services, hub) => {
      current = createIpcRouter(createHandlers({ appInfo, services: { app: services.app, hub } }), {
        onUnexpectedError: logUnexpectedIpcError(logger, () => services.app.knownSecrets.current),
      });
      attach(current);
    },
  };
}

export interface BootOptions {
  profile: LaunchProfile;
  appInfo: AppInfo;
  hub: EventHub;
  late: ReturnType<typeof createLateRouter>;
  openExternal: (url: string) => Promise<void>;
  notifier: ApprovalNotifier;
  /** Electron's native dialog, for the person's word (main.ts builds it). */
  confirm: Confirmer;
  windowFocused: () => boolean;
  /** Electron's globalShortcut, and what its "Ask an agent" shortcut does. */
  globalShortcuts: GlobalShortcuts;
  onAskShortcut: () => void;
  /** The native "Sign out of Dust?" dialog. */
  confirmSignOut?: ConfirmSignOut;
  /** "Start at login" for the Settings view (the tray's item uses the same one). */
  loginItem?: LoginItemPort;
  /** Called with the tray's facts on every change. */
  updateTray(facts: TrayFactsModel): void;
}

/**
 * Starts the services (in demo mode against the bundled emulator) and plugs them into IPC and the
 * tray.
 */
export async function bootServices(options: BootOptions): Promise<ShellServices> {
  const { profile } = options;
  const demo = profile.demo
    ? await startDemoSession({ dataDir: profile.dataDir, log: (line) => console.log(line) })
    : undefined;
  const services = await startShellServices({
    hub: options.hub,
    dataDir: profile.dataDir,
    appVersion: options.appInfo.version,
    platformInfo: profile.platformInfo,
    openExternal: options.openExternal,
    notifier: options.notifier,
    confirm: options.confirm,
    windowFocused: options.windowFocused,
    globalShortcuts: options.globalShortcuts,
    onAskShortcut: options.onAskShortcut,
    ...(options.loginItem ? { loginItem: options.loginItem } : {}),
    logger: consoleLogger,
    ...(demo ? { demo } : {}),
    ...(options.confirmSignOut ? { confirmSignOut: options.confirmSignOut } : {}),
  });
  options.late.attach(services, options.hub);
  const redraw = () => options.updateTray(services.trayFacts(Date.now()));
  services.onDidChange(redraw);
  redraw();
  return services;
}
