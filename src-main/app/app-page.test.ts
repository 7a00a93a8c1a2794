import { describe, expect, it } from 'vitest';

import { isAppPageUrl } from './app-page.js';

const FILE_PAGE =
  'file:///Applications/Dust%20MCP%20Tray.app/Contents/Resources/app.asar/out/renderer/index.html';
const HTTP_PAGE = 'http://127.0.0.1:5173/index.html';

describe('isAppPageUrl', () => {
  it('accepts the page itself, with any fragment', () => {
    expect(isAppPageUrl(FILE_PAGE, FILE_PAGE)).toBe(true);
    expect(isAppPageUrl(`${FILE_PAGE}#/requests/r1`, FILE_PAGE)).toBe(true);
    expect(isAppPageUrl(`${HTTP_PAGE}#token=abc`, HTTP_PAGE)).toBe(true);
  });

  it.each([
    `${FILE_PAGE}.evil`,
    `${FILE_PAGE}/../../../../etc/passwd`,
    FILE_PAGE.replace('index.html', 'other.html'),
    `${FILE_PAGE}?x=1`,
    'file://evil-host/Applications/Dust%20MCP%20Tray.app/Contents/Resources/app.asar/out/renderer/index.html',
    'http://127.0.0.1:5174/index.html',
    'http://user@127.0.0.1:5173/index.html',
    'https://127.0.0.1:5173/index.html',
    'javascript:alert(1)',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    const page = url.startsWith('http') ? HTTP_PAGE : FILE_PAGE;
    expect(isAppPageUrl(url, page)).toBe(false);
  });

  it('treats an unparsable app page as matching nothing', () => {
    expect(isAppPageUrl(FILE_PAGE, '::')).toBe(false);
  });
});
