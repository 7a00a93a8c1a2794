import { describe, expect, it, vi } from 'vitest';

import type { TrayMenuItem } from '../../app/tray-menu.js';
import { toElectronMenuTemplate } from './menu-template.js';

const click = vi.fn();
const items: TrayMenuItem[] = [
  { type: 'normal', id: 'status', label: 'Connected', enabled: false },
  { type: 'separator' },
  {
    type: 'submenu',
    id: 'servers',
    label: 'Local servers',
    enabled: true,
    submenu: [
      {
        type: 'checkbox',
        id: 'server:a&b:enabled',
        label: 'R&D tools',
        enabled: true,
        checked: true,
        click,
      },
    ],
  },
  { type: 'normal', id: 'quit', label: 'Quit', enabled: true, click },
];

describe('toElectronMenuTemplate', () => {
  it('shows an accelerator without registering it (the global shortcut is registered elsewhere)', () => {
    const [ask] = toElectronMenuTemplate(
      [
        {
          type: 'normal',
          id: 'ask',
          label: 'Ask',
          enabled: true,
          click,
          accelerator: 'Control+Alt+K',
        },
      ],
      'linux',
    );
    expect(ask).toEqual({
      type: 'normal',
      id: 'ask',
      label: 'Ask',
      enabled: true,
      click,
      accelerator: 'Control+Alt+K',
      registerAccelerator: false,
    });
  });

  it('maps every kind of item, nested submenus included, keeping clicks', () => {
    const template = toElectronMenuTemplate(items, 'darwin');
    // On macOS nothing needs rewriting: the same items, the same nesting, the same click handlers.
    expect(template).toEqual(items);
    expect((template[2]?.submenu as Array<{ click?: unknown }>)[0]?.click).toBe(click);
  });

  it('doubles & on Windows and Linux so a name never becomes a mnemonic', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = toElectronMenuTemplate(items, platform);
      const submenu = template[2]?.submenu as Array<{ label: string }>;
      expect(submenu[0]?.label).toBe('R&&D tools');
    }
  });
});
