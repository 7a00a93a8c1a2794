import type { MenuItemConstructorOptions } from 'electron';

import type { TrayMenuItem } from '../../app/tray-menu.js';

/**
 * Turns the tray menu description into Electron's template format.
 *
 * Only types come from Electron, so this stays testable in plain Node. On Windows and Linux an
 * `&` in a label marks a keyboard mnemonic; names from elsewhere (agents, tools, servers) could
 * contain one, so it is doubled there to show literally.
 */
export function toElectronMenuTemplate(
  items: readonly TrayMenuItem[],
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const label = (text: string) => (platform === 'darwin' ? text : text.replace(/&/g, '&&'));
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'normal':
        return {
          type: 'normal',
          id: item.id,
          label: label(item.label),
          enabled: item.enabled,
          ...(item.click ? { click: item.click } : {}),
          // Shown only: the global shortcut is registered by AskShortcut, not by the menu.
          ...(item.accelerator
            ? { accelerator: item.accelerator, registerAccelerator: false }
            : {}),
        };
      case 'checkbox':
        return {
          type: 'checkbox',
          id: item.id,
          label: label(item.label),
          enabled: item.enabled,
          checked: item.checked,
          click: item.click,
        };
      case 'submenu':
        return {
          type: 'submenu',
          id: item.id,
          label: label(item.label),
          enabled: item.enabled,
          submenu: toElectronMenuTemplate(item.submenu, platform),
        };
    }
  });
}
