import { describe, expect, it } from 'vitest';

import { secureWindowOptions } from './window-options.js';

describe('secure window options', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    const { webPreferences } = secureWindowOptions('/app/preload.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
