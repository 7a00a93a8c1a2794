import { expect, test } from '@playwright/test';

import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';
import { everythingServer } from '../../harness/sample-servers.js';

/**
 * Nobody answers: the countdown on the card runs out, the core denies the call, the agent gets the
 * denial, and the window says why the card left. 10 s is the shortest deadline settings allow.
 */
let app: AppHarness;

test.beforeAll(async () => {
  app = await startAppHarness({
    mcpServers: { everything: everythingServer() },
    settings: { approvals: { defaultDeadlineSeconds: 10 } },
  });
});
test.afterAll(async () => {
  await app?.close();
});

test('an unanswered request is denied when its deadline passes, and the window says so', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 420, height: 640 });
  await page.goto(app.pageUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('connection-summary')).toHaveText('1 of 1 server online', {
    timeout: 20_000,
  });
  const serverId = app.services.servers.status('everything')?.dust?.serverId ?? '';
  expect(serverId).toMatch(/^mcp-client-side:/);

  const call = app.emulator.agent.callTool({
    workspaceId: app.emulator.seeds.workspaceId,
    userId: app.emulator.seeds.users.ada.sId,
    serverId,
    conversationId: 'conv-late',
    messageId: 'msg-late',
    toolName: 'echo',
    arguments: { message: 'nobody answers' },
  });
  const card = page.getByTestId('request-card');
  await expect(card).toContainText('nobody answers');
  const timer = card.getByRole('timer');
  await expect(timer).toHaveText(/^0:(0\d|10)$/);
  await expect(card).toHaveClass(/urgency-urgent/);

  await expect(call).resolves.toMatchObject({ ok: true, result: { isError: true } });
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Recent decisions' })).toContainText('Denied echo');
  await expect(page.getByText('Nothing is waiting for you')).toBeVisible();
});
