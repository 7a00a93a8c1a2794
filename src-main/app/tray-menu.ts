import { minutesLeft, oneLine, type TrayStatus, trayStatusText } from './tray-model.js';

/**
 * The tray menu as plain data (ToolHive / MCP Router convention, ARCHITECTURE.md#tray-conventions):
 * a disabled status line first, then what needs the person, then the app's own controls.
 * The Electron adapter turns this into `Menu.buildFromTemplate`; everything decided here is
 * tested without Electron.
 */

export interface TrayPendingCall {
  requestId: string;
  agentName: string;
  toolName: string;
  serverName: string;
}

export type TrayServerState = 'running' | 'starting' | 'stopped' | 'failed';

export interface TrayServer {
  id: string;
  name: string;
  enabled: boolean;
  state: TrayServerState;
}

export interface TrayMenuModel {
  status: TrayStatus;
  now: number;
  pending: readonly TrayPendingCall[];
  servers: readonly TrayServer[];
  startAtLogin: { supported: boolean; enabled: boolean };
  /** The global shortcut that opens the composer, when registered: shown beside the item. */
  askShortcut?: string | undefined;
  /**
   * A data file was unreadable at start: one disabled line under the status (the window says more).
   */
  notice?: string | undefined;
  /** "Restart to update to X" (update-policy.ts `updateMenuItem`), when an update is ready. */
  update?: TrayMenuItem | undefined;
}

export interface TrayMenuActions {
  openRequest(requestId: string): void;
  openWindow(): void;
  setServerEnabled(serverId: string, enabled: boolean): void;
  /** The kill switch: every server off (deregistered, process ended) or back on, in one step. */
  setAllServersEnabled(enabled: boolean): void;
  restartServer(serverId: string): void;
  askAgent(): void;
  pauseApprovals(minutes: number): void;
  resumeApprovals(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

export type TrayMenuItem =
  | { type: 'separator' }
  | {
      type: 'normal';
      id: string;
      label: string;
      enabled: boolean;
      click?: () => void;
      accelerator?: string;
    }
  | {
      type: 'checkbox';
      id: string;
      label: string;
      enabled: boolean;
      checked: boolean;
      click: () => void;
    }
  | { type: 'submenu'; id: string; label: string; enabled: boolean; submenu: TrayMenuItem[] };

/** How many pending calls the menu lists before "N more…"; menus are not scroll views. */
export const TRAY_MAX_PENDING = 5;
export const PAUSE_MINUTES = 15;

const separator: TrayMenuItem = { type: 'separator' };

const serverStateWords: Record<TrayServerState, string> = {
  running: 'running',
  starting: 'starting…',
  stopped: 'stopped',
  failed: 'failed',
};

export function trayMenuTemplate(
  model: TrayMenuModel,
  actions: TrayMenuActions,
  maxPending = TRAY_MAX_PENDING,
): TrayMenuItem[] {
  const signedIn = model.status.kind !== 'signed-out';
  const items: TrayMenuItem[] = [
    {
      type: 'normal',
      id: 'status',
      label: trayStatusText(model.status, model.now),
      enabled: false,
    },
    ...(model.notice
      ? [
          {
            type: 'normal' as const,
            id: 'notice',
            label: oneLine(model.notice, 80),
            enabled: false,
          },
        ]
      : []),
    separator,
  ];

  if (model.pending.length > 0) {
    for (const call of model.pending.slice(0, maxPending)) {
      items.push({
        type: 'normal',
        id: `pending:${call.requestId}`,
        label: `Review: ${oneLine(call.agentName, 30)} wants ${oneLine(call.toolName, 40)} (${oneLine(call.serverName, 30)})`,
        enabled: true,
        click: () => actions.openRequest(call.requestId),
      });
    }
    const more = model.pending.length - maxPending;
    if (more > 0) {
      items.push({
        type: 'normal',
        id: 'pending:more',
        label: `${more} more waiting…`,
        enabled: true,
        click: () => actions.openWindow(),
      });
    }
    items.push(separator);
  }

  items.push(serversSubmenu(model.servers, actions));
  items.push({
    type: 'normal',
    id: 'ask',
    label: 'Ask an agent…',
    enabled: signedIn,
    click: () => actions.askAgent(),
    ...(model.askShortcut ? { accelerator: model.askShortcut } : {}),
  });
  items.push({
    type: 'normal',
    id: 'open',
    label: 'Open Dust MCP Tray',
    enabled: true,
    click: () => actions.openWindow(),
  });
  items.push(separator);

  if (model.status.kind === 'paused') {
    const left = minutesLeft(model.status.until, model.now);
    items.push({
      type: 'normal',
      id: 'resume',
      label: `Resume approvals (${left} min left)`,
      enabled: true,
      click: () => actions.resumeApprovals(),
    });
  } else {
    items.push({
      type: 'normal',
      id: 'pause',
      label: `Pause approvals for ${PAUSE_MINUTES} min`,
      enabled: signedIn,
      click: () => actions.pauseApprovals(PAUSE_MINUTES),
    });
  }
  if (model.startAtLogin.supported) {
    const enabled = model.startAtLogin.enabled;
    items.push({
      type: 'checkbox',
      id: 'start-at-login',
      label: 'Start at login',
      enabled: true,
      checked: enabled,
      click: () => actions.setStartAtLogin(!enabled),
    });
  }
  items.push(separator);
  if (model.update) items.push(model.update);
  items.push({
    type: 'normal',
    id: 'quit',
    label: 'Quit Dust MCP Tray',
    enabled: true,
    click: () => actions.quit(),
  });
  return items;
}

function serversSubmenu(servers: readonly TrayServer[], actions: TrayMenuActions): TrayMenuItem {
  const submenu: TrayMenuItem[] =
    servers.length === 0
      ? [{ type: 'normal', id: 'servers:none', label: 'No local servers yet', enabled: false }]
      : servers.map((server) => ({
          type: 'submenu',
          id: `server:${server.id}`,
          label: `${oneLine(server.name, 40)} — ${server.enabled ? serverStateWords[server.state] : 'off'}`,
          enabled: true,
          submenu: [
            {
              type: 'checkbox',
              id: `server:${server.id}:enabled`,
              label: 'Enabled',
              enabled: true,
              checked: server.enabled,
              click: () => actions.setServerEnabled(server.id, !server.enabled),
            },
            {
              type: 'normal',
              id: `server:${server.id}:restart`,
              label: 'Restart',
              enabled: server.enabled && server.state !== 'starting',
              click: () => actions.restartServer(server.id),
            },
          ],
        }));
  if (servers.length > 0) {
    submenu.push(separator);
    submenu.push({
      type: 'normal',
      id: 'servers:stop-all',
      label: 'Stop all servers',
      enabled: servers.some((server) => server.enabled),
      click: () => actions.setAllServersEnabled(false),
    });
    submenu.push({
      type: 'normal',
      id: 'servers:start-all',
      label: 'Start all servers',
      enabled: servers.some((server) => !server.enabled),
      click: () => actions.setAllServersEnabled(true),
    });
  }
  return { type: 'submenu', id: 'servers', label: 'Local servers', enabled: true, submenu };
}
