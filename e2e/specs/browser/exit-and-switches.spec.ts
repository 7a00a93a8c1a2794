import { expect, type Page, test } from '@playwright/test';

import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';
import { everythingServer } from '../../harness/sample-servers.js';

/**
 * Exits and switches, in the window over the real core and the Dust emulator: a server that cannot
 * start is never registered; a tool switched off disappears for Dust's agent; a permission given
 * on one card clears the matching waiting calls; sign-out asks first, denies what waits, and
 * deregisters every server (counted at the emulator), and signing in again registers each once.
 */
let app: AppHarness;

test.beforeAll(async () => {
  app = await startAppHarness({
    mcpServers: {
      everything: everythingServer(),
      ghost: { command: '/nonexistent/dust-tray-no-such-server', args: [] },
    },
  });
});
test.afterAll(async () => {
  await app?.close();
});

const registrations = () =>
  app.emulator.mcp
    .registrations()
    .map((entry) => entry.serverName)
    .sort();

async function signedInOnServers(page: Page): Promise<string> {
  await page.setViewportSize({ width: 420, height: 760 });
  await page.goto(app.pageUrl);
  if (await page.getByRole('button', { name: 'Sign in' }).isVisible())
    await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Servers' }).click();
  const card = page.getByTestId('server-card').filter({ hasText: 'everything' });
  await expect(card.getByTestId('server-id')).toHaveText(/^mcp-client-side:/, { timeout: 30_000 });
  return (await card.getByTestId('server-id').textContent())!;
}

const agent = (
  serverId: string,
  conversationId: string,
  toolName: string,
  args: Record<string, unknown>,
) =>
  app.emulator.agent.callTool({
    workspaceId: app.emulator.seeds.workspaceId,
    userId: app.emulator.seeds.users.ada.sId,
    serverId,
    conversationId,
    messageId: `msg-${conversationId}-${toolName}`,
    toolName,
    arguments: args,
  });

test('a server that cannot start is never registered, and its card says so in words', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signedInOnServers(page);
  const ghost = page.getByTestId('server-card').filter({ hasText: 'ghost' });
  await expect(ghost.getByTestId('server-status')).toContainText(
    /Not working It could not start: .*not found/,
    { timeout: 20_000 },
  );
  await expect(ghost.getByTestId('server-status')).toContainText(
    'Agents cannot use it until it starts.',
  );
  await expect(ghost.getByTestId('server-id')).toHaveCount(0);
  await expect(ghost.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page.getByTestId('connection-summary')).toContainText(
    '1 of 2 servers online, 1 failing',
  );
  expect(registrations()).toEqual(['everything']);
});

test('turn a tool off: Dust’s agent no longer sees it, and a call to it is refused in words', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const serverId = await signedInOnServers(page);
  const card = page.getByTestId('server-card').filter({ hasText: 'everything' });
  await card.getByTestId('server-tools').locator('summary').click();
  await card.getByRole('switch', { name: 'echo offered to Dust' }).click();
  await expect(card.getByTestId('server-tools').locator('summary')).toContainText('1 switched off');
  const input = {
    workspaceId: app.emulator.seeds.workspaceId,
    userId: app.emulator.seeds.users.ada.sId,
    serverId,
    conversationId: 'conv-off',
    messageId: 'm-off',
  };
  const listed = await app.emulator.agent.listTools(input);
  expect(listed.ok && listed.tools.map((tool) => tool.name)).not.toContain('echo');
  expect(listed.ok && listed.tools.map((tool) => tool.name)).toContain('get-sum');
  await expect(agent(serverId, 'conv-off', 'echo', { message: 'hidden' })).resolves.toMatchObject({
    ok: true,
    result: {
      isError: true,
      content: [
        {
          text: 'This call was not run: the tool "echo" of "everything" is switched off in Dust MCP Tray.',
        },
      ],
    },
  });
  await page.getByRole('tab', { name: /Requests/ }).click();
  await expect(page.getByTestId('request-card')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Servers' }).click();
  await card.getByTestId('server-tools').locator('summary').click();
  await card.getByRole('switch', { name: 'echo offered to Dust' }).click();
  await expect(card.getByTestId('server-tools').locator('summary')).not.toContainText(
    'switched off',
  );
});

test('a permission given on one card clears the matching waiting calls at once', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const serverId = await signedInOnServers(page);
  const first = agent(serverId, 'conv-a', 'echo', { message: 'first' });
  await page.getByRole('tab', { name: /Requests/ }).click();
  await expect(page.getByTestId('request-card')).toHaveCount(1, { timeout: 20_000 });
  const second = agent(serverId, 'conv-b', 'echo', { message: 'second' });
  const other = agent(serverId, 'conv-a', 'get-sum', { a: 1, b: 2 });
  await expect(page.getByTestId('request-card')).toHaveCount(3, { timeout: 20_000 });
  await page
    .getByTestId('request-card')
    .filter({ hasText: 'first' })
    .getByRole('button', { name: 'Always allow this tool' })
    .click();
  await expect(page.getByTestId('request-card')).toHaveCount(1);
  await expect(page.getByTestId('request-card')).toContainText('get-sum');
  await expect(first).resolves.toMatchObject({
    ok: true,
    result: { content: [{ text: expect.stringContaining('first') }] },
  });
  await expect(second).resolves.toMatchObject({
    ok: true,
    result: { content: [{ text: expect.stringContaining('second') }] },
  });
  await expect(
    page.getByText(
      /Approved echo: Always allowed by you \(a permission you gave while it waited\)/,
    ),
  ).toBeVisible();
  await page.getByTestId('request-card').getByRole('button', { name: 'Deny', exact: true }).click();
  await expect(other).resolves.toMatchObject({ ok: true, result: { isError: true } });
  await page.getByRole('tab', { name: 'Permissions' }).click();
  await expect(page.getByTestId('grant')).toContainText('echo');
  // Leave no permission behind for the next test.
  app.services.grants.revokeAll();
  await expect(page.getByTestId('grant')).toHaveCount(0);
});

test('sign-out asks while a call waits, denies it, deregisters every server; signing in again registers each once', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const serverId = await signedInOnServers(page);
  expect(registrations()).toEqual(['everything']);
  const waiting = agent(serverId, 'conv-exit', 'echo', { message: 'still waiting' });
  await page.getByRole('tab', { name: /Requests/ }).click();
  await expect(page.getByTestId('request-card')).toHaveCount(1, { timeout: 20_000 });

  app.signOutDialog.answer = false;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => app.signOutDialog.questions).toEqual([{ waiting: 1, running: 0 }]);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(page.getByTestId('request-card')).toHaveCount(1);
  expect(registrations()).toEqual(['everything']);

  app.signOutDialog.answer = true;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Connect to Dust' })).toBeVisible({
    timeout: 20_000,
  });
  expect(app.signOutDialog.questions).toHaveLength(2);
  await expect(waiting).resolves.toMatchObject({
    ok: true,
    result: {
      isError: true,
      content: [{ text: expect.stringMatching(/Signed out of Dust MCP Tray/) }],
    },
  });
  expect(registrations()).toEqual([]);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Servers' }).click();
  await expect(
    page.getByTestId('server-card').filter({ hasText: 'everything' }).getByTestId('server-id'),
  ).toHaveText(/^mcp-client-side:/, { timeout: 30_000 });
  await page.waitForTimeout(500);
  expect(registrations()).toEqual(['everything']);
});
