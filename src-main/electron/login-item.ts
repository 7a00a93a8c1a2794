import { homedir } from 'node:os';

import type { App } from 'electron';

import { autostartCommand, linuxAutostartEntry, linuxAutostartPath } from '../app/autostart.js';
import { HIDDEN_FLAG } from '../app/launch-args.js';
import { createLinuxAutostart } from '../node/linux-autostart.js';

export interface LoginItem {
  readonly supported: boolean;
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

/**
 * "Start at login": macOS and Windows login items with `--hidden` (Windows passes the args;
 * macOS reports `wasOpenedAtLogin` instead), an XDG autostart entry on Linux.
 */
export function createLoginItem(
  app: Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings' | 'getName'>,
  platform: NodeJS.Platform,
): LoginItem {
  if (platform === 'darwin' || platform === 'win32') {
    const args = platform === 'win32' ? [HIDDEN_FLAG] : [];
    return {
      supported: true,
      // Windows matches the entry by path and args, so the same args are passed when reading.
      isEnabled: () => Promise.resolve(app.getLoginItemSettings({ args }).openAtLogin),
      setEnabled: (enabled) =>
        Promise.resolve(app.setLoginItemSettings({ openAtLogin: enabled, args })),
    };
  }
  if (platform === 'linux') {
    const autostart = createLinuxAutostart({
      path: linuxAutostartPath({ home: homedir(), xdgConfigHome: process.env['XDG_CONFIG_HOME'] }),
      text: linuxAutostartEntry({
        name: app.getName(),
        comment: 'Lets Dust agents use your local MCP tools, with you approving each call',
        command: autostartCommand({
          execPath: process.execPath,
          appImage: process.env['APPIMAGE'],
        }),
      }),
    });
    return {
      supported: true,
      isEnabled: () => autostart.isEnabled(),
      setEnabled: (enabled) => (enabled ? autostart.enable() : autostart.disable()),
    };
  }
  return {
    supported: false,
    isEnabled: () => Promise.resolve(false),
    setEnabled: () => Promise.resolve(),
  };
}
