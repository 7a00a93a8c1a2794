import { expect, test } from '@playwright/test';

import {
  type RemoteEverything,
  startRemoteEverything,
} from '../../../src-main/node/test-fixtures/remote-everything.js';
import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';

/**
 * A remote server added in the window's "Remote (URL)" mode: tested, saved, online, then down in
 * words.
 */
let app: AppHarness;
let remote: RemoteEverything;

test.beforeAll(async () => {
  app = await startAppHarness();
  remote = await startRemoteEverything('streamableHttp');
});
test.afterAll(async () => {
  await app?.close();
  await remote?.stop();
});

test('add a remote server by URL, test it, save it; it comes online and says so in words when it goes down', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 420, height: 760 });
  await page.goto(app.pageUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Servers' }).click();

  await page.getByRole('button', { name: 'Add server' }).click();
  await page.getByLabel('Name').fill('wiki');
  await page.getByRole('radio', { name: 'Remote (URL)' }).check();
  await page.getByLabel(/^URL/).fill(remote.url);
  await page.getByLabel('Headers, Name: value per line').fill('X-Team: platform');
  await page.getByRole('button', { name: 'Test' }).click();
  await expect(page.getByTestId('test-result')).toContainText('It works', { timeout: 30_000 });
  await expect(page.getByTestId('test-result')).toContainText('echo');
  await page.getByRole('button', { name: 'Save' }).click();

  const card = page.getByTestId('server-card').filter({ hasText: 'wiki' });
  await expect(card).toContainText(`Remote: ${remote.url}`);
  await expect(card.getByTestId('server-id')).toHaveText(/^mcp-client-side:/, { timeout: 30_000 });
  await expect(card).toContainText('The remote server "wiki" is ready.');

  await remote.stop();
  await expect(card).toContainText(
    /The remote server "wiki" (is unreachable: 127\.0\.0\.1:\d+ refused the connection|ended the session|lost its event stream|is reconnecting)/,
    { timeout: 60_000 },
  );
});
