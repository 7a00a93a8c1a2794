import { expect, test } from '@playwright/test';

import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';
import { everythingServer } from '../../harness/sample-servers.js';
import { screenshotDir } from './screenshots.js';

/** Adding a server through the window: test it as typed, save it, watch it come online. */
const shots = screenshotDir();

let app: AppHarness;

test.beforeAll(async () => {
  app = await startAppHarness();
});
test.afterAll(async () => {
  await app?.close();
});

test('add a server in the form, test it, save it, and it comes online', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 420, height: 760 });
  await page.goto(app.pageUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Servers' }).click();
  await expect(page.getByText('No local servers yet')).toBeVisible();

  const { command, args } = everythingServer();
  await page.getByRole('button', { name: 'Add server' }).click();
  await page.getByLabel('Name').fill('everything');
  await page.getByLabel('Command', { exact: true }).fill(command);
  await page.getByLabel('Arguments, one per line').fill(args.join('\n'));
  await page
    .getByLabel('Environment, KEY=value per line')
    .fill('EXAMPLE_API_KEY=sk-not-a-real-key');
  await page.getByLabel(/Secret keys/).fill('EXAMPLE_API_KEY');
  await page.getByRole('button', { name: 'Test' }).click();
  await expect(page.getByTestId('test-result')).toContainText('It works', { timeout: 30_000 });
  await expect(page.getByTestId('test-result')).toContainText('echo');
  await page.screenshot({ path: `${shots}add-server.png` });
  await page.getByRole('button', { name: 'Save' }).click();

  const card = page.getByTestId('server-card');
  await expect(card).toContainText('everything');
  await expect(page.getByTestId('server-id')).toHaveText(/^mcp-client-side:/, { timeout: 30_000 });
  await expect(card).not.toContainText('sk-not-a-real-key');
  // Main asked the person once (at "Test"), with the command line and env keys, never the value;
  // saving the same command line did not ask again.
  expect(app.confirmations.asked.map((question) => question.action)).toEqual(['test']);
  expect(app.confirmations.asked[0]!.detail).toContain(args.join(' '));
  expect(app.confirmations.asked[0]!.detail).toContain('EXAMPLE_API_KEY (from the keychain)');
  expect(JSON.stringify(app.confirmations.asked)).not.toContain('sk-not-a-real-key');
});

test("the person says no in main's dialog: the window says so in words, and nothing runs or is saved", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 420, height: 760 });
  await page.goto(app.pageUrl);
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Servers' }).click();
  app.confirmations.answer = 'refuse';
  const asked = app.confirmations.asked.length;
  try {
    await page.getByRole('button', { name: 'Add server' }).click();
    const form = page.getByRole('form', { name: 'Add a server' });
    await form.getByLabel('Name').fill('refused');
    await form.getByLabel('Command', { exact: true }).fill(process.execPath);
    await form.getByLabel('Arguments, one per line').fill('-e\nconsole.log(1)');
    await form.getByRole('button', { name: 'Test' }).click();
    await expect(form.getByRole('alert')).toHaveText(
      'Could not test: You did not allow it, so nothing was started or tested.',
    );
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(
      form
        .getByRole('alert')
        .filter({ hasText: 'You did not allow it, so nothing was saved or started.' }),
    ).toBeVisible();
  } finally {
    app.confirmations.answer = 'allow';
  }
  expect(app.confirmations.asked.slice(asked).map((question) => question.action)).toEqual([
    'test',
    'save',
  ]);
  expect(Object.keys(app.services.settings.settings.mcpServers)).not.toContain('refused');
});

test('import a Claude Desktop config: preview shows the secret it will move, then the server is added', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 420, height: 760 });
  await page.goto(app.pageUrl);
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Servers' }).click();
  const { command, args } = everythingServer();
  const config = {
    mcpServers: {
      imported: {
        command,
        args,
        env: { GITHUB_TOKEN: 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' },
      },
    },
  };
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('From').selectOption('claude-desktop');
  await page.getByLabel(/Paste the config/).fill(JSON.stringify(config, null, 2));
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('imported');
  await expect(preview).toContainText('GITHUB_TOKEN');
  await expect(preview).not.toContainText('ghp_0123456789');
  await page.screenshot({ path: `${shots}import-preview.png` });
  await page.getByRole('button', { name: /^Import 1 server/ }).click();
  await expect(page.getByTestId('import-done')).toContainText('Imported imported');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('server-card').filter({ hasText: 'imported' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('ghp_0123456789');
  // The imported server runs, so main asked first (its env key named, its value never).
  const question = app.confirmations.asked.at(-1)!;
  expect(question).toMatchObject({
    action: 'import',
    items: [{ kind: 'run', server: 'imported' }],
  });
  expect(question.detail).toContain('GITHUB_TOKEN (from the keychain)');
  expect(JSON.stringify(question)).not.toContain('ghp_0123456789');
});
