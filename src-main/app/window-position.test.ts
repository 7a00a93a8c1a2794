import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { windowPositionNearTray } from './window-position.js';

const size = { width: 420, height: 640 };

describe('windowPositionNearTray', () => {
  it('opens below a macOS menu bar icon, centred on it', () => {
    const position = windowPositionNearTray({
      trayBounds: { x: 1200, y: 0, width: 22, height: 24 },
      windowSize: size,
      workArea: { x: 0, y: 25, width: 1512, height: 957 },
    });
    expect(position).toEqual({ x: 1001, y: 31 });
  });

  it('opens above a bottom Windows taskbar', () => {
    expect(
      windowPositionNearTray({
        trayBounds: { x: 1700, y: 1040, width: 24, height: 40 },
        windowSize: size,
        workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      }),
    ).toEqual({ x: 1494, y: 394 }); // centred would be 1502: pulled in to keep a gap at the edge
  });

  it('opens beside a taskbar on the left or right', () => {
    const left = windowPositionNearTray({
      trayBounds: { x: 0, y: 900, width: 40, height: 24 },
      windowSize: size,
      workArea: { x: 48, y: 0, width: 1872, height: 1080 },
    });
    expect(left).toEqual({ x: 54, y: 434 });
    const right = windowPositionNearTray({
      trayBounds: { x: 1880, y: 900, width: 40, height: 24 },
      windowSize: size,
      workArea: { x: 0, y: 0, width: 1872, height: 1080 },
    });
    expect(right).toEqual({ x: 1446, y: 434 });
  });

  it('has no answer when the panel reports no tray bounds (Linux)', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
    expect(windowPositionNearTray({ trayBounds: null, windowSize: size, workArea })).toBeNull();
    expect(
      windowPositionNearTray({
        trayBounds: { x: 0, y: 0, width: 0, height: 0 },
        windowSize: size,
        workArea,
      }),
    ).toBeNull();
  });

  it('always keeps the window inside the work area when it fits', () => {
    fc.assert(
      fc.property(
        fc.record({
          x: fc.integer({ min: -3000, max: 3000 }),
          y: fc.integer({ min: -3000, max: 3000 }),
          width: fc.integer({ min: 1, max: 60 }),
          height: fc.integer({ min: 1, max: 60 }),
        }),
        fc.record({
          x: fc.integer({ min: -2000, max: 2000 }),
          y: fc.integer({ min: -2000, max: 2000 }),
          width: fc.integer({ min: 500, max: 4000 }),
          height: fc.integer({ min: 700, max: 3000 }),
        }),
        (trayBounds, workArea) => {
          const position = windowPositionNearTray({ trayBounds, windowSize: size, workArea });
          expect(position).not.toBeNull();
          expect(position!.x).toBeGreaterThanOrEqual(workArea.x);
          expect(position!.y).toBeGreaterThanOrEqual(workArea.y);
          expect(position!.x + size.width).toBeLessThanOrEqual(workArea.x + workArea.width);
          expect(position!.y + size.height).toBeLessThanOrEqual(workArea.y + workArea.height);
        },
      ),
    );
  });
});
