import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, type Page, test } from '@playwright/test';

import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';
import { everythingServer, filesystemServer } from '../../harness/sample-servers.js';

/**
 * The approval experience end to end: the real renderer in Chromium over the harness,
 * the emulator's LocalToolCaller, and real MCP servers from npm. A person approves a 3 KB
 * write_file from inside the conversation seeing all of it, stops a call that runs too long, and
 * changes settings in the window.
 */
let app: AppHarness;
let folder: string;

test.beforeAll(async () => {
  folder = realpathSync(mkdtempSync(join(tmpdir(), 'dust-tray-approval-')));
  app = await startAppHarness({
    mcpServers: { everything: everythingServer(), fs: filesystemServer(folder) },
  });
});
test.afterAll(async () => {
  await app?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function signedIn(page: Page) {
  await page.setViewportSize({ width: 520, height: 760 });
  await page.goto(app.pageUrl);
  const signIn = page.getByRole('button', { name: 'Sign in' });
  await expect(signIn.or(page.getByTestId('signed-in-as'))).toBeVisible({ timeout: 20_000 });
  if (await signIn.isVisible()) await signIn.click();
  await expect(page.getByTestId('connection-summary')).toHaveText('2 of 2 servers online', {
    timeout: 30_000,
  });
}

async function ask(page: Page, tool: string, args: object) {
  await page.getByRole('tab', { name: 'Ask' }).click();
  await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'LocalToolCaller' });
  await page
    .getByRole('textbox', { name: 'Message' })
    .fill(`Please run it.\n\`\`\`json\n${JSON.stringify({ tool, arguments: args })}\n\`\`\``);
  await page.getByRole('button', { name: 'Send' }).click();
}

test('Ask: a 3 KB write_file is shown whole before it is approved, with its size, lines and a risk badge', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signedIn(page);
  const content = Array.from(
    { length: 60 },
    (_, index) => `line ${index + 1}: ${'words '.repeat(8)}`,
  ).join('\n');
  const path = join(folder, 'notes.md');
  await ask(page, 'write_file', { path, content });

  const card = page.getByTestId('tool-call').getByTestId('request-card');
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card.getByTestId('risk-badge')).toHaveText('Can change files or data');
  await expect(card.getByRole('timer')).toHaveText(/^\d:\d\d$/);
  await expect(card).toContainText('Why asked');
  await expect(card).toContainText(path);
  const long = card.getByTestId('long-text');
  await expect(long).toContainText('text, 3.4 KB, 60 lines');
  await expect(long).toContainText(/52 more lines, [\d,]+ more characters not shown/);
  await expect(long).not.toContainText('line 60:');
  await long.getByRole('button', { name: 'Show all 60 lines' }).click();
  await expect(long).toContainText('line 60:');
  await expect(long).not.toContainText('not shown');
  // Real line breaks: line 2 starts on its own row, below line 1.
  const body = long.locator('.long-text-body');
  expect(await body.evaluate((element) => element.getClientRects()[0]!.height)).toBeGreaterThan(
    300,
  );

  await card.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByTestId('agent-turn')).toContainText('The tool write_file returned:', {
    timeout: 20_000,
  });
  expect(readFileSync(path, 'utf8')).toBe(content);
  expect(errors).toEqual([]);
});

test('Ask: an edited argument is checked against the schema, and the agent reads that the person changed it', async ({
  page,
}) => {
  await signedIn(page);
  const path = join(folder, 'edited.md');
  await ask(page, 'write_file', { path, content: 'from the agent' });
  const card = page.getByTestId('tool-call').getByTestId('request-card');
  await card.getByRole('button', { name: 'Edit arguments' }).click({ timeout: 20_000 });
  const editor = card.getByRole('textbox', { name: /Arguments to run with/ });
  await editor.fill(JSON.stringify({ path }));
  await expect(card.getByRole('alert')).toContainText('"content"');
  await expect(card.getByRole('button', { name: 'Approve with these arguments' })).toBeDisabled();
  await editor.fill(JSON.stringify({ path, content: 'from the person' }));
  await expect(card.getByRole('alert')).toHaveCount(0);
  await card.getByRole('button', { name: 'Approve with these arguments' }).click();
  await expect(page.getByTestId('agent-turn')).toContainText(
    'the person changed the arguments before approving',
    { timeout: 20_000 },
  );
  expect(readFileSync(path, 'utf8')).toBe('from the person');
});

test('a running call says so with its time, in Ask and in Requests, and Stop ends it: the agent is told', async ({
  page,
}) => {
  await signedIn(page);
  await ask(page, 'trigger-long-running-operation', { duration: 60, steps: 60 });
  const call = page.getByTestId('tool-call');
  await call.getByRole('button', { name: 'Approve', exact: true }).click({ timeout: 20_000 });
  const running = call.getByTestId('running-call');
  await expect(running).toContainText(/Running\s*for \d+ s/, { timeout: 20_000 });
  await page.getByRole('tab', { name: /Requests/ }).click();
  await expect(
    page.getByRole('region', { name: 'Running' }).getByTestId('running-call'),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Ask' }).click();
  await call.getByRole('button', { name: 'Stop trigger-long-running-operation' }).click();
  const answer = page.getByTestId('agent-turn');
  await expect(answer).toContainText('The person stopped this call while it was running', {
    timeout: 20_000,
  });
  await expect(call.getByTestId('running-call')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Activity' }).click();
  await page.getByTestId('activity-row').first().locator('summary').click();
  await expect(page.getByTestId('activity-row').first()).toContainText(
    'Stopped by you while it ran.',
  );
});

test('Settings round trip: change each setting in the window, main keeps it, a reload shows it', async ({
  page,
}) => {
  await signedIn(page);
  await page.getByRole('tab', { name: 'Settings' }).click();
  const notify = page.getByRole('checkbox', { name: /desktop notification/ });
  await expect(notify).toBeChecked();
  await notify.click();
  await expect(notify).not.toBeChecked();
  const wait = page.getByLabel('Time to answer a request (seconds)');
  await wait.fill('400');
  await expect(page.getByRole('alert')).toContainText('At most 165 s');
  await wait.fill('60');
  await page.getByRole('button', { name: 'Save the time to answer' }).click();
  await expect(page.getByText(/denied 120 s before Dust’s deadline/)).toBeVisible();
  await page.getByRole('button', { name: 'Pause for 15 min' }).click();
  await expect(page.getByTestId('pause-setting')).toContainText(/paused until .*\(in 1[45] min\)/);
  await expect(page.getByText(/Sign out to change the region/)).toBeVisible();
  await expect(page.getByText(app.dataDir, { exact: true })).toBeVisible();

  expect(app.services.settings.settings.approvals).toMatchObject({
    notify: false,
    defaultDeadlineSeconds: 60,
  });
  expect(app.services.pause.pausedUntil).toBeGreaterThan(Date.now());

  await page.reload();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('checkbox', { name: /desktop notification/ })).not.toBeChecked();
  await expect(page.getByLabel('Time to answer a request (seconds)')).toHaveValue('60');
  await page.getByRole('button', { name: 'Resume now' }).click();
  await expect(page.getByRole('button', { name: 'Pause for 15 min' })).toBeVisible();
  expect(app.services.pause.pausedUntil).toBeUndefined();
});
