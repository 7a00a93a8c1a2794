import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { createHandlers } from '../../../src-main/app/handlers.js';
import { createIpcRouter } from '../../../src-main/app/ipc-router.js';
import { type Harness, startHarness } from '../../harness/harness-server.js';

const rendererDir = fileURLToPath(new URL('../../../out/renderer-harness', import.meta.url));

let harness: Harness;

test.beforeAll(async () => {
  const router = createIpcRouter(
    createHandlers({ appInfo: { name: 'Dust MCP Tray', version: '0.0.0-harness' } }),
  );
  harness = await startHarness({ rendererDir, router });
});

test.afterAll(async () => {
  await harness.close();
});

test('the built renderer shows the version it got through the bridge', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(harness.pageUrl);
  await expect(page.getByRole('heading', { name: 'Dust MCP Tray' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText('Dust MCP Tray 0.0.0-harness');
  expect(errors).toEqual([]);
});

test('a page without the harness token gets no answers', async ({ page }) => {
  await page.goto(harness.pageUrl.replace(/#token=.*/, '#token=wrong'));
  await expect(page.getByRole('alert')).toContainText('Could not reach the app');
});
