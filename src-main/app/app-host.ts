import { type IDisposable, toDisposable } from '../core/lifecycle.js';
import type { AppInfo } from '../shared/ipc-contract.js';
import { ApprovalNotices, type NoticeSink } from './approval-notices.js';
import { createEventHub, type EventHub } from './event-hub.js';
import { createHandlers } from './handlers.js';
import { createIpcRouter, type IpcRouter } from './ipc-router.js';
import { elicitationNotification, shouldNotify } from './notification-policy.js';
import {
  type AppOptions,
  type AppPorts,
  type AppServices,
  createAppServices,
} from './services/create-services.js';
import { publishServiceEvents } from './services/publish-events.js';
import type { ServerControl } from './services/server-control.js';
import { trayFacts, type TrayFactsModel } from './tray-facts.js';
import { logUnexpectedIpcError } from './unexpected-errors.js';

export interface AppHostOptions extends Omit<AppOptions, 'appVersion'> {
  /** What `app:getInfo` answers; its version is also the app's (user agent, MCP client info). */
  appInfo: AppInfo;
  /**
   * The hub the window's transport listens to, when the shell made it before the services (the
   * Electron window opens first). Absent: the host makes one and disposes it with itself.
   */
  hub?: EventHub;
  /**
   * Desktop notifications for calls waiting for the person and forms a server asks them to fill
   * in; absent where nobody sees notifications (the harness, the test kit).
   */
  notifications?: {
    sink: NoticeSink & { dispose?(): void };
    /** They stay quiet while the person already looks at the window. */
    windowFocused: () => boolean;
  };
  /** What the "Ask an agent" global shortcut does (shows the composer on the desktop). */
  onAskShortcut?: () => void;
}

/** The running app as every entry point with a window sees it. */
export interface AppHost {
  services: AppServices;
  /** The same as `services.servers`: what the tray and the views say to a server. */
  servers: ServerControl;
  /** Every service change, published in order (ARCHITECTURE.md#snapshot-then-subscribe). */
  hub: EventHub;
  /** The IPC contract's handlers over these services; the caller binds a transport. */
  router: IpcRouter;
  /** What the tray shows, from the services' state now. */
  trayFacts(now: number): TrayFactsModel;
  /** Fires whenever the tray may need a redraw. */
  onDidChange(listener: () => void): IDisposable;
  /** Stops notifications and events, then the services (ARCHITECTURE.md#lifecycle). */
  dispose(): Promise<void>;
}

/**
 * Services + event hub + IPC router, the same for the Electron shell, the e2e harness and the
 * integration test kit (ARCHITECTURE.md#composition). Pure composition: every adapter comes in
 * through `ports`, and what differs between callers is an option here.
 */
export async function createAppHost(ports: AppPorts, options: AppHostOptions): Promise<AppHost> {
  const { appInfo, hub: givenHub, notifications, onAskShortcut, ...appOptions } = options;
  const services = await createAppServices(ports, { ...appOptions, appVersion: appInfo.version });
  const hub = givenHub ?? createEventHub();
  const publishing = publishServiceEvents(services, hub);
  const router = createIpcRouter(createHandlers({ appInfo, services: { app: services, hub } }), {
    onUnexpectedError: logUnexpectedIpcError(ports.logger, () => services.knownSecrets.current),
  });
  if (onAskShortcut) services.askShortcut.onDidPress(onAskShortcut);
  const notices = notifications && notify(services, ports, notifications);

  let disposing: Promise<void> | undefined;
  return {
    services,
    servers: services.servers,
    hub,
    router,
    trayFacts: (now) => trayFacts(services, now),
    onDidChange: (listener) => {
      const watched = [
        services.auth.onDidChange(listener),
        services.runtime.onDidChange(listener),
        services.settings.onDidChange(listener),
        services.approvals.onDidChange(listener),
        services.pause.onDidChange(listener),
      ];
      return toDisposable(() => watched.forEach((watch) => watch.dispose()));
    },
    dispose: () => {
      disposing ??= (async () => {
        publishing.dispose();
        notices?.dispose();
        await services.dispose();
        if (!givenHub) hub.dispose();
      })();
      return disposing;
    },
  };
}

/**
 * One notification for the first waiting call, then one "N calls waiting"
 * (approval-notices.ts); one per form a server asks the person to fill in.
 */
function notify(
  app: AppServices,
  ports: Pick<AppPorts, 'clock' | 'timers'>,
  { sink, windowFocused }: NonNullable<AppHostOptions['notifications']>,
): IDisposable {
  const context = () => ({
    windowFocused: windowFocused(),
    doNotDisturb: false,
    notificationsEnabled: app.settings.settings.approvals.notify,
    approvalsPaused: false,
  });
  const notices = new ApprovalNotices({
    approvals: app.approvals,
    clock: ports.clock,
    timers: ports.timers,
    sink,
    context,
  });
  const forms = app.elicitations.onDidChange((delta) => {
    if (delta.kind === 'settled') {
      sink.close(delta.id);
      return;
    }
    if (shouldNotify({ ...context(), alreadyNotified: false }))
      sink.show(elicitationNotification(delta.elicitation));
  });
  return toDisposable(() => {
    notices.dispose();
    forms.dispose();
    sink.dispose?.();
  });
}
