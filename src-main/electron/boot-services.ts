/**
 * The app host as the Electron shell runs it: real Node adapters, the person's browser behind an
 * https-only check, native dialogs and notifications, and demo mode's bundled emulator. Free of
 * Electron imports so it type-checks (and runs, in demo-mode.test.ts) without it: main.ts passes
 * in the few Electron things it needs.
 */
import { type AppHost, type AppHostOptions, createAppHost } from '../app/app-host.js';
import { createHandlers } from '../app/handlers.js';
import { createIpcRouter, type IpcRouter } from '../app/ipc-router.js';
import type { AppPorts } from '../app/services/create-services.js';
import type { TrayFactsModel } from '../app/tray-facts.js';
import { checkElicitationUrl } from '../core/elicitation/url-mode.js';
import type { Logger, UrlOpener } from '../core/ports.js';
import { createNodePorts } from '../node/create-node-ports.js';
import { EventSourceStreams } from '../node/eventsource-streams.js';
import type { AppInfo } from '../shared/ipc-contract.js';
import { type DemoSession, startDemoSession } from './demo/demo-mode.js';
import type { LaunchProfile } from './launch-profile.js';

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
export function createLateRouter(appInfo: AppInfo): {
  router: IpcRouter;
  attach(host: Pick<AppHost, 'router'>): void;
} {
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
    attach: (host) => attach((current = host.router)),
  };
}

/** What main.ts hands in: the Electron things, as plain functions and ports. */
export type ShellOptions = AppHostOptions &
  Pick<AppPorts, 'confirm' | 'confirmSignOut' | 'loginItem'> & {
    /** The system browser; only https URLs (and addresses the person allowed) are handed to it. */
    openExternal: (url: string) => Promise<void>;
    /** The desktop's global shortcuts; the "Ask an agent" one calls `onAskShortcut`. */
    globalShortcuts?: AppPorts['shortcuts'];
    demo?: DemoSession;
    logger?: Logger;
  };

/** The host with the shell's adapters; disposing it also ends demo mode's emulator. */
export async function startShellHost(options: ShellOptions): Promise<AppHost> {
  const { demo, openExternal, confirm, confirmSignOut, loginItem, globalShortcuts, ...rest } =
    options;
  const { logger = consoleLogger, ...hostOptions } = rest;
  const browser: UrlOpener = {
    open: (url) => {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' || parsed.username || parsed.password)
        return Promise.reject(new Error('Only https links are opened.'));
      return openExternal(parsed.href);
    },
  };
  // A local server's address, after the person allowed exactly it in the native dialog: checked
  // again here.
  const confirmedUrl: UrlOpener = {
    open: (url) => {
      const checked = checkElicitationUrl(url);
      return checked.ok
        ? openExternal(checked.url)
        : Promise.reject(new Error(`Not opened: ${checked.problem}.`));
    },
  };
  const ports: AppPorts = {
    ...createNodePorts(),
    ...(demo ? { secrets: demo.secrets } : {}),
    streams: new EventSourceStreams(),
    logger,
    confirm,
    urls: demo ? demo.urls(browser) : browser,
    openConfirmedUrl: confirmedUrl,
    ...(globalShortcuts ? { shortcuts: globalShortcuts } : {}),
    ...(confirmSignOut ? { confirmSignOut } : {}),
    ...(loginItem ? { loginItem } : {}),
  };
  const host = await createAppHost(ports, hostOptions);
  if (!demo) return host;
  void demo
    .begin(host.services)
    .catch((error: unknown) =>
      logger.log('error', 'Demo mode could not sign in', { error: String(error) }),
    );
  let closing: Promise<void> | undefined;
  return { ...host, dispose: () => (closing ??= host.dispose().then(() => demo.close())) };
}

/**
 * Starts the host (in demo mode against the bundled emulator), plugs it into the late router,
 * and redraws the tray from its facts on every change.
 */
export async function bootServices(
  options: Omit<ShellOptions, 'dataDir' | 'platformInfo' | 'demo'> & {
    profile: LaunchProfile;
    late: ReturnType<typeof createLateRouter>;
    updateTray: (facts: TrayFactsModel) => void;
  },
): Promise<AppHost> {
  const { profile, late, updateTray, ...shell } = options;
  const demo = profile.demo
    ? await startDemoSession({ dataDir: profile.dataDir, log: (line) => console.log(line) })
    : undefined;
  const host = await startShellHost({
    ...shell,
    dataDir: profile.dataDir,
    platformInfo: profile.platformInfo,
    ...(demo ? { demo } : {}),
  });
  late.attach(host);
  const redraw = () => updateTray(host.trayFacts(Date.now()));
  host.onDidChange(redraw);
  redraw();
  return host;
}
