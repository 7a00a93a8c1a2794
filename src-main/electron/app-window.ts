import type { BrowserWindowConstructorOptions } from 'electron';

import type { ExternalLinkPolicy } from '../app/external-links.js';
import type { BroadcastTarget } from './ipc/broadcaster.js';
import type { SenderGuard } from './ipc/sender-guard.js';
import { secureWindowOptions } from './window-options.js';
import {
  applyContentSecurityPolicy,
  type HardenableContents,
  hardenWebContents,
  type HeaderSession,
} from './window-security.js';

/** The parts of a `BrowserWindow` the factory uses; Electron's own satisfies it. */
export interface AppWindowLike {
  readonly webContents: HardenableContents &
    BroadcastTarget & { session: HardenableContents['session'] & HeaderSession };
  loadURL(url: string): Promise<void>;
}

export type AppWindowConstructor<W extends AppWindowLike> = new (
  options: BrowserWindowConstructorOptions,
) => W;

export interface AppWindowDeps {
  preloadPath: string;
  /**
   * The page's `app://renderer/index.html` URL (served by app-protocol-handler.ts, never file://).
   */
  appPageUrl: string;
  contentSecurityPolicy: string;
  externalLinks: ExternalLinkPolicy;
  openExternal: (url: string) => void;
  guard: Pick<SenderGuard, 'trust'>;
  broadcaster: { attach(contents: BroadcastTarget): void };
}

/**
 * The one way the app creates a window: secure options, hardened contents, trusted by the IPC
 * guard and the broadcaster, and only then loaded.
 *
 * The `BrowserWindow` constructor is passed in (main.ts passes Electron's), which keeps this
 * testable without Electron; lint forbids constructing a BrowserWindow anywhere else, and
 * test/window-factory.test.ts checks that no other file constructs one.
 */
export function createAppWindow<W extends AppWindowLike>(
  Window: AppWindowConstructor<W>,
  deps: AppWindowDeps,
): W {
  const window = new Window(secureWindowOptions(deps.preloadPath));
  const contents = window.webContents;
  hardenWebContents(contents, {
    appPageUrl: deps.appPageUrl,
    externalLinks: deps.externalLinks,
    openExternal: deps.openExternal,
  });
  applyContentSecurityPolicy(contents.session, deps.appPageUrl, deps.contentSecurityPolicy);
  deps.guard.trust(contents);
  deps.broadcaster.attach(contents);
  void window.loadURL(deps.appPageUrl);
  return window;
}
