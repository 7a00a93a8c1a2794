import { fileURLToPath } from 'node:url';

import { _electron as electron, expect, test } from '@playwright/test';

import { findElectronBinary } from '../../electron-binary.js';

const binary = findElectronBinary();
const appDir = fileURLToPath(new URL('../../..', import.meta.url));

test.skip(
  'missing' in binary,
  `Electron e2e needs the Electron binary: ${'missing' in binary ? binary.missing : ''}. ` +
    'Run these specs on a machine with internet access (npm start downloads it) or in the release workflow.',
);

test('the app launches, shows its version, and keeps Node out of the renderer', async () => {
  if ('missing' in binary) return;
  const app = await electron.launch({ executablePath: binary.path, args: [appDir] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('app-version')).toContainText('Dust MCP Tray');
    const globals = await window.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; api?: unknown };
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        api: typeof scope.api,
      };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: 'object' });
  } finally {
    await app.close();
  }
});
