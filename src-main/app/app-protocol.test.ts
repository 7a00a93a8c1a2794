import { describe, expect, it } from 'vitest';

import { APP_PAGE_URL, resolveAppRequest } from './app-protocol.js';

describe('resolveAppRequest (app://renderer → files of the renderer folder)', () => {
  it('serves the page and its assets with their types', () => {
    expect(resolveAppRequest(APP_PAGE_URL)).toEqual({
      kind: 'file',
      segments: ['index.html'],
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://renderer/')).toMatchObject({
      kind: 'file',
      segments: ['index.html'],
    });
    expect(resolveAppRequest('app://renderer/assets/index-abc123.js?v=1#x')).toEqual({
      kind: 'file',
      segments: ['assets', 'index-abc123.js'],
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://renderer/assets/app.css')).toMatchObject({
      kind: 'file',
      mimeType: 'text/css; charset=utf-8',
    });
    expect(resolveAppRequest('app://renderer/assets/font%20name.woff2')).toMatchObject({
      kind: 'file',
      segments: ['assets', 'font name.woff2'],
    });
  });

  it.each([
    'app://renderer/../../etc/passwd.html',
    'app://renderer/assets/../../secret.js',
    'app://renderer/%2e%2e/%2e%2e/etc/x.js',
    'app://renderer/assets%2F..%2F..%2Fetc%2Fx.js',
    'app://renderer/assets%5C..%5C..%5Cx.js',
    'app://renderer/..%5cx.js',
    'app://renderer/C:%5CWindows%5Cx.js',
    'app://renderer/.env.json',
    'app://renderer/assets//x.js',
    'app://renderer/x%00.js',
  ])('refuses traversal and odd paths: %s', (url) => {
    // The raw path is checked (not the parser's resolved one), so "..", encoded or not, never
    // passes.
    expect(resolveAppRequest(url)).toMatchObject({ kind: 'refused', status: expect.any(Number) });
  });

  it.each([
    'app://evil/index.html',
    'app://user:pw@renderer/index.html',
    'app://renderer:8080/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
    'not a url',
  ])('refuses other hosts and schemes: %s', (url) => {
    expect(resolveAppRequest(url).kind).toBe('refused');
  });

  it('serves only known file types and only GET', () => {
    expect(resolveAppRequest('app://renderer/main.cjs')).toMatchObject({
      kind: 'refused',
      status: 404,
    });
    expect(resolveAppRequest('app://renderer/index')).toMatchObject({
      kind: 'refused',
      status: 404,
    });
    expect(resolveAppRequest(APP_PAGE_URL, 'POST')).toMatchObject({ kind: 'refused', status: 405 });
  });
});
