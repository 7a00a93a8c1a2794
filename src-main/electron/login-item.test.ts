import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { createLoginItem } from './login-item.js';

function fakeApp() {
  let settings = { openAtLogin: false };
  const calls: unknown[] = [];
  return {
    calls,
    app: {
      getName: () => 'Dust MCP Tray',
      getLoginItemSettings: (options?: unknown) => {
        calls.push(['get', options]);
        return settings as never;
      },
      setLoginItemSettings: (next: { openAtLogin: boolean }) => {
        calls.push(['set', next]);
        settings = { openAtLogin: next.openAtLogin };
      },
    },
  };
}

afterEach(() => vi.unstubAllEnvs());

describe('login item', () => {
  it('uses a Windows login item that starts hidden, reading it back with the same args', async () => {
    const { app, calls } = fakeApp();
    const item = createLoginItem(app, 'win32');
    await item.setEnabled(true);
    expect(await item.isEnabled()).toBe(true);
    expect(calls).toEqual([
      ['set', { openAtLogin: true, args: ['--hidden'] }],
      ['get', { args: ['--hidden'] }],
    ]);
  });

  it('uses a macOS login item without args (the app checks wasOpenedAtLogin)', async () => {
    const { app, calls } = fakeApp();
    const item = createLoginItem(app, 'darwin');
    await item.setEnabled(false);
    expect(calls).toEqual([['set', { openAtLogin: false, args: [] }]]);
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const config = mkdtempSync(join(tmpdir(), 'login-item-'));
    vi.stubEnv('XDG_CONFIG_HOME', config);
    vi.stubEnv('APPIMAGE', '/home/ada/Apps/Dust MCP Tray.AppImage');
    const item = createLoginItem(fakeApp().app, 'linux');
    expect(item.supported).toBe(true);
    await item.setEnabled(true);
    const text = readFileSync(join(config, 'autostart', 'dust-mcp-tray.desktop'), 'utf8');
    expect(text).toContain('Exec="/home/ada/Apps/Dust MCP Tray.AppImage" --hidden\n');
    expect(await item.isEnabled()).toBe(true);
    await item.setEnabled(false);
    expect(await item.isEnabled()).toBe(false);
  });

  it('is unsupported elsewhere', async () => {
    const item = createLoginItem(fakeApp().app, 'freebsd');
    expect(item.supported).toBe(false);
    expect(await item.isEnabled()).toBe(false);
  });
});
