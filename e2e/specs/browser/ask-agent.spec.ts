import { expect, type Page, test } from '@playwright/test';

import { conversationsOf } from '../../dust-emulator/conversations/index.js';
import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';
import { everythingServer } from '../../harness/sample-servers.js';
import { screenshotDir } from './screenshots.js';

/**
 * "Ask an agent" end to end: the real renderer in Chromium, the real core through the harness,
 * the emulator's scripted agents, and server-everything as the local tool. The app posts the
 * message itself with the server's id, so the agent's tool call comes back to this computer.
 */
const shots = screenshotDir();

let app: AppHarness;

test.beforeAll(async () => {
  app = await startAppHarness({ mcpServers: { everything: everythingServer() } });
});
test.afterAll(async () => {
  await app?.close();
});

/** Signed in, the server online, the Ask view open on a new conversation with `agent` picked. */
async function openAsk(page: Page, agent: string, harness: AppHarness = app) {
  await page.setViewportSize({ width: 420, height: 640 });
  await page.goto(harness.pageUrl);
  // The first test signs in (the harness confirms the device code); the others find it done.
  const signIn = page.getByRole('button', { name: 'Sign in' });
  await expect(signIn.or(page.getByTestId('signed-in-as'))).toBeVisible({ timeout: 20_000 });
  if (await signIn.isVisible()) await signIn.click();
  await expect(page.getByTestId('connection-summary')).toHaveText('1 of 1 server online', {
    timeout: 30_000,
  });
  await page.getByRole('tab', { name: 'Ask' }).click();
  await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: agent });
  return page.getByRole('textbox', { name: 'Message' });
}

const echoRequest = (message: string) =>
  `Please echo this.\n\`\`\`json\n{"tool": "echo", "arguments": {"message": "${message}"}}\n\`\`\``;

test('the local tool caller asks inline, and its answer quotes the tool’s real result', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const box = await openAsk(page, 'LocalToolCaller');
  await box.fill(echoRequest('hello from the window'));
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('user-turn')).toContainText('Sent with everything');
  const call = page.getByTestId('tool-call');
  await expect(call.getByRole('button', { name: 'Approve', exact: true })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await page.screenshot({ path: `${shots}ask-approval.png` });
  await call.getByRole('button', { name: 'Approve', exact: true }).click();
  const answer = page.getByTestId('agent-turn');
  await expect(answer).toContainText('Echo: hello from the window', { timeout: 20_000 });
  await expect(call).toContainText('approved by you');
  await box.fill('Thanks');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  await page.screenshot({ path: `${shots}ask.png` });
  expect(errors).toEqual([]);
});

test('the no-tools agent answers', async ({ page }) => {
  const box = await openAsk(page, 'NoTools');
  await box.fill('Say hello');
  await box.press('Enter');
  await expect(page.getByTestId('agent-turn')).toContainText(
    'Hello from the Dust emulator. I answered without using any tool.',
    { timeout: 20_000 },
  );
  await expect(page.getByTestId('tool-call')).toHaveCount(0);
});

test('the failing agent’s error is shown in words', async ({ page }) => {
  const box = await openAsk(page, 'Failing');
  await box.fill('Try something');
  await box.press('Enter');
  await expect(page.getByTestId('agent-turn').getByRole('alert')).toContainText(
    'The agent failed',
    { timeout: 20_000 },
  );
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await box.fill('Again?');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});

