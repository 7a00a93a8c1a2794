/**
 * The services as the Electron shell runs them: real adapters, events on the hub, the tray's
 * facts, approval notifications, and an orderly shutdown for the quit gate. Kept out of main.ts
 * so the composition root stays a page, and free of Electron imports so it type-checks (and
 * could run) without it: main.ts passes in the few Electron things it needs.
 */
import { ApprovalNotices } from '../app/approval-notices.js';
import type { GlobalShortcuts } from '../app/ask-shortcut.js';
import type { Confirmer } from '../app/consent/confirmation.js';
import type { EventHub } from '../app/event-hub.js';
import { elicitationNotification, shouldNotify } from '../app/notification-policy.js';
import { type AppServices, createAppServices } from '../app/services/create-services.js';
import type { PlatformInfo } from '../app/services/import-service.js';
import { publishServiceEvents } from '../app/services/publish-events.js';
import type { LoginItemPort } from '../app/services/settings-handlers.js';
import type { ConfirmSignOut } from '../app/services/sign-out.js';
import type { TrayFactsModel } from '../app/tray-facts.js';
import { trayFacts } from '../app/tray-facts.js';
import { checkElicitationUrl } from '../core/elicitation/url-mode.js';
import type { Logger, SecretStore, UrlOpener } from '../core/ports.js';
import { createNodePorts } from '../node/create-node-ports.js';
import { EventSourceStreams } from '../node/eventsource-streams.js';
import type { DemoSession } from './demo/demo-mode.js';
import type { ApprovalNotifier } from './notifier.js';

export interface ShellServicesOptions {
  hub: EventHub;
  dataDir: string;
  appVersion: string;
  platformInfo: PlatformInfo;
  /** The system browser, for the sign-in page; only https URLs are handed to it. */
  openExternal: (url: string) => Promise<void>;
  notifier: ApprovalNotifier;
  /** The person's word before a program runs or a permission widens (a native dialog). */
  confirm: Confirmer;
  /** Notifications stay quiet while the person already looks at the window. */
  windowFocused: () => boolean;
  /** The desktop's global shortcuts; the "Ask an agent" one calls `onAskShortcut`. */
  globalShortcuts?: GlobalShortcuts;
  onAskShortcut?: () => void;
  loginItem?: LoginItemPort;
  demo?: DemoSession;
  logger: Logger;
  /** The native "Sign out of Dust?" dialog, shown when calls wait or run. */
  confirmSignOut?: ConfirmSignOut;
}

export interface ShellServices {
  app: AppServices;
  /** What the tray shows, from the services' state now. */
  trayFacts(now: number): TrayFactsModel;
  /** Fires whenever the tray may need a redraw. */
  onDidChange(listener: () => void): void;
  pendingCount(): number;
  /**
   * Tool calls Dust sent that have not been answered yet (the updater never restarts over them).
   */
  runningCallCount(): number;
  setServerEnabled(name: string, enabled: boolean): void;
  /** The tray's kill switch: every server off (or on) in one settings change. */
  setAllServersEnabled(enabled: boolean): void;
  restartServer(name: string): void;
  pauseApprovals(minutes: number): void;
  resumeApprovals(): void;
  /** Denies pending calls, deregisters, ends servers, flushes logs (the quit gate's shutdown). */
  shutdown(): Promise<void>;
}

export async function startShellServices(options: ShellServicesOptions): Promise<ShellServices> {
  const { hub, demo, logger } = options;
  const browser: UrlOpener = {
    open: (url) => {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' || parsed.username || parsed.password)
        return Promise.reject(new Error('Only https links are opened.'));
      return options.openExternal(parsed.href);
    },
  };
  // A local server's address, after the person allowed exactly it in the native dialog: checked
  // again here.
  const confirmedUrl: UrlOpener = {
    open: (url) => {
      const checked = checkElicitationUrl(url);
      return checked.ok
        ? options.openExternal(checked.url)
        : Promise.reject(new Error(`Not opened: ${checked.problem}.`));
    },
  };
  const secrets: SecretStore | undefined = demo?.secrets;
  const ports = createNodePorts();
  const app = await createAppServices(
    {
      ...ports,
      ...(secrets ? { secrets } : {}),
      streams: new EventSourceStreams(),
      logger,
      confirm: options.confirm,
      urls: demo ? demo.urls(browser) : browser,
      openConfirmedUrl: confirmedUrl,
      ...(options.globalShortcuts ? { shortcuts: options.globalShortcuts } : {}),
      ...(options.confirmSignOut ? { confirmSignOut: options.confirmSignOut } : {}),
      ...(options.loginItem ? { loginItem: options.loginItem } : {}),
    },
    {
      dataDir: options.dataDir,
      appVersion: options.appVersion,
      platformInfo: options.platformInfo,
    },
  );
  const publishing = publishServiceEvents(app, hub);
  app.askShortcut.onDidPress(() => options.onAskShortcut?.());
  // One notification for the first waiting call, then one "N calls waiting" (approval-notices.ts).
  const notices = new ApprovalNotices({
    approvals: app.approvals,
    clock: ports.clock,
    timers: ports.timers,
    sink: options.notifier,
    context: () => ({
      windowFocused: options.windowFocused(),
      doNotDisturb: false,
      notificationsEnabled: app.settings.settings.approvals.notify,
      approvalsPaused: false,
    }),
  });
  app.elicitations.onDidChange((delta) => {
    if (delta.kind === 'settled') {
      options.notifier.close(delta.id);
      return;
    }
    const form = delta.elicitation;
    const context = {
      windowFocused: options.windowFocused(),
      doNotDisturb: false,
      notificationsEnabled: app.settings.settings.approvals.notify,
      approvalsPaused: false,
      alreadyNotified: false,
    };
    if (shouldNotify(context)) options.notifier.show(elicitationNotification(form));
  });
  if (demo)
    void demo
      .begin(app)
      .catch((error: unknown) =>
        logger.log('error', 'Demo mode could not sign in', { error: String(error) }),
      );

  const listeners: Array<() => void> = [];
  const fire = () => listeners.forEach((listener) => listener());
  app.auth.onDidChange(fire);
  app.runtime.onDidChange(fire);
  app.settings.onDidChange(fire);
  app.approvals.onDidChange(fire);
  app.pause.onDidChange(fire);

  const quietly = (change: Promise<unknown>) =>
    void change.catch((error: unknown) =>
      logger.log('error', 'Could not change the servers', { error: String(error) }),
    );

  let shuttingDown: Promise<void> | undefined;
  return {
    app,
    trayFacts: (now) => trayFacts(app, now),
    onDidChange: (listener) => void listeners.push(listener),
    pendingCount: () => app.approvals.snapshot().pending.length,
    runningCallCount: () => app.servers.runningCallCount(),
    setServerEnabled: (name, enabled) => {
      if (app.settings.settings.mcpServers[name]) quietly(app.servers.setEnabled(name, enabled));
    },
    setAllServersEnabled: (enabled) => quietly(app.servers.setAllEnabled(enabled)),
    restartServer: (name) => void app.servers.restart(name),
    pauseApprovals: (minutes) => app.pause.pause(minutes),
    resumeApprovals: () => app.pause.resume(),
    shutdown: () => {
      shuttingDown ??= (async () => {
        publishing.dispose();
        notices.dispose();
        options.notifier.dispose();
        await app.dispose();
        await demo?.close();
      })();
      return shuttingDown;
    },
  };
}
