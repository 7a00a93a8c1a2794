import type { HeadersReceivedResponse, OnHeadersReceivedListenerDetails } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import { createExternalLinkPolicy } from '../app/external-links.js';
import {
  applyContentSecurityPolicy,
  type HardenableContents,
  hardenWebContents,
  type NavigationEvent,
} from './window-security.js';

const PAGE = 'file:///app/out/renderer/index.html';

function fakeContents() {
  const listeners = new Map<string, (event: NavigationEvent) => void>();
  let openHandler: (details: { url: string }) => { action: 'deny' } = () => ({ action: 'deny' });
  let requestHandler: (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
  ) => void = () => undefined;
  let checkHandler: () => boolean = () => true;
  const contents: HardenableContents = {
    setWindowOpenHandler: (handler) => void (openHandler = handler),
    on: (event: string, listener: (event: NavigationEvent) => void) =>
      listeners.set(event, listener),
    session: {
      setPermissionRequestHandler: (handler) => void (requestHandler = handler),
      setPermissionCheckHandler: (handler) => void (checkHandler = handler),
    },
  };
  const fire = (name: string, url: string) => {
    const event = { url, preventDefault: vi.fn() };
    listeners.get(name)?.(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return {
    contents,
    open: (url: string) => openHandler({ url }),
    navigate: (url: string) => fire('will-navigate', url),
    redirect: (url: string) => fire('will-redirect', url),
    attachWebview: () => fire('will-attach-webview', ''),
    requestPermission: (permission: string) =>
      new Promise<boolean>((resolve) => requestHandler({}, permission, resolve)),
    checkPermission: () => checkHandler(),
  };
}

function setup() {
  const fake = fakeContents();
  const openExternal = vi.fn();
  hardenWebContents(fake.contents, {
    appPageUrl: PAGE,
    externalLinks: createExternalLinkPolicy({ repository: 'acme/tray' }),
    openExternal,
  });
  return { ...fake, openExternal };
}

describe('hardenWebContents', () => {
  it('denies every new window and sends only allowlisted https links to the browser', () => {
    const { open, openExternal } = setup();
    for (const url of [
      'https://DUST.tt/w/1',
      'https://evil.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      PAGE,
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://dust.tt/w/1']]);
  });

  it('lets the app page navigate within itself and blocks everything else', () => {
    const { navigate, openExternal } = setup();
    expect(navigate(`${PAGE}#/requests/1`)).toBe(false);
    expect(navigate(PAGE)).toBe(false);
    for (const url of [
      `${PAGE}.evil`,
      'file:///app/out/renderer/other.html',
      'https://evil.example/?u=file:///app/out/renderer/index.html',
      'about:blank',
      'https://docs.dust.tt/',
    ]) {
      expect(navigate(url)).toBe(true);
    }
    // A plain link to an allowed site still opens, outside the app.
    expect(openExternal.mock.calls).toEqual([['https://docs.dust.tt/']]);
  });

  it('blocks redirects away from the page without opening them anywhere', () => {
    const { redirect, openExternal } = setup();
    expect(redirect('https://dust.tt/')).toBe(true);
    expect(redirect(PAGE)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies every permission request and check, and every <webview>', async () => {
    const { requestPermission, checkPermission, attachWebview } = setup();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'unknown',
    ]) {
      await expect(requestPermission(permission)).resolves.toBe(false);
    }
    expect(checkPermission()).toBe(false);
    expect(attachWebview()).toBe(true);
  });
});

describe('applyContentSecurityPolicy', () => {
  function run(details: Partial<OnHeadersReceivedListenerDetails>) {
    let listener:
      | ((d: OnHeadersReceivedListenerDetails, cb: (r: HeadersReceivedResponse) => void) => void)
      | undefined;
    applyContentSecurityPolicy(
      { webRequest: { onHeadersReceived: (l) => void (listener = l) } },
      PAGE,
      "default-src 'none'",
    );
    let response: HeadersReceivedResponse | undefined;
    listener!(
      { resourceType: 'mainFrame', url: PAGE, ...details } as OnHeadersReceivedListenerDetails,
      (r) => (response = r),
    );
    return response;
  }

  it('replaces any CSP header on the app page with ours', () => {
    expect(
      run({ responseHeaders: { 'content-security-policy': ['*'], 'x-other': ['1'] } }),
    ).toEqual({
      responseHeaders: { 'x-other': ['1'], 'Content-Security-Policy': ["default-src 'none'"] },
    });
  });

  it('leaves other responses alone', () => {
    expect(run({ url: 'https://dust.tt/' })).toEqual({});
    expect(run({ resourceType: 'script' })).toEqual({});
  });
});
