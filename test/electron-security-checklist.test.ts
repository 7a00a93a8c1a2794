import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { APP_PAGE_URL } from '../src-main/app/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../src-main/app/content-security-policy.js';
import { createExternalLinkPolicy } from '../src-main/app/external-links.js';
import { APP_SCHEME_PRIVILEGES } from '../src-main/electron/app-protocol-handler.js';
import { SenderGuard } from '../src-main/electron/ipc/sender-guard.js';
import { secureWindowOptions } from '../src-main/electron/window-options.js';
import {
  type HardenableContents,
  hardenWebContents,
  type NavigationEvent,
} from '../src-main/electron/window-security.js';

/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * item by item, checked against our code and packaging config. Items that do not apply
 * say why in their title. Unit tests elsewhere go deeper; this file is the one place that shows
 * the whole list is covered, so a regression on any item fails here under its checklist number.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function sources(dir: string, include: (path: string) => boolean = () => true): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|mts|cts)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter(include);
}
const isShipped = (path: string) =>
  !/\.test\.tsx?$|[/\\](test-fixtures|testing|integration)[/\\]|\.fuzz\.|\.property\./.test(path);

const appPageUrl = APP_PAGE_URL;

function fakeContents() {
  const listeners = new Map<
    string,
    (event: NavigationEvent & { preventDefault(): void }) => void
  >();
  let windowOpen: ((details: { url: string }) => { action: 'deny' }) | undefined;
  let permissionRequest:
    | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void)
    | undefined;
  let permissionCheck: (() => boolean) | undefined;
  const contents: HardenableContents = {
    setWindowOpenHandler: (handler) => (windowOpen = handler),
    on: (event: string, listener: (event: NavigationEvent) => void) =>
      listeners.set(event, listener),
    session: {
      setPermissionRequestHandler: (handler) => (permissionRequest = handler),
      setPermissionCheckHandler: (handler) => (permissionCheck = handler),
    },
  };
  const opened: string[] = [];
  hardenWebContents(contents, {
    appPageUrl,
    externalLinks: createExternalLinkPolicy(),
    openExternal: (url) => opened.push(url),
  });
  const fire = (name: string, url: string) => {
    let prevented = false;
    listeners.get(name)?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return {
    fire,
    opened,
    windowOpen: windowOpen!,
    permissionRequest: permissionRequest!,
    permissionCheck: permissionCheck!,
  };
}

