import { expect, test } from '@playwright/test';

import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';
import { everythingServer } from '../../harness/sample-servers.js';

/**
 * A local server asks the person during a tool call (MCP elicitation, form mode): the form shows
 * in the window with the server and tool named, the person fills it in and accepts, and what they
 * typed reaches the server, whose tool result (back at the agent) quotes it.
 */
let app: AppHarness;

test.beforeAll(async () => {
  app = await startAppHarness({
    mcpServers: { everything: everythingServer() },
    settings: { rules: [{ server: 'everything', tool: '*', action: 'allow' }] },
  });
});
test.afterAll(async () => {
  await app?.close();
});

test('an elicitation form answered in the window reaches the server', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(app.pageUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('connection-summary')).toHaveText('1 of 1 server online', {
    timeout: 20_000,
  });
  const server = app.services.servers.status('everything');
  await expect
    .poll(() => server?.local?.tools()?.some((tool) => tool.name === 'trigger-elicitation-request'))
    .toBe(true);

  await page.getByRole('tab', { name: /Requests/ }).click();
  const call = app.emulator.agent.callTool({
    workspaceId: app.emulator.seeds.workspaceId,
    userId: app.emulator.seeds.users.ada.sId,
    serverId: server?.dust?.serverId ?? '',
    conversationId: 'conv-form',
    messageId: 'msg-form',
    toolName: 'trigger-elicitation-request',
    arguments: {},
  });
  const card = page.getByTestId('elicitation-card');
  await expect(card).toContainText('everything asks you while running trigger-elicitation-request');
  await expect(card).toContainText('Please provide inputs for the following fields:');
  await expect(card.getByRole('timer')).toHaveText(/^2:[0-9]{2}$/);
  await card.getByLabel('String (required)').fill('Ada Lovelace');
  await card.getByLabel(/^Boolean/).check();
  await card.getByLabel(/^Integer/).fill('7');
  await card.getByLabel(/^Legacy Titled Single Select Enum/).selectOption({ label: 'Dogs' });
  await card.getByRole('button', { name: 'Accept' }).click();

  const outcome = await call;
  const text = outcome.ok
    ? outcome.result.content.map((item) => (item as { text?: string }).text ?? '').join('\n')
    : '';
  expect(text).toContain('- Name: Ada Lovelace');
  expect(text).toContain('- Agreed to terms: true');
  expect(text).toContain('- Favorite Integer: 7');
  // server-everything prints this one only in its raw result (it looks for another key).
  expect(text).toContain('"legacyTitledEnum": "pet-2"');
  await expect(card).toHaveCount(0);
  // What the person typed went to the server only: not into the app's logs.
  expect(app.logs.join('\n')).not.toContain('Ada Lovelace');
  expect(app.logs.join('\n')).toContain('elicitation answered');
});