test('Stop ends an answer that waits on a tool approval; the prompt goes away', async ({
  page,
}) => {
  const box = await openAsk(page, 'LocalToolCaller');
  await box.fill(echoRequest('never runs'));
  await page.getByRole('button', { name: 'Send' }).click();
  const call = page.getByTestId('tool-call');
  await expect(call.getByRole('button', { name: 'Approve', exact: true })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('agent-turn')).toContainText('Stopped.', { timeout: 20_000 });
  await expect(call.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await expect(call).toContainText('Not run');
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
});

test('Open in Dust opens the conversation’s page in the browser', async ({ page }) => {
  const box = await openAsk(page, 'NoTools');
  await box.fill('A conversation to open');
  await box.press('Enter');
  await expect(page.getByTestId('agent-turn')).toContainText('Hello from the Dust emulator', {
    timeout: 20_000,
  });
  const before = app.openedUrls.length;
  await page.getByRole('button', { name: 'Open in Dust' }).click();
  await expect.poll(() => app.openedUrls.length).toBe(before + 1);
  expect(app.openedUrls.at(-1)).toMatch(
    new RegExp(`^${app.emulator.url}/w/${app.emulator.seeds.workspaceId}/agent/[A-Za-z0-9_-]+$`),
  );
});

test('a workspace without programmatic credits: the refusal in words, the text kept', async ({
  page,
}) => {
  const faults = conversationsOf(app.emulator.context).faults;
  faults.programmatic = 'no_credits';
  try {
    const box = await openAsk(page, 'NoTools');
    await box.fill('Will be refused');
    await box.press('Enter');
    const alert = page.getByTestId('send-error');
    await expect(alert).toContainText('programmatic credits', { timeout: 20_000 });
    await expect(alert).toContainText('Ask a workspace admin');
    await expect(box).toHaveValue('Will be refused');
  } finally {
    faults.programmatic = 'ok';
  }
});

test.describe('a server that re-registers', () => {
  // Its own app, with a short registration TTL: the heartbeat (TTL/3) then notices the expiry in
  // seconds. The other tests keep Dust's 10 minutes, so a slow machine cannot expire them.
  let short: AppHarness;
  test.beforeAll(async () => {
    short = await startAppHarness({
      mcpServers: { everything: everythingServer() },
      emulatorOptions: { registrationTtlSeconds: 6 },
    });
  });
  test.afterAll(async () => {
    await short?.close();
  });

  test('during an answer: the window says the message lost it, and a new message uses it again', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const box = await openAsk(page, 'LocalToolCaller', short);
    await box.fill(echoRequest('before the new id'));
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(
      page.getByTestId('tool-call').getByRole('button', { name: 'Approve', exact: true }),
    ).toBeVisible({ timeout: 20_000 });
    const [registration] = short.emulator.mcp.registrations();
    expect(short.emulator.faults.expireRegistration(registration!.serverId)).toBe(true);
    await expect(page.getByTestId('lost-server')).toHaveText(
      "everything reconnected with a new id while the agent was answering; this conversation's last message can no longer reach it — send a new message to use it again.",
      { timeout: 30_000 },
    );
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0, {
      timeout: 20_000,
    });
    await box.fill(echoRequest('after the new id'));
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByTestId('tool-call')
      .last()
      .getByRole('button', { name: 'Approve', exact: true })
      .click({ timeout: 20_000 });
    await expect(page.getByTestId('agent-turn').last()).toContainText('Echo: after the new id', {
      timeout: 20_000,
    });
  });
});

test('the global shortcut field shows main’s refusal of a text that is not a shortcut', async ({
  page,
}) => {
  await openAsk(page, 'NoTools');
  await page.getByText('Global shortcut:').click();
  await expect(page.getByTestId('shortcut-current')).toContainText('not available here');
  await page.getByRole('textbox', { name: 'Shortcut' }).fill('Ctrl+Banana');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.shortcut-setting').getByRole('alert')).not.toBeEmpty();
  await expect(page.getByRole('textbox', { name: 'Shortcut' })).toHaveValue('Ctrl+Banana');
});

test('a conversation from an earlier run is listed after a restart and reads back from Dust', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const first = await startAppHarness({
    mcpServers: { everything: everythingServer() },
    emulator: app.emulator,
  });
  let box = await openAsk(page, 'NoTools', first);
  await box.fill('Remember me after a restart');
  await box.press('Enter');
  await expect(page.getByTestId('agent-turn')).toContainText('Hello from the Dust emulator', {
    timeout: 20_000,
  });
  await first.close();

  const again = await startAppHarness({
    mcpServers: { everything: everythingServer() },
    emulator: app.emulator,
    dataDir: first.dataDir,
  });
  try {
    box = await openAsk(page, 'NoTools', again);
    const recent = page.getByRole('navigation', { name: 'Recent conversations' });
    await recent.getByRole('button', { name: /Remember me after a restart/ }).click();
    await expect(page.getByTestId('user-turn')).toContainText('Remember me after a restart', {
      timeout: 20_000,
    });
    await expect(page.getByTestId('agent-turn')).toContainText('Hello from the Dust emulator');
    await box.fill('And a follow-up');
    await box.press('Enter');
    await expect(page.getByTestId('agent-turn')).toHaveCount(2, { timeout: 20_000 });
    await expect(page.getByTestId('agent-turn').last()).toContainText(
      'Hello from the Dust emulator',
      { timeout: 20_000 },
    );
  } finally {
    await again.close();
  }
});
