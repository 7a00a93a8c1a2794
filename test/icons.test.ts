import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { describe, expect, it } from 'vitest';

import { icnsTypes, icoSizes, linuxSizes, renderIcons } from '../scripts/generate-icons.mjs';
import { readIcnsElements, readIcoSizes, readPngSize } from './icon-files.js';
import { createPackagedFilter } from './packaged-files.js';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(projectDir, path));
const square = (size: number) => ({ width: size, height: size });

/**
 * The tray model, loaded at run time: src-main is its own TypeScript project, which this one
 * (root tools) does not reference, so the few types used are restated here.
 */
type TrayStatus = { kind: string; reason?: string; pendingCount?: number; until?: number };
interface TrayModel {
  trayStatusKinds: readonly string[];
  trayGlyph(status: TrayStatus, now: number): { templateFile: string; colourFile: string };
}
const trayModelPath: string = '../src-main/app/tray-model.js';
const { trayGlyph, trayStatusKinds } = (await import(trayModelPath)) as TrayModel;

const sample = (kind: string): TrayStatus =>
  kind === 'degraded'
    ? { kind, reason: 'r' }
    : kind === 'attention'
      ? { kind, pendingCount: 1 }
      : kind === 'paused'
        ? { kind, until: 1 }
        : { kind };

describe('app icons referenced by electron-builder.yml', () => {
  it('macOS: an ICNS with every size from 16 to 1024, @2x included', async () => {
    const config = await getConfig(projectDir, null, null);
    expect(config.mac?.icon).toBe('assets/icons/icon.icns');
    const elements = readIcnsElements(read('assets/icons/icon.icns'));
    for (const [type, size] of icnsTypes) {
      // The 16 and 32 px types hold ARGB, as iconutil writes them; the rest hold PNG.
      expect(elements.get(type), type).toEqual(
        type === 'ic04' || type === 'ic05' ? 'ARGB' : square(size),
      );
    }
    // 1024 is the Retina 512 that Finder and the App Store icon use.
    expect(elements.get('ic10')).toEqual(square(1024));
  });

  it('Windows: an ICO with 16…256 whose images agree with their directory entries', async () => {
    const config = await getConfig(projectDir, null, null);
    expect(config.win?.icon).toBe('assets/icons/icon.ico');
    const sizes = readIcoSizes(read('assets/icons/icon.ico')).map((size) => size.width);
    expect([...sizes].sort((a, b) => a - b)).toEqual(icoSizes);
    expect(sizes).toContain(16);
    expect(sizes).toContain(256);
  });

  it('Linux: a directory of NxN.png files, each the size its name says', async () => {
    const config = await getConfig(projectDir, null, null);
    expect(config.linux?.icon).toBe('assets/icons');
    const named = readdirSync(join(projectDir, 'assets/icons')).filter((name) =>
      /^\d+x\d+\.png$/.test(name),
    );
    expect(named.map((name) => Number(name.split('x')[0])).sort((a, b) => a - b)).toEqual(
      linuxSizes,
    );
    for (const name of named) {
      const size = Number(name.split('x')[0]);
      expect(readPngSize(read(`assets/icons/${name}`)), name).toEqual(square(size));
    }
  });

  it('the 1024px master PNG electron-builder falls back to', () => {
    expect(readPngSize(read('assets/icons/icon.png'))).toEqual(square(1024));
  });
});

describe('tray icons the tray code loads', () => {
  it.each(trayStatusKinds)(
    '%s: template @1x/@2x and colour PNG, shipped by `files`',
    async (kind) => {
      const glyph = trayGlyph(sample(kind), 0);
      const retina = glyph.templateFile.replace(/\.png$/, '@2x.png');
      expect(readPngSize(read(`assets/tray/${glyph.templateFile}`))).toEqual(square(16));
      expect(readPngSize(read(`assets/tray/${retina}`))).toEqual(square(32));
      // Windows takes the colour PNG too (tray-controller.ts): Electron scales it, so no .ico
      // needed.
      expect(readPngSize(read(`assets/tray/${glyph.colourFile}`))).toEqual(square(32));
      const packaged = createPackagedFilter(await getConfig(projectDir, null, null));
      for (const file of [glyph.templateFile, retina, glyph.colourFile])
        expect(packaged(`assets/tray/${file}`), file).toBe(true);
    },
  );
});

describe('generated icons are committed and fresh', () => {
  // resvg's anti-aliasing may differ in the last bit on other CPUs; the files are generated and
  // compared on Linux x64, where CI runs.
  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'every file scripts/generate-icons.mjs writes matches the committed bytes (run it after editing an SVG)',
    async () => {
      const files = await renderIcons();
      expect(files.size).toBeGreaterThan(20);
      const stale = [...files].filter(
        ([path, bytes]) => !existsSync(join(projectDir, path)) || !read(path).equals(bytes),
      );
      expect(stale.map(([path]) => path)).toEqual([]);
    },
    60_000,
  );
});

describe('icon header readers', () => {
  it('reject bytes of another format', () => {
    const png = read('assets/icons/16x16.png');
    expect(() => readIcoSizes(png)).toThrow(/not an ICO/);
    expect(() => readIcnsElements(png)).toThrow(/not an ICNS/);
    expect(() => readPngSize(read('assets/icons/icon.ico'))).toThrow(/not a PNG/);
  });

  it('reject an ICO whose entry lies about its image size', () => {
    const ico = Buffer.from(read('assets/icons/icon.ico'));
    ico.writeUInt8(17, 6); // first entry's width
    expect(() => readIcoSizes(ico)).toThrow(/disagrees/);
  });

  it('reject a truncated ICNS', () => {
    const icns = read('assets/icons/icon.icns');
    expect(() => readIcnsElements(icns.subarray(0, icns.length - 10))).toThrow(/ICNS/);
  });
});