describe('Electron security checklist', () => {
  it('1. only secure content: the page is the app:// page from the app folder, never remote content', () => {
    const shipped = sources('src-main', isShipped);
    expect(shipped.filter((file) => /\.loadURL\(/.test(read(file)))).toEqual([
      'src-main/electron/app-window.ts',
    ]);
    expect(read('src-main/electron/app-window.ts')).toMatch(/window\.loadURL\(deps\.appPageUrl\)/);
    expect(read('src-main/electron/main.ts')).toMatch(/const appPageUrl = APP_PAGE_URL;/);
  });

  it('2–4. no Node integration for remote content, context isolation on, sandbox on (secureWindowOptions)', () => {
    const web = secureWindowOptions('/p/preload.cjs').webPreferences!;
    expect(web).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
    });
    const offenders = [
      ...sources('src-main', isShipped),
      ...sources('src-renderer', isShipped),
    ].filter((file) => /nodeIntegration\w*\s*:\s*true/.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it('5. permission requests are denied (request and check handlers)', () => {
    const { permissionRequest, permissionCheck } = fakeContents();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      permissionRequest({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
    }
    expect(permissionCheck()).toBe(false);
  });

  it('6. webSecurity stays on; 8. allowRunningInsecureContent off', () => {
    expect(secureWindowOptions('/p').webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    const offenders = sources('src-main', isShipped).filter((file) =>
      /webSecurity\s*:\s*false|allowRunningInsecureContent\s*:\s*true/.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });

  it('7. a Content-Security-Policy: the meta tag equals the constant, with no unsafe-* and default-src none', () => {
    const html = read('src-renderer/index.html');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|http:|https:/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/base-uri 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/form-action 'none'/);
  });

  it('9. no experimental features; 10. no enableBlinkFeatures', () => {
    const offenders = sources('src-main', isShipped).filter((file) =>
      /experimentalFeatures\s*:\s*true|enableBlinkFeatures/.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });

  it('11. no <webview>: the tag is off and any attach is prevented', () => {
    expect(secureWindowOptions('/p').webPreferences?.webviewTag).toBe(false);
    expect(fakeContents().fire('will-attach-webview', 'https://evil.example')).toBe(true);
  });

  it('12. navigation is limited to the app page (will-navigate and will-redirect)', () => {
    const { fire } = fakeContents();
    expect(fire('will-navigate', appPageUrl)).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      `${appPageUrl}.evil`,
      'javascript:alert(1)',
      'https://dust.tt/',
    ]) {
      expect(fire('will-navigate', url), url).toBe(true);
      expect(fire('will-redirect', url), url).toBe(true);
    }
  });

  it('13. new windows are denied; only allowlisted https links leave, for the system browser', () => {
    const { windowOpen, opened } = fakeContents();
    for (const url of [
      'https://evil.example/',
      'file:///bin/sh',
      'smb://host/share',
      'https://dust.tt.evil.example/',
      'https://user@dust.tt/',
      'https://dust.tt:8443/',
    ]) {
      expect(windowOpen({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([]);
    expect(windowOpen({ url: 'https://dust.tt/home' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://dust.tt/home']);
  });

  it('14. openExternal only through the allowlist (external-links.ts) or an https-only check', () => {
    const policy = createExternalLinkPolicy();
    for (const url of [
      'file:///Applications/Calculator.app',
      'ms-msdt:/id',
      'http://dust.tt/',
      'https://xn--dst-ova.tt/',
      'https://github.com/dust-tt/dust-mcp-tray-evil',
    ])
      expect(policy(url), url).toBeNull();
    expect(policy('https://github.com/dust-tt/dust-mcp-tray/releases')).toBe(
      'https://github.com/dust-tt/dust-mcp-tray/releases',
    );
    const callers = sources('src-main', isShipped).filter((file) =>
      /shell\.openExternal\(/.test(read(file)),
    );
    expect(callers).toEqual(['src-main/electron/main.ts']);
    expect(read('src-main/electron/boot-services.ts')).toMatch(/protocol !== 'https:'/);
  });

  it('15. no new BrowserWindow outside the window factory', () => {
    const offenders = sources('src-main', isShipped).filter((file) =>
      /new\s+(?:[\w$]+\.)?BrowserWindow\b/.test(read(file)),
    );
    expect(offenders).toEqual([]);
    expect(read('src-main/electron/main.ts')).toMatch(/createAppWindow\(BrowserWindow,/);
  });

  it('17. the sender of every IPC message is validated (our window, our page)', () => {
    const guard = new SenderGuard(appPageUrl);
    const contents = { id: 7, once: () => undefined };
    guard.trust(contents);
    expect(guard.isTrusted({ sender: { id: 7 }, senderFrame: { url: appPageUrl } })).toBe(true);
    expect(guard.isTrusted({ sender: { id: 8 }, senderFrame: { url: appPageUrl } })).toBe(false);
    expect(
      guard.isTrusted({ sender: { id: 7 }, senderFrame: { url: 'https://evil.example/' } }),
    ).toBe(false);
    expect(guard.isTrusted({ sender: { id: 7 }, senderFrame: null })).toBe(false);
  });

  it('18. the page is served from one privileged custom scheme (app://), never file://, with no CSP bypass', () => {
    const registrations = sources('src-main', isShipped).filter((file) =>
      /protocol\.registerSchemesAsPrivileged\(|registerFileProtocol\(|\.loadFile\(/.test(
        read(file),
      ),
    );
    expect(registrations).toEqual(['src-main/electron/main.ts']);
    const main = read('src-main/electron/main.ts');
    expect(main).not.toMatch(/registerFileProtocol|loadFile\(|pathToFileURL/);
    expect(main).toMatch(
      /registerSchemesAsPrivileged\(\[\{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES \}\]\)/,
    );
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_PAGE_URL).toBe('app://renderer/index.html');
    const config = parse(read('electron-builder.yml')) as {
      electronFuses?: Record<string, boolean>;
    };
    expect(config.electronFuses?.['grantFileProtocolExtraPrivileges']).toBe(false);
  });

  it('19. Electron fuses are set in the packaging config (electron-builder.yml electronFuses)', () => {
    const config = parse(read('electron-builder.yml')) as {
      electronFuses?: Record<string, boolean>;
    };
    expect(
      config.electronFuses,
      'electron-builder.yml has no electronFuses section: add the fuses (runAsNode off, NODE_OPTIONS off, inspect off, asar integrity, only from asar)',
    ).toBeDefined();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('20. the preload exposes a narrow API, not ipcRenderer itself', () => {
    const preload = sources('src-main/electron/preload', isShipped).map(read).join('\n');
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('the shipped app opens no network listener (listen/createServer only in e2e, tests and fixtures)', () => {
    const offenders = sources('src-main', isShipped).filter((file) =>
      /\bcreateServer\(|\.listen\(\s*\d|\.listen\(\s*\{|new\s+WebSocketServer/.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });

  it('16. a current Electron: pinned as a devDependency (package-smoke.test.ts builds with it)', () => {
    const manifest = JSON.parse(read('package.json')) as {
      devDependencies?: Record<string, string>;
    };
    expect(manifest.devDependencies?.['electron']).toMatch(/\d+/);
  });
});
