import { describe, expect, it, vi } from 'vitest';

import {
  PAUSE_MINUTES,
  type TrayMenuActions,
  type TrayMenuItem,
  type TrayMenuModel,
  trayMenuTemplate,
} from './tray-menu.js';

const NOW = 1_800_000_000_000;

function actions(): TrayMenuActions {
  return {
    openRequest: vi.fn(),
    openWindow: vi.fn(),
    setServerEnabled: vi.fn(),
    setAllServersEnabled: vi.fn(),
    restartServer: vi.fn(),
    askAgent: vi.fn(),
    pauseApprovals: vi.fn(),
    resumeApprovals: vi.fn(),
    setStartAtLogin: vi.fn(),
    quit: vi.fn(),
  };
}

const model = (over: Partial<TrayMenuModel> = {}): TrayMenuModel => ({
  status: { kind: 'connected' },
  now: NOW,
  pending: [],
  servers: [],
  startAtLogin: { supported: true, enabled: false },
  ...over,
});

const pending = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    requestId: `req-${i}`,
    agentName: `Agent ${i}`,
    toolName: 'read_file',
    serverName: 'fs',
  }));

/** Every item, submenus flattened, by id. */
function byId(items: TrayMenuItem[]): Map<string, TrayMenuItem> {
  const map = new Map<string, TrayMenuItem>();
  const walk = (list: TrayMenuItem[]) => {
    for (const item of list) {
      if (item.type === 'separator') continue;
      map.set(item.id, item);
      if (item.type === 'submenu') walk(item.submenu);
    }
  };
  walk(items);
  return map;
}

function click(items: TrayMenuItem[], id: string): void {
  const item = byId(items).get(id);
  if (!item || item.type === 'separator' || item.type === 'submenu' || !item.click)
    throw new Error(`no clickable ${id}`);
  item.click();
}

const ids = (items: TrayMenuItem[]) =>
  items.map((item) => (item.type === 'separator' ? '—' : item.id));

