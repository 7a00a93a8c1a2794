// Renders every icon from the SVG sources in assets/src with resvg (no browser, no native
// toolchain) and packs the app icon into .icns and .ico with @shockpkg/icon-encoder (pure JS).
// The outputs are committed, so packaging never needs this script: run it after editing an SVG
// (`node scripts/generate-icons.mjs`); test/icons.test.ts fails when the committed files are stale.
//
// Tray: one glyph per state (src-main/app/tray-model.ts), distinct in shape so the monochrome
// macOS template images tell them apart. Each source is black on transparent, with the state
// marker drawn in #010101; the colour variant for Windows and Linux puts the glyph in light grey
// on a dark plate (readable on light and dark panels) and paints the marker in the state colour.
//
// App icon: icon.icns (macOS, 16…1024 incl. @2x), icon.ico (Windows, 16…256), icon.png at 1024
// (the master electron-builder falls back to) and NxN.png (the Linux hicolor set, 16…512).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { Resvg } from '@resvg/resvg-js';
import { IconIcns, IconIco } from '@shockpkg/icon-encoder';

const root = fileURLToPath(new URL('..', import.meta.url));

export const trayStates = {
  'signed-out': '#8e8e93',
  connecting: '#5ac8fa',
  connected: '#34c759',
  degraded: '#ff9f0a',
  attention: '#ff453a',
  paused: '#bf5af2',
};

/** Sizes of the Linux icon set: electron-builder installs each NxN.png into hicolor. */
export const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512];
/** Sizes inside icon.ico: Explorer, the taskbar and the installer pick from these. */
export const icoSizes = [16, 24, 32, 48, 64, 128, 256];
/**
 * ICNS element types and their pixel sizes, in iconutil's order (README of icon-encoder).
 * @type {[string, number][]}
 */
export const icnsTypes = [
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic04', 16],
  ['ic14', 512],
  ['ic09', 512],
  ['ic05', 32],
  ['ic10', 1024],
  ['ic11', 32],
];

/** @param {string} svg @param {string} colour */
function colourVariant(svg, colour) {
  const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const painted = inner.replaceAll('#010101', colour).replaceAll('"#000"', '"#f2f2f7"');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 18 18"><rect x="-1" y="-1" width="18" height="18" rx="4" fill="#1c1c1e"/>${painted}</svg>`;
}

/** @param {string} svg @param {number} width @returns {Buffer} */
function render(svg, width) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: width } }).render().asPng();
}

/** @param {string} path */
const read = (path) => readFileSync(join(root, path), 'utf8');

/**
 * Every generated file, as repository-relative path → bytes, without writing anything (so the
 * icons test can compare them with what is committed).
 * @returns {Promise<Map<string, Buffer>>}
 */
export async function renderIcons() {
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  const appSvg = read('assets/src/app-icon.svg');
  /** @type {Map<number, Buffer>} */
  const app = new Map();
  const appPng = (/** @type {number} */ size) => {
    let png = app.get(size);
    if (!png) app.set(size, (png = render(appSvg, size)));
    return png;
  };

  files.set('assets/icons/icon.png', appPng(1024));
  for (const size of linuxSizes) files.set(`assets/icons/${size}x${size}.png`, appPng(size));

  const ico = new IconIco();
  // Largest first: some readers take the first entry as the default.
  for (const size of [...icoSizes].reverse()) await ico.addFromPng(appPng(size), null, false);
  files.set('assets/icons/icon.ico', Buffer.from(ico.encode()));

  const icns = new IconIcns();
  icns.toc = true;
  for (const [type, size] of icnsTypes) await icns.addFromPng(appPng(size), [type], false);
  files.set('assets/icons/icon.icns', Buffer.from(icns.encode()));

  for (const [state, colour] of Object.entries(trayStates)) {
    const svg = read(`assets/src/tray-${state}.svg`);
    files.set(`assets/tray/tray-${state}Template.png`, render(svg, 16));
    files.set(`assets/tray/tray-${state}Template@2x.png`, render(svg, 32));
    files.set(`assets/tray/tray-${state}.png`, render(colourVariant(svg, colour), 32));
  }
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [target, bytes] of await renderIcons()) {
    mkdirSync(dirname(join(root, target)), { recursive: true });
    writeFileSync(join(root, target), bytes);
    console.log(`${target} (${bytes.length} bytes)`);
  }
}
