import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { APP_PAGE_URL } from '../app/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy.js';
import { createAppProtocolHandler } from './app-protocol-handler.js';

function rendererFolder() {
  const base = mkdtempSync(join(tmpdir(), 'dust-app-scheme-'));
  const dir = join(base, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.js'), 'SECRET');
  writeFileSync(join(base, 'settings.json'), '{"secret":true}');
  return dir;
}

describe('the app:// handler on a real folder', () => {
  const handle = createAppProtocolHandler(rendererFolder(), CONTENT_SECURITY_POLICY);

  it('serves the page with its CSP as a header, and its scripts with their type', async () => {
    // Electron hands the handler a Request for app: URLs; here a stand-in with the same two fields.
    const page = await handle({ url: APP_PAGE_URL, method: 'GET' } as Request);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>app</title>');
    const script = await handle({ url: 'app://renderer/assets/main.js', method: 'GET' } as Request);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBeNull();
  });

  it.each([
    'app://renderer/../secret.js',
    'app://renderer/%2e%2e/secret.js',
    'app://renderer/assets%2F..%2F..%2Fsecret.js',
    'app://renderer/..%5Csettings.json',
    'app://other/index.html',
  ])('never serves a file outside the folder: %s', async (url) => {
    const response = await handle({ url, method: 'GET' } as Request);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toMatch(/SECRET|secret/);
  });

  it('answers 404 for a missing file and 405 for a POST', async () => {
    expect(
      (await handle({ url: 'app://renderer/assets/missing.js', method: 'GET' } as Request)).status,
    ).toBe(404);
    expect((await handle({ url: APP_PAGE_URL, method: 'POST' } as Request)).status).toBe(405);
  });
});
