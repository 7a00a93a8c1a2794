import { expect, test } from '@playwright/test';

import { createWindowApi } from '../../../src-main/shared/window-api.js';
import { launchApp, requireElectron } from './electron-app.js';

requireElectron();

test('the tray exists, with the signed-out glyph and a tooltip in words', async () => {
  const { app } = await launchApp();
  try {
    const tray = await app.evaluate(() =>
      (
        globalThis as {
          __dustMcpTrayE2e?: { tray(): { tooltip: string; glyph: string } | undefined };
        }
      ).__dustMcpTrayE2e?.tray(),
    );
    expect(tray?.tooltip).toBe('Dust MCP Tray — Signed out');
    expect(tray?.glyph).toMatch(/tray-signed-out(Template)?\.png$/);
  } finally {
    await app.close();
  }
});

test('every window is isolated, sandboxed and without Node or webviews', async () => {
  const { app, window: page } = await launchApp();
  try {
    const observed = await page.evaluate(() => {
      const scope = globalThis as {
        require?: unknown;
        process?: unknown;
        module?: unknown;
        api?: unknown;
      };
      return {
        // Without context isolation contextBridge refuses to expose anything at all.
        api: typeof scope.api,
        node: [typeof scope.require, typeof scope.process, typeof scope.module],
        webview: document.createElement('webview') instanceof HTMLUnknownElement,
      };
    });
    expect(observed).toEqual({
      api: 'object',
      node: ['undefined', 'undefined', 'undefined'],
      webview: true,
    });
    // Electron reports the sandbox per process on macOS and Windows; Linux leaves it undefined.
    const renderers = (
      await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics())
    ).filter((metric) => metric.type === 'Tab');
    expect(renderers.length).toBeGreaterThan(0);
    for (const renderer of renderers) {
      if (renderer.sandboxed !== undefined) expect(renderer.sandboxed).toBe(true);
    }
    // Electron grants permissions by default; ours are all denied.
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
    // The CSP refuses inline script.
    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.append(script);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(inlineRan).toBe(false);
  } finally {
    await app.close();
  }
});

test('the preload bridge answers, exposes only named methods, and refuses unknown events', async () => {
  const { app, window: page } = await launchApp();
  try {
    const result = await page.evaluate(async () => {
      const api = (
        window as unknown as {
          api: {
            app: { getInfo(): Promise<unknown>; rendererReady(): Promise<void> };
            on(e: string, f: () => void): () => void;
          };
        }
      ).api;
      const info = await api.app.getInfo();
      await api.app.rendererReady();
      const off = api.on('app:navigate', () => undefined);
      off();
      let refused = '';
      try {
        api.on('app:getInfo', () => undefined);
      } catch (error) {
        refused = (error as Error).name;
      }
      return { info, keys: Object.keys(api).sort(), refused };
    });
    expect(result.info).toMatchObject({ name: expect.any(String), version: expect.any(String) });
    // Exactly the contract's groups (and `on`): the bridge as built from the same code in Node.
    const groups = Object.keys(
      createWindowApi(
        () => Promise.reject(new Error('unused')),
        () => () => undefined,
      ),
    ).sort();
    expect(groups).toContain('chat');
    expect(result.keys).toEqual(groups);
    expect(result.refused).toBe('TypeError');
  } finally {
    await app.close();
  }
});

test('navigation away from the app page and new windows are blocked', async () => {
  const { app, window: page } = await launchApp();
  try {
    const before = page.url();
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.evaluate(() => {
      location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(app.windows().length).toBe(1);
  } finally {
    await app.close();
  }
});
