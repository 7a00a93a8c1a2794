import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * electron-builder run for real on our config, up to the unpacked app (`dir` target): the same
 * file selection, asar, asarUnpack, fuse flipping and app-update.yml as an installer gets.
 *
 * Electron's binary cannot be downloaded here, so a stand-in with Electron's fuse wire (sentinel,
 * version 1, one byte per fuse) takes its place; installers themselves (AppImage, deb, dmg, nsis)
 * are built by release.yml on the runners. The project is copied to a temporary folder with a
 * fabricated `out/` (source maps included, to prove they are dropped) so the build never races
 * the working tree.
 */
const projectDir = fileURLToPath(new URL('..', import.meta.url));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_COUNT = 9;
const ON = 49;
const OFF = 48;

let work = '';
let appDir = '';

function fakeElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  // Electron's defaults: RunAsNode, NODE_OPTIONS and --inspect on; integrity and asar-only off.
  const wire = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([
      Buffer.from('stand-in for electron\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, FUSE_COUNT, ...wire]),
    ]),
  );
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'MIT');
  writeFileSync(join(dir, 'version'), '45.4.1');
}

function stagedProject(dir: string): void {
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml'])
    cpSync(join(projectDir, file), join(dir, file));
  cpSync(join(projectDir, 'assets'), join(dir, 'assets'), { recursive: true });
  symlinkSync(join(projectDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const files: Record<string, string> = {
    'out/main/main.cjs': '"use strict";',
    'out/main/main.cjs.map': '{}',
    'out/preload/index.cjs': '"use strict";',
    'out/renderer/index.html': '<!doctype html>',
    'out/renderer/assets/index.js': 'export {};',
    'out/renderer/assets/index.js.map': '{}',
    'src-main/electron/main.ts': 'export {};',
    'e2e/specs/electron/launch.spec.ts': 'export {};',
    'test/icons.test.ts': 'export {};',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

const linuxX64 = process.platform === 'linux' && process.arch === 'x64';

describe.runIf(linuxX64)('the packaged app (electron-builder, linux dir target)', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dust-mcp-tray-package-'));
    fakeElectronDist(join(work, 'electron'));
    stagedProject(join(work, 'project'));
    await build({
      projectDir: join(work, 'project'),
      linux: ['dir'],
      x64: true,
      publish: 'never',
      config: {
        electronDist: join(work, 'electron'),
        electronVersion: '45.4.1',
        directories: { output: join(work, 'dist') },
      },
    });
    appDir = join(work, 'dist', 'linux-unpacked');
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the built app and its assets in app.asar, and no sources, tests or source maps', () => {
    const files = listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false }).map(
      (file) => file.replaceAll('\\', '/'),
    );
    for (const file of [
      '/out/main/main.cjs',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
      '/assets/tray/tray-connectedTemplate@2x.png',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(
      files.filter((file) => /^\/(src-main|src-renderer|e2e|test|scripts)\//.test(file)),
    ).toEqual([]);
    expect(files.filter((file) => /\.(ts|tsx)$/.test(file))).toEqual([]);
    // Runtime dependencies only: the updater ships, the toolchain and Electron itself do not.
    expect(files).toContain('/node_modules/electron-updater/package.json');
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript'])
      expect(files).not.toContain(`/node_modules/${dev}/package.json`);
    // What esbuild bundles into main.cjs / the renderer does not ship a second time.
    for (const bundled of [
      'react',
      'react-dom',
      'zod',
      'zustand',
      '@modelcontextprotocol/sdk',
      'eventsource',
      'react-markdown',
    ]) {
      expect(files).not.toContain(`/node_modules/${bundled}/package.json`);
    }
  });

  it('keeps the keychain addon, and every native file, outside the archive, where it can be loaded', () => {
    const resources = join(appDir, 'resources');
    expect(
      existsSync(
        join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs', 'keyring', 'index.js'),
      ),
    ).toBe(true);
    const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((file) =>
      file.replaceAll('\\', '/'),
    );
    // The asar index lists unpacked files too; each .node must really sit in app.asar.unpacked.
    for (const file of files.filter((name) => name.endsWith('.node'))) {
      expect(existsSync(join(resources, 'app.asar.unpacked', file)), file).toBe(true);
    }
    // The platform package comes through npm's dependency tree. A staged copy whose node_modules
    // is a link outside a checkout at another path may see it as extraneous (npm ls), so it is
    // checked when present; release.yml's real builds include it (and CI uploads them).
    const scoped = join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs');
    const platformPackage = readdirSync(scoped).find((name) =>
      name.startsWith('keyring-linux-x64'),
    );
    if (platformPackage)
      expect(
        readdirSync(join(scoped, platformPackage)).some((name) => name.endsWith('.node')),
      ).toBe(true);
  });

  it('flips the fuses in the binary electron-builder ships', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'dust-mcp-tray'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    // The window is app://renderer, so file:// gets none of the extra privileges.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
  });

  it('tells electron-updater where releases are (app-update.yml from the publish config)', () => {
    const feed = parse(readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8')) as Record<
      string,
      string
    >;
    expect(feed).toMatchObject({ provider: 'github', owner: 'dust-tt', repo: 'dust-mcp-tray' });
  });
});
