// Renders the PNG icons from the SVG sources in assets/src with resvg (no browser, no native
// toolchain). The outputs are committed, so packaging never needs this script.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { Resvg } from '@resvg/resvg-js';

/** [source svg, output png, width in px] */
const outputs = [
  ['assets/src/app-icon.svg', 'assets/icons/icon.png', 512],
  ['assets/src/app-icon.svg', 'assets/icons/256x256.png', 256],
  ['assets/src/tray.svg', 'assets/tray/trayTemplate.png', 16],
  ['assets/src/tray.svg', 'assets/tray/trayTemplate@2x.png', 32],
  // Windows and Linux panels may be light or dark: a full-colour glyph reads on both.
  ['assets/src/app-icon.svg', 'assets/tray/tray.png', 32],
];

for (const [source, target, width] of outputs) {
  const png = new Resvg(readFileSync(source), { fitTo: { mode: 'width', value: width } }).render().asPng();
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, png);
  console.log(`${target} (${width}px, ${png.length} bytes)`);
}
