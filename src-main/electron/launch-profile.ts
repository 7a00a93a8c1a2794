import { mkdirSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import type { App } from 'electron';

import { isDemoLaunch } from '../app/launch-args.js';
import type { PlatformInfo } from '../app/services/import-service.js';

export interface LaunchProfile {
  demo: boolean;
  /**
   * settings.json, grants.json, activity.jsonl: the user-data folder, or a temporary one in demo
   * mode.
   */
  dataDir: string;
  platformInfo: PlatformInfo;
}

/**
 * Decides where this run keeps its data, before anything else reads `userData`.
 *
 * Demo mode moves `userData` to a temporary folder: Electron keys the single-instance lock on it,
 * so a demo runs beside a real instance instead of waking it, and never touches its settings.
 */
export function prepareLaunchProfile(
  app: Pick<App, 'getPath' | 'setPath'>,
  argv: readonly string[],
): LaunchProfile {
  const demo = isDemoLaunch(argv);
  if (demo) app.setPath('userData', mkdtempSync(join(tmpdir(), 'dust-mcp-tray-demo-')));
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  return { demo, dataDir, platformInfo: platformInfo() };
}

/** The OS facts the import screen needs (the app layer reads no `process` or `os` itself). */
export function platformInfo(): PlatformInfo {
  const platform =
    process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
  const env = process.env;
  return {
    platform,
    home: homedir(),
    ...(env['APPDATA'] ? { appData: env['APPDATA'] } : {}),
    ...(env['LOCALAPPDATA'] ? { localAppData: env['LOCALAPPDATA'] } : {}),
    ...(env['XDG_CONFIG_HOME'] ? { xdgConfigHome: env['XDG_CONFIG_HOME'] } : {}),
  };
}
