import { expect, test } from '@playwright/test';

import { launchApp, requireElectron } from './electron-app.js';

requireElectron();

/**
 * "Ask an agent" in the real shell, in demo mode (the bundled emulator, signed in as Ada, the
 * demo echo server): the composer reaches the agent through Electron's IPC, and the global
 * shortcut is handed to the OS (registered, or refused in words; never "not available", which
 * would mean the shell did not wire it).
 */
test('demo mode: the Ask view sends a message and shows the answer; the global shortcut is wired', async () => {
  const { app, window: page } = await launchApp(['--demo']);
  try {
    await expect(page.getByTestId('connection-summary')).toHaveText('1 of 1 server online', {
      timeout: 60_000,
    });
    await page.getByRole('tab', { name: 'Ask' }).click();
    await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'NoTools' });
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Say hello');
    await box.press('Enter');
    await expect(page.getByTestId('agent-turn')).toContainText(
      'I answered without using any tool',
      { timeout: 30_000 },
    );
    await expect(page.getByTestId('shortcut-current')).toHaveText(
      /^CommandOrControl\+Shift\+Space \((works from any app|not working)\)$/,
    );
  } finally {
    await app.close();
  }
});
