/**
 * The services as the Electron shell runs them: real adapters, events on the hub, the tray's
 * facts, approval notifications, and an orderly shutdown for the quit gate. Kept out of main.ts
 * so the composition root stays a page, and free of Electron imports so it type-checks (and
 * could run) without it: main.ts passes in the few Electron things it needs.
 */
import type { GlobalShortcuts } from '../app/ask-shortcut.js';
import type { EventHub } from '../app/event-hub.js';
import { approvalNotification, elicitationNotification, shouldNotify } from '../app/notification-policy.js';
import { type AppServices, createAppServices } from '../app/services/create-services.js';
import type { PlatformInfo } from '../app/services/import-service.js';
import { publishServiceEvents } from '../app/services/publish-events.js';
import type { TrayMenuModel, TrayServer } from '../app/tray-menu.js';
import { deriveTrayStatus } from '../app/tray-model.js';
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
  /** Notifications stay quiet while the person already looks at the window. */
  windowFocused: () => boolean;
  /** The desktop's global shortcuts; the "Ask an agent" one calls `onAskShortcut`. */
  globalShortcuts?: GlobalShortcuts;
  onAskShortcut?: () => void;
  demo?: DemoSession;
  logger: Logger;
}

export interface ShellServices {
  app: AppServices;
  /** What the tray shows, from the services' state now. */
  trayFacts(now: number): Pick<TrayMenuModel, 'status' | 'pending' | 'servers' | 'askShortcut'>;
  /** Fires whenever the tray may need a redraw. */
  onDidChange(listener: () => void): void;
  pendingCount(): number;
  /** Tool calls Dust sent that have not been answered yet (the updater never restarts over them). */
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
      if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return Promise.reject(new Error('Only https links are opened.'));
      return options.openExternal(parsed.href);
    },
  };
  const secrets: SecretStore | undefined = demo?.secrets;
  const app = await createAppServices(
    {
      ...createNodePorts(),
      ...(secrets ? { secrets } : {}),
      streams: new EventSourceStreams(),
      logger,
      urls: demo ? demo.urls(browser) : browser,
      ...(options.globalShortcuts ? { shortcuts: options.globalShortcuts } : {}),
    },
    { dataDir: options.dataDir, appVersion: options.appVersion, platformInfo: options.platformInfo },
  );
  const publishing = publishServiceEvents(app, hub);
  app.askShortcut.onDidPress(() => options.onAskShortcut?.());
  const notified = new Set<string>();
  app.approvals.onDidChange((delta) => {
    if (delta.kind === 'decided') {
      notified.delete(delta.decided.callId);
      options.notifier.close(delta.decided.callId);
      return;
    }
    const { call } = delta;
    const context = { windowFocused: options.windowFocused(), doNotDisturb: false, notificationsEnabled: app.settings.settings.approvals.notify, approvalsPaused: false, alreadyNotified: notified.has(call.callId) };
    if (!shouldNotify(context)) return;
    notified.add(call.callId);
    options.notifier.show(approvalNotification({ requestId: call.callId, agentName: call.agent ?? 'A Dust agent', toolName: call.tool, serverName: call.server }));
  });
  app.elicitations.onDidChange((delta) => {
    if (delta.kind === 'settled') {
      options.notifier.close(delta.id);
      return;
    }
    const form = delta.elicitation;
    const context = { windowFocused: options.windowFocused(), doNotDisturb: false, notificationsEnabled: app.settings.settings.approvals.notify, approvalsPaused: false, alreadyNotified: false };
    if (shouldNotify(context)) options.notifier.show(elicitationNotification(form));
  });
  if (demo) void demo.begin(app).catch((error: unknown) => logger.log('error', 'Demo mode could not sign in', { error: String(error) }));

  const listeners: Array<() => void> = [];
  const fire = () => listeners.forEach((listener) => listener());
  app.auth.onDidChange(fire);
  app.runtime.onDidChange(fire);
  app.settings.onDidChange(fire);
  app.approvals.onDidChange(fire);
  app.pause.onDidChange(fire);

  /** Turns the chosen servers on or off in one settings change (the runtime follows it). */
  const setEnabled = (chosen: (name: string) => boolean, enabled: boolean) =>
    void app.settings
      .update((current) => ({
        ...current,
        mcpServers: Object.fromEntries(Object.entries(current.mcpServers).map(([name, entry]) => [name, chosen(name) ? { ...entry, enabled } : entry])),
      }))
      .catch((error: unknown) => logger.log('error', 'Could not change the servers', { error: String(error) }));

  let shuttingDown: Promise<void> | undefined;
  return {
    app,
    trayFacts: (now) => trayFacts(app, now),
    onDidChange: (listener) => void listeners.push(listener),
    pendingCount: () => app.approvals.snapshot().pending.length,
    runningCallCount: () => {
      const host = app.runtime.bridgeHost;
      return host ? host.names().reduce((sum, name) => sum + (host.get(name)?.relay.pendingCallCount ?? 0), 0) : 0;
    },
    setServerEnabled: (name, enabled) => {
      if (app.settings.settings.mcpServers[name]) setEnabled((server) => server === name, enabled);
    },
    setAllServersEnabled: (enabled) => setEnabled(() => true, enabled),
    restartServer: (name) => void app.runtime.bridgeHost?.get(name)?.supervisor.restart(),
    pauseApprovals: (minutes) => app.pause.pause(minutes),
    resumeApprovals: () => app.pause.resume(),
    shutdown: () => {
      shuttingDown ??= (async () => {
        publishing.dispose();
        options.notifier.dispose();
        await app.dispose();
        await demo?.close();
      })();
      return shuttingDown;
    },
  };
}

const TRAY_STATES: Record<string, TrayServer['state']> = { ready: 'running', starting: 'starting', crashed: 'failed', hung: 'failed', backoff: 'failed' };

function trayFacts(app: AppServices, now: number): Pick<TrayMenuModel, 'status' | 'pending' | 'servers' | 'askShortcut'> {
  const host = app.runtime.bridgeHost;
  const pending = app.approvals.snapshot().pending;
  const servers = Object.entries(app.settings.settings.mcpServers).map(([name, entry]): TrayServer => {
    const state = host?.get(name)?.supervisor.state.kind;
    return { id: name, name, enabled: entry.enabled, state: (state && TRAY_STATES[state]) ?? 'stopped' };
  });
  const connections = Object.keys(app.settings.settings.mcpServers).flatMap((name) => {
    const state = host?.get(name)?.connection.state.kind;
    return state ? [state] : [];
  });
  const failed = servers.find((server) => server.state === 'failed');
  const connection = connections.some((kind) => kind === 'registering' || kind === 'reconnecting') ? 'connecting' : failed || connections.includes('failed') ? 'degraded' : 'online';
  const status = deriveTrayStatus({
    signedIn: app.auth.state.kind === 'signed-in',
    connection,
    ...(failed ? { degradedReason: `${failed.name} stopped working` } : {}),
    pendingCount: pending.length,
    pausedUntil: app.pause.pausedUntil ?? null,
    now,
  });
  return {
    status,
    pending: pending.map((call) => ({ requestId: call.callId, agentName: call.agent ?? 'A Dust agent', toolName: call.tool, serverName: call.server })),
    servers,
    // Shown next to "Ask an agent…" only when pressing it works.
    askShortcut: app.askShortcut.state.status === 'registered' ? (app.askShortcut.state.accelerator ?? undefined) : undefined,
  };
}
