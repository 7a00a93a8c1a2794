import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';

import { createExternalLinkPolicy } from '../app/external-links.js';
import { type AppWindowLike, createAppWindow } from './app-window.js';
import { secureWindowOptions } from './window-options.js';

const PAGE = 'app://renderer/index.html';

/** Records, in order, what the factory does to the window it creates. */
function recordingWindowClass(log: string[]) {
  return class FakeWindow implements AppWindowLike {
    static created: FakeWindow[] = [];
    readonly webContents: AppWindowLike['webContents'];
    constructor(readonly options: BrowserWindowConstructorOptions) {
      FakeWindow.created.push(this);
      log.push('construct');
      this.webContents = {
        id: 42,
        isDestroyed: () => false,
        getURL: () => PAGE,
        send: () => undefined,
        once: () => undefined,
        setWindowOpenHandler: () => void log.push('setWindowOpenHandler'),
        on: (event: string) => void log.push(`on:${event}`),
        session: {
          setPermissionRequestHandler: () => void log.push('setPermissionRequestHandler'),
          setPermissionCheckHandler: () => void log.push('setPermissionCheckHandler'),
          webRequest: { onHeadersReceived: () => void log.push('onHeadersReceived') },
        },
      };
    }
    loadURL(url: string) {
      log.push(`loadURL:${url}`);
      return Promise.resolve();
    }
  };
}

describe('createAppWindow', () => {
  it('creates the window with the secure options, hardens and trusts it, and only then loads', () => {
    const log: string[] = [];
    const Window = recordingWindowClass(log);
    const window = createAppWindow(Window, {
      preloadPath: '/app/out/preload/index.cjs',
      appPageUrl: PAGE,
      contentSecurityPolicy: "default-src 'none'",
      externalLinks: createExternalLinkPolicy(),
      openExternal: () => undefined,
      guard: { trust: (contents) => void log.push(`trust:${contents.id}`) },
      broadcaster: { attach: (contents) => void log.push(`attach:${contents.id}`) },
    });
    expect(window.options).toEqual(secureWindowOptions('/app/out/preload/index.cjs'));
    expect(log).toEqual([
      'construct',
      'setWindowOpenHandler',
      'on:will-navigate',
      'on:will-redirect',
      'on:will-attach-webview',
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'onHeadersReceived',
      'trust:42',
      'attach:42',
      'loadURL:app://renderer/index.html',
    ]);
  });
});