describe('trayMenuTemplate', () => {
  it('lays out a connected menu with no pending calls', () => {
    expect(ids(trayMenuTemplate(model(), actions()))).toEqual([
      'status',
      '—',
      'servers',
      'ask',
      'open',
      '—',
      'pause',
      'start-at-login',
      '—',
      'quit',
    ]);
  });

  it('starts with the status line, disabled, in words', () => {
    const [first] = trayMenuTemplate(
      model({ status: { kind: 'attention', pendingCount: 2 }, pending: pending(2) }),
      actions(),
    );
    expect(first).toEqual({
      type: 'normal',
      id: 'status',
      label: '2 tool calls waiting for you',
      enabled: false,
    });
  });

  it('lists pending calls by agent, tool and server, each opening that exact request', () => {
    const a = actions();
    const items = trayMenuTemplate(
      model({ status: { kind: 'attention', pendingCount: 2 }, pending: pending(2) }),
      a,
    );
    expect(ids(items).slice(0, 5)).toEqual(['status', '—', 'pending:req-0', 'pending:req-1', '—']);
    expect(byId(items).get('pending:req-1')).toMatchObject({
      label: 'Review: Agent 1 wants read_file (fs)',
      enabled: true,
    });
    click(items, 'pending:req-1');
    expect(a.openRequest).toHaveBeenCalledWith('req-1');
    expect(a.openWindow).not.toHaveBeenCalled();
  });

  it('shows at most N pending calls, then "N more" opening the window', () => {
    const a = actions();
    const items = trayMenuTemplate(model({ pending: pending(8) }), a, 5);
    const pendingIds = ids(items).filter((id) => id.startsWith('pending:'));
    expect(pendingIds).toEqual([
      'pending:req-0',
      'pending:req-1',
      'pending:req-2',
      'pending:req-3',
      'pending:req-4',
      'pending:more',
    ]);
    expect(byId(items).get('pending:more')).toMatchObject({ label: '3 more waiting…' });
    click(items, 'pending:more');
    expect(a.openWindow).toHaveBeenCalledTimes(1);
    expect(ids(trayMenuTemplate(model({ pending: pending(5) }), a, 5))).not.toContain(
      'pending:more',
    );
  });

  it('keeps names from elsewhere on one short line', () => {
    const items = trayMenuTemplate(
      model({
        pending: [
          { requestId: 'r', agentName: 'Evil\nAgent', toolName: 'x'.repeat(100), serverName: 'fs' },
        ],
      }),
      actions(),
    );
    const label = (byId(items).get('pending:r') as { label: string }).label;
    expect(label).not.toContain('\n');
    expect(label).toContain('Evil Agent');
    expect(label).toContain('…');
  });

  it('gives each server a toggle and a restart', () => {
    const a = actions();
    const items = trayMenuTemplate(
      model({
        servers: [
          { id: 'fs', name: 'filesystem', enabled: true, state: 'running' },
          { id: 'gh', name: 'github', enabled: false, state: 'stopped' },
          { id: 'db', name: 'postgres', enabled: true, state: 'starting' },
          { id: 'x', name: 'broken', enabled: true, state: 'failed' },
        ],
      }),
      a,
    );
    const all = byId(items);
    expect(all.get('server:fs')).toMatchObject({ label: 'filesystem — running' });
    expect(all.get('server:gh')).toMatchObject({ label: 'github — off' });
    expect(all.get('server:db')).toMatchObject({ label: 'postgres — starting…' });
    expect(all.get('server:x')).toMatchObject({ label: 'broken — failed' });
    expect(all.get('server:fs:enabled')).toMatchObject({ type: 'checkbox', checked: true });
    expect(all.get('server:gh:enabled')).toMatchObject({ type: 'checkbox', checked: false });
    expect(all.get('server:gh:restart')).toMatchObject({ enabled: false });
    expect(all.get('server:db:restart')).toMatchObject({ enabled: false });
    expect(all.get('server:x:restart')).toMatchObject({ enabled: true });
    click(items, 'server:fs:enabled');
    click(items, 'server:gh:enabled');
    click(items, 'server:x:restart');
    expect(a.setServerEnabled).toHaveBeenNthCalledWith(1, 'fs', false);
    expect(a.setServerEnabled).toHaveBeenNthCalledWith(2, 'gh', true);
    expect(a.restartServer).toHaveBeenCalledWith('x');
  });

  it('says so when there are no servers, and offers no stop-all then', () => {
    const all = byId(trayMenuTemplate(model(), actions()));
    expect(all.get('servers:none')).toMatchObject({ enabled: false });
    expect(all.has('servers:stop-all')).toBe(false);
  });

  it('has a kill switch: stop all while any runs, start all while any is off', () => {
    const a = actions();
    const mixed = byId(
      trayMenuTemplate(
        model({
          servers: [
            { id: 'fs', name: 'fs', enabled: true, state: 'running' },
            { id: 'gh', name: 'gh', enabled: false, state: 'stopped' },
          ],
        }),
        a,
      ),
    );
    expect(mixed.get('servers:stop-all')).toMatchObject({
      label: 'Stop all servers',
      enabled: true,
    });
    expect(mixed.get('servers:start-all')).toMatchObject({
      label: 'Start all servers',
      enabled: true,
    });
    const items = trayMenuTemplate(
      model({ servers: [{ id: 'fs', name: 'fs', enabled: true, state: 'running' }] }),
      a,
    );
    expect(byId(items).get('servers:start-all')).toMatchObject({ enabled: false });
    click(items, 'servers:stop-all');
    expect(a.setAllServersEnabled).toHaveBeenCalledWith(false);
    const off = byId(
      trayMenuTemplate(
        model({ servers: [{ id: 'fs', name: 'fs', enabled: false, state: 'stopped' }] }),
        a,
      ),
    );
    expect(off.get('servers:stop-all')).toMatchObject({ enabled: false });
  });

  it('offers pause when not paused and resume with the time left when paused', () => {
    const a = actions();
    const items = trayMenuTemplate(model(), a);
    click(items, 'pause');
    expect(a.pauseApprovals).toHaveBeenCalledWith(PAUSE_MINUTES);
    const paused = trayMenuTemplate(
      model({ status: { kind: 'paused', until: NOW + 10 * 60_000 } }),
      a,
    );
    expect(byId(paused).has('pause')).toBe(false);
    expect(byId(paused).get('resume')).toMatchObject({ label: 'Resume approvals (10 min left)' });
    click(paused, 'resume');
    expect(a.resumeApprovals).toHaveBeenCalledTimes(1);
  });

  it('disables what needs Dust while signed out, but never Open or Quit', () => {
    const items = byId(trayMenuTemplate(model({ status: { kind: 'signed-out' } }), actions()));
    expect(items.get('ask')).toMatchObject({ enabled: false });
    expect(items.get('pause')).toMatchObject({ enabled: false });
    expect(items.get('open')).toMatchObject({ enabled: true });
    expect(items.get('quit')).toMatchObject({ enabled: true });
  });

  it('reflects and toggles Start at login, and hides it where unsupported', () => {
    const a = actions();
    const on = trayMenuTemplate(model({ startAtLogin: { supported: true, enabled: true } }), a);
    expect(byId(on).get('start-at-login')).toMatchObject({ type: 'checkbox', checked: true });
    click(on, 'start-at-login');
    expect(a.setStartAtLogin).toHaveBeenCalledWith(false);
    expect(
      byId(trayMenuTemplate(model({ startAtLogin: { supported: false, enabled: false } }), a)).has(
        'start-at-login',
      ),
    ).toBe(false);
  });

  it('wires Ask, Open and Quit to their actions', () => {
    const a = actions();
    const items = trayMenuTemplate(model(), a);
    click(items, 'ask');
    click(items, 'open');
    click(items, 'quit');
    expect(a.askAgent).toHaveBeenCalledTimes(1);
    expect(a.openWindow).toHaveBeenCalledTimes(1);
    expect(a.quit).toHaveBeenCalledTimes(1);
  });

  it('offers the update restart, when there is one, just before Quit', () => {
    const a = actions();
    const restart = vi.fn();
    const update: TrayMenuItem = {
      type: 'normal',
      id: 'update:restart',
      label: 'Restart to update to 1.2.3',
      enabled: true,
      click: restart,
    };
    const items = trayMenuTemplate(model({ update }), a);
    expect(items.at(-2)).toBe(update);
    expect(items.at(-1)).toMatchObject({ id: 'quit' });
    expect(byId(trayMenuTemplate(model(), a)).has('update:restart')).toBe(false);
  });

  it('shows the global shortcut beside Ask an agent only when it is registered', () => {
    const a = actions();
    expect(
      byId(trayMenuTemplate(model({ askShortcut: 'CommandOrControl+Shift+Space' }), a)).get('ask'),
    ).toMatchObject({ accelerator: 'CommandOrControl+Shift+Space' });
    expect(byId(trayMenuTemplate(model(), a)).get('ask')).not.toHaveProperty('accelerator');
  });

  it('ends with Quit and never has two separators in a row, in any state', () => {
    const statuses = [
      { kind: 'signed-out' },
      { kind: 'connecting' },
      { kind: 'connected' },
      { kind: 'degraded', reason: 'r' },
      { kind: 'attention', pendingCount: 7 },
      { kind: 'paused', until: NOW + 1 },
    ] as const;
    for (const status of statuses) {
      for (const count of [0, 1, 7]) {
        const list = ids(trayMenuTemplate(model({ status, pending: pending(count) }), actions()));
        expect(list.at(-1)).toBe('quit');
        expect(list.join(',')).not.toContain('—,—');
        expect(list[0]).toBe('status');
      }
    }
  });
});
