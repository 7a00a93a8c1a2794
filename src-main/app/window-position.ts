/**
 * Where to put the window so it opens next to the tray icon (menubar-style), as a pure function.
 *
 * The taskbar or menu bar can sit on any edge (Windows lets people move it), so the edge is
 * worked out from where the tray icon is relative to the display's work area, not from the
 * platform. Linux panels usually report no tray bounds (libappindicator, Wayland): then there is
 * no answer and the caller centres the window (ARCHITECTURE.md#tray-conventions).
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 6;

export function windowPositionNearTray(options: {
  trayBounds: Rect | null | undefined;
  windowSize: { width: number; height: number };
  workArea: Rect;
}): { x: number; y: number } | null {
  const { trayBounds: tray, windowSize: size, workArea: area } = options;
  if (!tray || tray.width <= 0 || tray.height <= 0) return null;
  const right = area.x + area.width;
  const bottom = area.y + area.height;
  const centreX = tray.x + tray.width / 2 - size.width / 2;
  const centreY = tray.y + tray.height / 2 - size.height / 2;

  let x: number;
  let y: number;
  if (tray.y >= bottom) {
    [x, y] = [centreX, bottom - size.height - GAP]; // taskbar at the bottom
  } else if (tray.y + tray.height <= area.y) {
    [x, y] = [centreX, area.y + GAP]; // menu bar or taskbar at the top
  } else if (tray.x >= right) {
    [x, y] = [right - size.width - GAP, centreY]; // taskbar on the right
  } else if (tray.x + tray.width <= area.x) {
    [x, y] = [area.x + GAP, centreY]; // taskbar on the left
  } else if (tray.y + tray.height / 2 < area.y + area.height / 2) {
    [x, y] = [centreX, tray.y + tray.height + GAP]; // inside the work area, upper half: below it
  } else {
    [x, y] = [centreX, tray.y - size.height - GAP];
  }
  return {
    x: Math.round(clamp(x, area.x + GAP, right - size.width - GAP)),
    y: Math.round(clamp(y, area.y + GAP, bottom - size.height - GAP)),
  };
}

function clamp(value: number, min: number, max: number): number {
  // A window larger than the work area is pinned to its top-left rather than pushed off screen.
  return max < min ? min : Math.min(Math.max(value, min), max);
}
