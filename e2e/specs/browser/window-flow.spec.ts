import { expect, type Page, test } from '@playwright/test';

import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';
import { everythingServer } from '../../harness/sample-servers.js';
import { screenshotDir } from './screenshots.js';

/**
 * The window end to end, as a person uses it: sign in with the device code, see the server come
 * online, approve and deny an agent's calls in the queue, then look at permissions, activity and a
 * space's server views. Each main screen is saved for the README (screenshots.ts says where).
 */
const shots = screenshotDir();
const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}${name}.png` });

let app: AppHarness;

test.beforeAll(async () => {
  app = await startAppHarness({
    mcpServers: { everything: everythingServer() },
    confirmSignIn: false,
  });
});
test.afterAll(async () => {
  await app?.close();
});

test('sign in, approve, deny, always allow, then read permissions, activity and spaces', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewportSize({ width: 420, height: 640 });
  await page.goto(app.pageUrl);

  await expect(page.getByRole('heading', { name: 'Connect to Dust' })).toBeVisible();
  await shot(page, 'sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = await page.getByTestId('user-code').textContent();
  expect(code).toBeTruthy();
  await expect(page.getByRole('timer')).toContainText('expires in');
  await shot(page, 'device-code');
  app.emulator.identity.approveDeviceCode(code!);
  await expect(page.getByTestId('signed-in-as')).toContainText('Acme', { timeout: 20_000 });

  await page.getByRole('tab', { name: 'Servers' }).click();
  const serverId = await expect(page.getByTestId('server-id'))
    .toHaveText(/^mcp-client-side:/, { timeout: 20_000 })
    .then(() => page.getByTestId('server-id').textContent());
  await expect(page.getByTestId('connection-summary')).toHaveText('1 of 1 server online');
  await shot(page, 'servers');

  const agentCall = (message: string, conversationId = 'conv1') =>
    app.emulator.agent.callTool({
      workspaceId: app.emulator.seeds.workspaceId,
      userId: app.emulator.seeds.users.ada.sId,
      serverId: serverId!,
      conversationId,
      messageId: `msg-${message}`,
      toolName: 'echo',
      arguments: { message },
    });

  await page.getByRole('tab', { name: /Requests/ }).click();
  const approved = agentCall('approve me');
  const card = page.getByTestId('request-card');
  await expect(card).toContainText('approve me');
  await expect(page.getByRole('tab', { name: /Requests/ })).toContainText('1');
  await shot(page, 'requests');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'requests-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await card.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(approved).resolves.toMatchObject({
    ok: true,
    result: { content: [{ text: expect.stringContaining('approve me') }] },
  });
  await expect(card).toHaveCount(0);
  await expect(page.getByText('Approved echo')).toBeVisible();

  const denied = agentCall('deny me');
  await expect(card).toContainText('deny me');
  await page.keyboard.press('d');
  await expect(denied).resolves.toMatchObject({
    ok: true,
    result: { isError: true, content: [{ text: expect.stringContaining('not run') }] },
  });

  const always = agentCall('always me', 'conv2');
  await expect(card).toContainText('always me');
  await card.getByRole('button', { name: 'Always allow this tool' }).click();
  await expect(always).resolves.toMatchObject({ ok: true });
  await expect(agentCall('no prompt now', 'conv3')).resolves.toMatchObject({
    ok: true,
    result: { content: [{ text: expect.stringContaining('no prompt now') }] },
  });

  await page.getByRole('tab', { name: 'Permissions' }).click();
  await expect(page.getByTestId('grant')).toContainText('echo');
  await shot(page, 'permissions');

  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByTestId('activity-row')).toHaveCount(4);
  await page.getByTestId('activity-row').first().locator('summary').click();
  await shot(page, 'activity');

  await page.getByRole('tab', { name: 'Spaces' }).click();
  await expect(page.getByTestId('server-view').first()).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('server-view').first().locator('summary').first().click();
  await shot(page, 'spaces');

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('tab', { name: /Requests/ }).click();
  await shot(page, 'window-wide');
  expect(errors).toEqual([]);
});
