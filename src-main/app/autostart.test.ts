import { describe, expect, it } from 'vitest';

import {
  autostartCommand,
  linuxAutostartEntry,
  linuxAutostartPath,
  quoteExecArg,
} from './autostart.js';

describe('linuxAutostartPath', () => {
  it('uses XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(linuxAutostartPath({ home: '/home/ada' })).toBe(
      '/home/ada/.config/autostart/dust-mcp-tray.desktop',
    );
    expect(linuxAutostartPath({ home: '/home/ada/', xdgConfigHome: '/xdg/' })).toBe(
      '/xdg/autostart/dust-mcp-tray.desktop',
    );
    expect(linuxAutostartPath({ home: '/home/ada', xdgConfigHome: 'relative/cfg' })).toBe(
      '/home/ada/.config/autostart/dust-mcp-tray.desktop',
    );
    expect(linuxAutostartPath({ home: '/home/ada', xdgConfigHome: '' })).toBe(
      '/home/ada/.config/autostart/dust-mcp-tray.desktop',
    );
  });
});

describe('autostartCommand', () => {
  it('runs the AppImage when there is one, always hidden', () => {
    expect(
      autostartCommand({
        execPath: '/tmp/.mount_x/dust',
        appImage: '/home/ada/Apps/Dust.AppImage',
      }),
    ).toEqual(['/home/ada/Apps/Dust.AppImage', '--hidden']);
    expect(
      autostartCommand({ execPath: '/opt/Dust MCP Tray/dust-mcp-tray', appImage: '' }),
    ).toEqual(['/opt/Dust MCP Tray/dust-mcp-tray', '--hidden']);
  });
});

describe('quoteExecArg', () => {
  it.each([
    ['/usr/bin/dust-mcp-tray', '/usr/bin/dust-mcp-tray'],
    ['/opt/Dust MCP Tray/dust', '"/opt/Dust MCP Tray/dust"'],
    ['/home/ada/100%/app', '/home/ada/100%%/app'],
    ['/a/$HOME/b', '"/a/\\\\$HOME/b"'],
    ['/a/"q"/b', '"/a/\\\\"q\\\\"/b"'],
    ['/a/back\\slash', '"/a/back\\\\\\\\slash"'],
    ['', '""'],
  ])('quotes %s', (arg, expected) => {
    expect(quoteExecArg(arg)).toBe(expected);
  });

  it('refuses a line break, which would start a new key', () => {
    expect(() => quoteExecArg('/a\nHidden=true')).toThrow(/line break/);
  });
});

describe('linuxAutostartEntry', () => {
  it('writes a complete, hidden-start desktop entry', () => {
    expect(
      linuxAutostartEntry({
        name: 'Dust MCP Tray',
        comment: 'Lets Dust agents use your local MCP tools',
        command: ['/opt/Dust MCP Tray/dust-mcp-tray', '--hidden'],
      }),
    ).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=Dust MCP Tray',
        'Comment=Lets Dust agents use your local MCP tools',
        'Exec="/opt/Dust MCP Tray/dust-mcp-tray" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('keeps a hostile name on its own line', () => {
    const text = linuxAutostartEntry({ name: 'x\nExec=evil', comment: 'c', command: ['/a'] });
    expect(text.split('\n').filter((line) => line.startsWith('Exec='))).toEqual(['Exec=/a']);
  });
});
