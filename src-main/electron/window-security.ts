import type { HeadersReceivedResponse, OnHeadersReceivedListenerDetails } from 'electron';

import { isAppPageUrl } from '../app/app-page.js';
import type { ExternalLinkPolicy } from '../app/external-links.js';

/** A cancellable Electron event carrying the target URL (`will-navigate`, `will-redirect`). */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The parts of a `WebContents` hardening touches; Electron's own satisfies it, tests fake it. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  session: HardenableSession;
}

export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

export interface HardeningOptions {
  appPageUrl: string;
  /** Which links may leave for the system browser (src-main/app/external-links.ts). */
  externalLinks: ExternalLinkPolicy;
  /** `shell.openExternal` in production; called with the policy's normalised URL only. */
  openExternal: (url: string) => void;
}

/**
 * Locks a window's contents down (Electron security checklist items 5, 11–15):
 * no new windows (allowlisted https links go to the system browser instead), no navigation or
 * redirect away from the app page, no permission ever granted, no `<webview>`.
 *
 * Pages are compared with the URL parser (src-main/app/app-page.ts), never `startsWith`.
 */
export function hardenWebContents(contents: HardenableContents, options: HardeningOptions): void {
  const openIfAllowed = (url: string): void => {
    const allowed = options.externalLinks(url);
    if (allowed !== null) options.openExternal(allowed);
  };

  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppPageUrl(event.url, options.appPageUrl)) return;
    event.preventDefault();
    // A plain link click lands here; an allowlisted one still reaches the browser.
    openIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => {
    // Redirects are server-initiated: never followed away from the page, never opened outside.
    if (!isAppPageUrl(event.url, options.appPageUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Electron grants every permission by default (checklist item 5).
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  contents.session.setPermissionCheckHandler(() => false);
}

/** The part of `session.webRequest` used to add the CSP header. */
export interface HeaderSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: OnHeadersReceivedListenerDetails,
        callback: (response: HeadersReceivedResponse) => void,
      ) => void,
    ): void;
  };
}

/**
 * Adds the Content-Security-Policy header to the app page's own responses, where Chromium lets
 * `webRequest` see them. `file://` may carry no headers on some versions (electron#23485), so
 * the meta tag in index.html stays the guarantee; this is the header the checklist prefers.
 */
export function applyContentSecurityPolicy(
  session: HeaderSession,
  appPageUrl: string,
  policy: string,
): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' || !isAppPageUrl(details.url, appPageUrl)) {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}
