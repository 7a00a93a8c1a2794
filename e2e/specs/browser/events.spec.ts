import { fileURLToPath } from 'node:url';

import { expect, test } from '@playwright/test';

import { CONTENT_SECURITY_POLICY } from '../../../src-main/app/content-security-policy.js';
import { createEventHub, type EventHub } from '../../../src-main/app/event-hub.js';
import { createHandlers } from '../../../src-main/app/handlers.js';
import { createIpcRouter } from '../../../src-main/app/ipc-router.js';
import type { WindowApi } from '../../../src-main/shared/window-api.js';
import { type Harness, startHarness } from '../../harness/harness-server.js';

const rendererDir = fileURLToPath(new URL('../../../out/renderer-harness', import.meta.url));

let harness: Harness;
let hub: EventHub;

test.beforeAll(async () => {
  hub = createEventHub();
  const router = createIpcRouter(
    createHandlers({ appInfo: { name: 'Dust MCP Tray', version: '0.0.0-harness' } }),
  );
  harness = await startHarness({
    rendererDir,
    router,
    events: hub,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  });
});

test.afterAll(async () => {
  await harness.close();
});

test('events reach the page over the bridge, held until it says it is ready', async ({ page }) => {
  await page.goto(harness.pageUrl);
  await expect(page.getByTestId('app-version')).toContainText('0.0.0-harness');
  await page.evaluate(() => {
    const scope = window as unknown as { api: WindowApi; received: unknown[] };
    scope.received = [];
    scope.api.on('app:navigate', (message) => scope.received.push(message));
  });
  const first = hub.publish('app:navigate', { view: 'ask' });
  await page.evaluate(() => (window as unknown as { api: WindowApi }).api.app.rendererReady());
  hub.publish('app:navigate', { view: 'request', requestId: 'req-7' });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received))
    .toEqual([
      { seq: first, payload: { view: 'ask' } },
      { seq: first + 1, payload: { view: 'request', requestId: 'req-7' } },
    ]);
});

test('the page cannot listen to channels outside the contract', async ({ page }) => {
  await page.goto(harness.pageUrl);
  const error = await page.evaluate(() => {
    try {
      (window as unknown as { api: { on(e: string, f: () => void): void } }).api.on(
        'app:getInfo',
        () => undefined,
      );
      return null;
    } catch (caught) {
      return (caught as Error).name;
    }
  });
  expect(error).toBe('TypeError');
});

test('the page is served with the CSP as a response header too, and it holds', async ({ page }) => {
  const response = await page.goto(harness.pageUrl);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(page.getByTestId('app-version')).toContainText('0.0.0-harness');
  // An inline script is refused by the policy, so the app's own bundle is all that runs.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.body.append(script);
    return (window as unknown as { __inline?: boolean }).__inline === true;
  });
  expect(inlineRan).toBe(false);
});
