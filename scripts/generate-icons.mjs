// Renders the PNG icons from the SVG sources in assets/src with resvg (no browser, no native
// toolchain). The outputs are committed, so packaging never needs this script.
//
// Tray: one glyph per state (src-main/app/tray-model.ts), distinct in shape so the monochrome
// macOS template images tell them apart. Each source is black on transparent, with the state
// marker drawn in #010101; the colour variant for Windows and Linux puts the glyph in light grey
// on a dark plate (readable on light and dark panels) and paints the marker in the state colour.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { Resvg } from '@resvg/resvg-js';

const trayStates = {
  'signed-out': '#8e8e93',
  connecting: '#5ac8fa',
  connected: '#34c759',
  degraded: '#ff9f0a',
  attention: '#ff453a',
  paused: '#bf5af2',
};

/** @param {string} svg @param {string} colour */
function colourVariant(svg, colour) {
  const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const painted = inner.replaceAll('#010101', colour).replaceAll('"#000"', '"#f2f2f7"');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 18 18"><rect x="-1" y="-1" width="18" height="18" rx="4" fill="#1c1c1e"/>${painted}</svg>`;
}

/** [svg text, output png, width in px] */
const outputs = [
  [readFileSync('assets/src/app-icon.svg', 'utf8'), 'assets/icons/icon.png', 512],
  [readFileSync('assets/src/app-icon.svg', 'utf8'), 'assets/icons/256x256.png', 256],
];
for (const [state, colour] of Object.entries(trayStates)) {
  const svg = readFileSync(`assets/src/tray-${state}.svg`, 'utf8');
  outputs.push(
    [svg, `assets/tray/tray-${state}Template.png`, 16],
    [svg, `assets/tray/tray-${state}Template@2x.png`, 32],
    [colourVariant(svg, colour), `assets/tray/tray-${state}.png`, 32],
  );
}

for (const [svg, target, width] of outputs) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: width } }).render().asPng();
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, png);
  console.log(`${target} (${width}px, ${png.length} bytes)`);
}
