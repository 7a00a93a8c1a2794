/**
 * Where each app keeps its MCP configuration, per OS, so the UI can offer "Import from Claude
 * Desktop" without a file picker. A pure function of the platform and a few environment values;
 * the caller checks which candidates exist (several may, e.g. VS Code and VS Code Insiders).
 *
 * Sources: modelcontextprotocol.io quickstart (Claude Desktop's documented paths), the Microsoft
 * Store/MSIX install's path under `%LOCALAPPDATA%\Packages\Claude_pzs8sxrjxfjjc`, cursor.com/docs
 * (`~/.cursor/mcp.json`), VS Code's MCP configuration reference (user `mcp.json`, formerly an
 * `mcp` section in `settings.json`), Cline and Roo Code docs (extension global storage).
 */
import { IMPORT_SOURCE_LABELS } from '../../shared/import-sources.js';
import type { ImportSource } from './types.js';

export type PlatformName = 'darwin' | 'win32' | 'linux';

export interface LocationEnvironment {
  platform: PlatformName;
  /** The user's home directory. */
  home: string;
  /** Windows `%APPDATA%` (Roaming); defaults to `<home>\AppData\Roaming`. */
  appData?: string;
  /** Windows `%LOCALAPPDATA%`; defaults to `<home>\AppData\Local`. */
  localAppData?: string;
  /** Linux `$XDG_CONFIG_HOME`; defaults to `<home>/.config`. */
  xdgConfigHome?: string;
}

export interface ConfigLocation {
  source: ImportSource;
  /** What the UI shows: "Claude Desktop (Microsoft Store)". */
  label: string;
  path: string;
}

const VS_CODE_FLAVOURS = [
  { dir: 'Code', label: 'VS Code' },
  { dir: 'Code - Insiders', label: 'VS Code Insiders' },
  { dir: 'VSCodium', label: 'VSCodium' },
  { dir: 'Cursor', label: 'Cursor' },
] as const;

/** Every known config file for this machine, most likely first within each app. */
export function defaultConfigLocations(env: LocationEnvironment): ConfigLocation[] {
  const sep = env.platform === 'win32' ? '\\' : '/';
  const join = (...parts: string[]): string =>
    parts.map((part, i) => (i === 0 ? part.replace(/[\\/]+$/, '') : part)).join(sep);
  const appData = env.appData ?? join(env.home, 'AppData', 'Roaming');
  const localAppData = env.localAppData ?? join(env.home, 'AppData', 'Local');
  const configHome = env.xdgConfigHome ?? join(env.home, '.config');
  /** Where Electron apps keep per-user data: Application Support, %APPDATA%, ~/.config. */
  const appDataDir = (name: string): string => {
    switch (env.platform) {
      case 'darwin':
        return join(env.home, 'Library', 'Application Support', name);
      case 'win32':
        return join(appData, name);
      case 'linux':
        return join(configHome, name);
    }
  };

  const locations: ConfigLocation[] = [
    {
      source: 'claude-desktop',
      label: IMPORT_SOURCE_LABELS['claude-desktop'],
      path: join(appDataDir('Claude'), 'claude_desktop_config.json'),
    },
  ];
  if (env.platform === 'win32') {
    locations.push({
      source: 'claude-desktop',
      label: `${IMPORT_SOURCE_LABELS['claude-desktop']} (Microsoft Store)`,
      path: join(
        localAppData,
        'Packages',
        'Claude_pzs8sxrjxfjjc',
        'LocalCache',
        'Roaming',
        'Claude',
        'claude_desktop_config.json',
      ),
    });
  }
  locations.push({
    source: 'cursor',
    label: 'Cursor',
    path: join(env.home, '.cursor', 'mcp.json'),
  });

  for (const flavour of VS_CODE_FLAVOURS) {
    const user = join(appDataDir(flavour.dir), 'User');
    if (flavour.dir !== 'Cursor') {
      locations.push({ source: 'vscode', label: flavour.label, path: join(user, 'mcp.json') });
      locations.push({
        source: 'vscode',
        label: `${flavour.label} (settings.json)`,
        path: join(user, 'settings.json'),
      });
    }
    const host = flavour.dir === 'Code' ? '' : ` in ${flavour.label}`;
    locations.push({
      source: 'cline',
      label: `Cline${host}`,
      path: join(
        user,
        'globalStorage',
        'saoudrizwan.claude-dev',
        'settings',
        'cline_mcp_settings.json',
      ),
    });
    for (const file of ['mcp_settings.json', 'cline_mcp_settings.json']) {
      locations.push({
        source: 'roo',
        label: `Roo Code${host}`,
        path: join(user, 'globalStorage', 'rooveterinaryinc.roo-cline', 'settings', file),
      });
    }
  }
  return locations;
}

/**
 * Project-level files inside a folder the user picks (`.vscode/mcp.json`, `.cursor/mcp.json`,
 * `.roo/mcp.json`).
 */
export function projectConfigLocations(folder: string, platform: PlatformName): ConfigLocation[] {
  const sep = platform === 'win32' ? '\\' : '/';
  const base = folder.replace(/[\\/]+$/, '');
  return [
    {
      source: 'vscode',
      label: 'VS Code (this project)',
      path: [base, '.vscode', 'mcp.json'].join(sep),
    },
    {
      source: 'cursor',
      label: 'Cursor (this project)',
      path: [base, '.cursor', 'mcp.json'].join(sep),
    },
    { source: 'roo', label: 'Roo Code (this project)', path: [base, '.roo', 'mcp.json'].join(sep) },
  ];
}
