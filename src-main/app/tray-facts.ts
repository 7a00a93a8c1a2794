import type { AppServices } from './services/create-services.js';
import { fileProblems } from './services/file-problems.js';
import type { TrayMenuModel, TrayServer } from './tray-menu.js';
import { deriveTrayStatus } from './tray-model.js';

/** The part of the tray's model that comes from the services. */
export type TrayFactsModel = Pick<
  TrayMenuModel,
  'status' | 'pending' | 'servers' | 'askShortcut' | 'notice'
>;

/** The tray's facts from the services' state now; the shell draws them (electron/tray). */
const TRAY_STATES: Record<string, TrayServer['state']> = {
  ready: 'running',
  starting: 'starting',
  crashed: 'failed',
  hung: 'failed',
  backoff: 'failed',
  failed: 'failed',
};

export function trayFacts(app: AppServices, now: number): TrayFactsModel {
  const pending = app.approvals.snapshot().pending;
  const statuses = app.servers.statuses();
  const servers = statuses.map(({ name, entry, local }): TrayServer => {
    const state = local?.state.kind;
    return {
      id: name,
      name,
      enabled: entry.enabled,
      state: (state && TRAY_STATES[state]) ?? 'stopped',
    };
  });
  const connections = statuses.flatMap(({ dust }) => (dust ? [dust.state.kind] : []));
  const failed = servers.find((server) => server.state === 'failed');
  const connection = connections.some((kind) => kind === 'registering' || kind === 'reconnecting')
    ? 'connecting'
    : failed || connections.includes('failed')
      ? 'degraded'
      : 'online';
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
    pending: pending.map((call) => ({
      requestId: call.callId,
      agentName: call.agent ?? 'A Dust agent',
      toolName: call.tool,
      serverName: call.server,
    })),
    servers,
    // Shown next to "Ask an agent…" only when pressing it works.
    askShortcut:
      app.askShortcut.state.status === 'registered'
        ? (app.askShortcut.state.accelerator ?? undefined)
        : undefined,
    notice: trayNotice(app),
  };
}

/**
 * One short line for the tray when a data file was unreadable at start; the window has the rest.
 */
function trayNotice(app: AppServices): string | undefined {
  const problems = fileProblems(app);
  if (problems.length === 0) return undefined;
  const names = problems
    .map((problem) => (problem.file === 'settings' ? 'settings' : 'permissions'))
    .join(' and ');
  return `Your ${names} could not be read; open the window for details`;
}
