import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { TargetConfiguration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { getRepositoryInfo } from 'app-builder-lib/out/util/repositoryInfo.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { describe, expect, it } from 'vitest';

import { createPackagedFilter, filePatterns } from './packaged-files.js';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  repository?: { url: string };
};

/** The packaging config exactly as `electron-builder` would load it. */
async function loadConfig() {
  return getConfig(projectDir, null, null);
}

/** target name → arches, from a platform's `target` list (strings or `{ target, arch }`). */
function targetArches(targets: unknown): Record<string, string[]> {
  const list = (Array.isArray(targets) ? targets : [targets]) as (string | TargetConfiguration)[];
  return Object.fromEntries(
    list.map((entry) =>
      typeof entry === 'string'
        ? [entry, []]
        : [entry.target, entry.arch == null ? [] : [entry.arch].flat().map(String)],
    ),
  );
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation", async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and ships it in an asar', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('tt.dust.mcp-tray');
    // Windows notifications need the shell's AppUserModelId to be the installer's appId.
    expect(readFileSync('src-main/electron/main.ts', 'utf8')).toContain(
      `app.setAppUserModelId('${config.appId}')`,
    );
    expect(config.productName).toBe('Dust MCP Tray');
    expect(config.asar).toBe(true);
    // No spaces in asset names: GitHub would rename them and break the update feed's links.
    expect(config.artifactName).toMatch(
      /^\$\{name\}-\$\{version\}-\$\{os\}-\$\{arch\}\.\$\{ext\}$/,
    );
  });

  it('macOS: dmg + zip for x64 and arm64, hardened runtime with entitlements, a tray app', async () => {
    const config = await loadConfig();
    expect(targetArches(config.mac?.target)).toEqual({
      dmg: ['x64', 'arm64'],
      zip: ['x64', 'arm64'],
    });
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('assets/build/entitlements.mac.plist');
    expect(
      readFileSync(new URL('../assets/build/entitlements.mac.plist', import.meta.url), 'utf8'),
    ).toContain('com.apple.security.cs.allow-jit');
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
    // Unset, not false: electron-builder then notarizes exactly when the Apple secrets are present.
    expect(config.mac?.notarize).toBeUndefined();
  });

  it('Windows: one NSIS installer for x64 and arm64, per user', async () => {
    const config = await loadConfig();
    expect(targetArches(config.win?.target)).toEqual({ nsis: ['x64', 'arm64'] });
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.nsis?.oneClick).toBe(false);
  });

  it('Linux: AppImage and deb, the deb depending on libsecret', async () => {
    const config = await loadConfig();
    expect(targetArches(config.linux?.target)).toEqual({ AppImage: ['x64'], deb: ['x64'] });
    expect(config.deb?.depends).toContain('libsecret-1-0');
    // Setting depends replaces electron-builder's defaults; Electron still needs these.
    expect(config.deb?.depends).toEqual(
      expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4']),
    );
  });

  it('flips the Electron fuses that close code-injection paths', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps the keychain native module outside the asar', async () => {
    const config = await loadConfig();
    expect(config.asarUnpack).toContain('node_modules/@napi-rs/keyring*/**');
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('packages the built app and assets, never sources, tests, e2e or source maps', async () => {
    const config = await loadConfig();
    const packaged = createPackagedFilter(config);
    for (const file of [
      'out/main/main.cjs',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index.js',
      'assets/tray/tray-connectedTemplate.png',
      'assets/icons/256x256.png',
      'package.json',
    ]) {
      expect(packaged(file), file).toBe(true);
    }
    for (const file of [
      'out/main/main.cjs.map',
      'out/renderer/assets/index.js.map',
      'src-main/app/update-policy.ts',
      'src-renderer/main.tsx',
      'e2e/specs/electron/launch.spec.ts',
      'e2e/dust-emulator/cli.ts',
      'test/icons.test.ts',
      'scripts/generate-icons.mjs',
      'assets/src/app-icon.svg',
      'bench/run.ts',
      'node_modules/zod/index.d.ts',
    ]) {
      expect(packaged(file), file).toBe(false);
    }
    expect(filePatterns(config)).toContain('!**/*.map');
  });

  it('publishes to GitHub Releases as a draft, for the repository in package.json', async () => {
    const config = await loadConfig();
    expect(config.publish).toEqual([{ provider: 'github', releaseType: 'draft' }]);
    // electron-builder takes owner/repo from package.json `repository` when publish names none.
    const repo = await getRepositoryInfo(projectDir, packageJson);
    expect(repo).toMatchObject({
      type: 'github',
      user: expect.any(String),
      project: 'dust-mcp-tray',
    });
  });

  it('catches a deliberately broken top-level key, naming it', async () => {
    const config = await loadConfig();
    const broken = { ...config, prodctName: 'typo' };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /prodctName/,
    );
  });

  it('catches a broken key inside a platform section, naming the section', async () => {
    const config = await loadConfig();
    const broken = { ...config, mac: { ...config.mac, hardenedRuntme: true } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration object[\s\S]*configuration\.mac/,
    );
  });

  it('catches a mistyped fuse name', async () => {
    const config = await loadConfig();
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /electronFuses/,
    );
  });

  it('catches a value of the wrong type', async () => {
    const config = await loadConfig();
    const broken = { ...config, asar: 'yes please' } as unknown as typeof config;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/asar/);
  });
});
