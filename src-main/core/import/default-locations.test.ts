import { describe, expect, it } from 'vitest';

import {
  type ConfigLocation,
  defaultConfigLocations,
  projectConfigLocations,
} from './default-locations.js';

const pathsOf = (locations: ConfigLocation[], label: string): string[] =>
  locations.filter((l) => l.label === label).map((l) => l.path);

describe('defaultConfigLocations', () => {
  it('macOS', () => {
    const locations = defaultConfigLocations({ platform: 'darwin', home: '/Users/ada' });
    expect(pathsOf(locations, 'Claude Desktop')).toEqual([
      '/Users/ada/Library/Application Support/Claude/claude_desktop_config.json',
    ]);
    expect(pathsOf(locations, 'Cursor')).toEqual(['/Users/ada/.cursor/mcp.json']);
    expect(pathsOf(locations, 'VS Code')).toEqual([
      '/Users/ada/Library/Application Support/Code/User/mcp.json',
    ]);
    expect(pathsOf(locations, 'VS Code (settings.json)')).toEqual([
      '/Users/ada/Library/Application Support/Code/User/settings.json',
    ]);
    expect(pathsOf(locations, 'Cline')).toEqual([
      '/Users/ada/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    ]);
    expect(pathsOf(locations, 'Roo Code')).toEqual([
      '/Users/ada/Library/Application Support/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
      '/Users/ada/Library/Application Support/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/cline_mcp_settings.json',
    ]);
    expect(pathsOf(locations, 'Claude Desktop (Microsoft Store)')).toEqual([]);
  });

  it('Windows, with %APPDATA% and %LOCALAPPDATA%, including the Microsoft Store (MSIX) path', () => {
    const locations = defaultConfigLocations({
      platform: 'win32',
      home: 'C:\\Users\\Ada',
      appData: 'C:\\Users\\Ada\\AppData\\Roaming\\',
      localAppData: 'D:\\Local',
    });
    expect(pathsOf(locations, 'Claude Desktop')).toEqual([
      'C:\\Users\\Ada\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    ]);
    expect(pathsOf(locations, 'Claude Desktop (Microsoft Store)')).toEqual([
      'D:\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json',
    ]);
    expect(pathsOf(locations, 'Cursor')).toEqual(['C:\\Users\\Ada\\.cursor\\mcp.json']);
    expect(pathsOf(locations, 'Cline in Cursor')).toEqual([
      'C:\\Users\\Ada\\AppData\\Roaming\\Cursor\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
    ]);
  });

  it('Windows without the variables falls back to the usual folders under home', () => {
    const locations = defaultConfigLocations({ platform: 'win32', home: 'C:\\Users\\Ada' });
    expect(pathsOf(locations, 'VS Code')).toEqual([
      'C:\\Users\\Ada\\AppData\\Roaming\\Code\\User\\mcp.json',
    ]);
    expect(pathsOf(locations, 'Claude Desktop (Microsoft Store)')[0]).toMatch(
      /^C:\\Users\\Ada\\AppData\\Local\\Packages\\/,
    );
  });

  it('Linux honours XDG_CONFIG_HOME', () => {
    expect(
      pathsOf(defaultConfigLocations({ platform: 'linux', home: '/home/ada' }), 'Claude Desktop'),
    ).toEqual(['/home/ada/.config/Claude/claude_desktop_config.json']);
    const xdg = defaultConfigLocations({
      platform: 'linux',
      home: '/home/ada',
      xdgConfigHome: '/cfg',
    });
    expect(pathsOf(xdg, 'VS Code Insiders')).toEqual(['/cfg/Code - Insiders/User/mcp.json']);
    expect(pathsOf(xdg, 'Cursor')).toEqual(['/home/ada/.cursor/mcp.json']);
  });

  it('every location names a source the importers handle, without duplicates', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const paths = defaultConfigLocations({
        platform,
        home: platform === 'win32' ? 'C:\\Users\\A' : '/home/a',
      }).map((l) => l.path);
      expect(new Set(paths).size).toBe(paths.length);
    }
  });
});

describe('projectConfigLocations', () => {
  it('lists the per-project files of a folder', () => {
    expect(projectConfigLocations('/Users/ada/shop/', 'darwin').map((l) => l.path)).toEqual([
      '/Users/ada/shop/.vscode/mcp.json',
      '/Users/ada/shop/.cursor/mcp.json',
      '/Users/ada/shop/.roo/mcp.json',
    ]);
  });
});
