import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { _electron as electron, type ElectronApplication, type Page, test } from '@playwright/test';

import { findElectronBinary } from '../../electron-binary.js';

const binary = findElectronBinary();
const appDir = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Skips the calling spec file, with the reason, where there is no Electron binary (as here: the
 * package cannot download it offline). A skipped test is reported as skipped, never as passed.
 */
export function requireElectron(): void {
  test.skip(
    'missing' in binary,
    `Electron e2e needs the Electron binary: ${'missing' in binary ? binary.missing : ''}. ` +
      'Run these specs on a machine with internet access (npm start downloads it) or in the release workflow.',
  );
}

/**
 * Launches the built app (`npm run build` first) with its own config home, so the login item and
 * settings of the person running the tests are never touched, and the e2e hook that exposes
 * the tray (which Electron offers no API to list).
 */
export async function launchApp(
  extraArgs: readonly string[] = [],
): Promise<{ app: ElectronApplication; window: Page }> {
  if ('missing' in binary) throw new Error(binary.missing);
  const home = mkdtempSync(join(tmpdir(), 'dust-mcp-tray-e2e-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [appDir, ...extraArgs],
    env: { ...process.env, DUST_MCP_TRAY_E2E: '1', XDG_CONFIG_HOME: join(home, 'config') },
  });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  return { app, window };
}
