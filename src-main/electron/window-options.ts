import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The settings every BrowserWindow of the app is created with.
 *
 * Items 2–4 of Electron's security checklist: no Node in the renderer, an isolated preload
 * context, and the Chromium sandbox (the preload is bundled into one CJS file for it).
 */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 420,
    height: 640,
    show: false,
    title: 'Dust MCP Tray',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
