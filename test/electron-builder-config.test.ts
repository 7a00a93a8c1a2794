import { fileURLToPath } from 'node:url';

import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { describe, expect, it } from 'vitest';

const projectDir = fileURLToPath(new URL('..', import.meta.url));

/** The packaging config exactly as `electron-builder` would load it. */
async function loadConfig() {
  return getConfig(projectDir, null, null);
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation", async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('declares the targets, tray-app flag and keychain dependency we ship', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('tt.dust.mcp-tray');
    expect(config.productName).toBe('Dust MCP Tray');
    expect(config.asar).toBe(true);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });

  it('catches a deliberately broken top-level key, naming it', async () => {
    const config = await loadConfig();
    const broken = { ...config, prodctName: 'typo' };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/prodctName/);
  });

  it('catches a broken key inside a platform section, naming the section', async () => {
    const config = await loadConfig();
    const broken = { ...config, mac: { ...config.mac, hardenedRuntme: true } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration object[\s\S]*configuration\.mac/,
    );
  });

  it('catches a value of the wrong type', async () => {
    const config = await loadConfig();
    const broken = { ...config, asar: 'yes please' } as unknown as typeof config;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/asar/);
  });
});
