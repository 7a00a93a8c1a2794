import type { EventHub } from '../app/event-hub.js';
import { createHandlers } from '../app/handlers.js';
import { createIpcRouter, type IpcRouter } from '../app/ipc-router.js';
import type { TrayMenuModel } from '../app/tray-menu.js';
import type { Logger } from '../core/ports.js';
import type { AppInfo } from '../shared/ipc-contract.js';
import { startDemoSession } from './demo/demo-mode.js';
import type { LaunchProfile } from './launch-profile.js';
import type { ApprovalNotifier } from './notifier.js';
import { type ShellServices, startShellServices } from './shell-services.js';

/**
 * The IPC router exists before the services do (the window may open first): until they are up,
 * service channels answer `offline` in words; then the same router answers with them.
 */
export function createLateRouter(appInfo: AppInfo): { router: IpcRouter; attach(services: ShellServices, hub: EventHub): void } {
  let current = createIpcRouter(createHandlers({ appInfo }));
  return {
    router: { dispatch: (channel, raw) => current.dispatch(channel, raw) },
    attach: (services, hub) => {
      current = createIpcRouter(createHandlers({ appInfo, services: { app: services.app, hub } }));
    },
  };
}

const consoleLogger: Logger = {
  log: (level, message, fields) => {
    if (level === 'debug') return;
    (level === 'error' ? console.error : console.log)(`[${level}] ${message}`, fields ?? '');
  },
};

export interface BootOptions {
  profile: LaunchProfile;
  appInfo: AppInfo;
  hub: EventHub;
  late: ReturnType<typeof createLateRouter>;
  openExternal: (url: string) => Promise<void>;
  notifier: ApprovalNotifier;
  windowFocused: () => boolean;
  /** Called with the tray's facts on every change. */
  updateTray(facts: Pick<TrayMenuModel, 'status' | 'pending' | 'servers'>): void;
}

/** Starts the services (in demo mode against the bundled emulator) and plugs them into IPC and the tray. */
export async function bootServices(options: BootOptions): Promise<ShellServices> {
  const { profile } = options;
  const demo = profile.demo ? await startDemoSession({ dataDir: profile.dataDir, log: (line) => console.log(line) }) : undefined;
  const services = await startShellServices({
    hub: options.hub,
    dataDir: profile.dataDir,
    appVersion: options.appInfo.version,
    platformInfo: profile.platformInfo,
    openExternal: options.openExternal,
    notifier: options.notifier,
    windowFocused: options.windowFocused,
    logger: consoleLogger,
    ...(demo ? { demo } : {}),
  });
  options.late.attach(services, options.hub);
  const redraw = () => options.updateTray(services.trayFacts(Date.now()));
  services.onDidChange(redraw);
  redraw();
  return services;
}
