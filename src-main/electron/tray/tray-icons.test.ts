import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { trayGlyph, type TrayStatus, trayStatusKinds } from '../../app/tray-model.js';

const trayDir = fileURLToPath(new URL('../../../assets/tray/', import.meta.url));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const sample = (kind: TrayStatus['kind']): TrayStatus =>
  kind === 'degraded'
    ? { kind, reason: 'r' }
    : kind === 'attention'
      ? { kind, pendingCount: 1 }
      : kind === 'paused'
        ? { kind, until: 1 }
        : { kind };

describe('committed tray icons', () => {
  it.each(trayStatusKinds)('%s has a 16px template, its @2x and a colour image', (kind) => {
    const glyph = trayGlyph(sample(kind), 0);
    const template = `${trayDir}${glyph.templateFile}`;
    const retina = template.replace(/\.png$/, '@2x.png');
    const colour = `${trayDir}${glyph.colourFile}`;
    for (const file of [template, retina, colour]) expect(existsSync(file), file).toBe(true);
    // Electron marks images whose name ends in "Template" as macOS template images.
    expect(glyph.templateFile).toMatch(/Template\.png$/);
    expect(pngSize(template)).toEqual({ width: 16, height: 16 });
    expect(pngSize(retina)).toEqual({ width: 32, height: 32 });
    expect(pngSize(colour)).toEqual({ width: 32, height: 32 });
  });

  it('draws a different image for every state', () => {
    const templates = trayStatusKinds.map((kind) =>
      sha(`${trayDir}${trayGlyph(sample(kind), 0).templateFile}`),
    );
    const colours = trayStatusKinds.map((kind) =>
      sha(`${trayDir}${trayGlyph(sample(kind), 0).colourFile}`),
    );
    expect(new Set(templates).size).toBe(trayStatusKinds.length);
    expect(new Set(colours).size).toBe(trayStatusKinds.length);
  });
});
