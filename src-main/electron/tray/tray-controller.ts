import { join } from 'node:path';

import { Menu, nativeImage, type Rectangle, Tray } from 'electron';

import { type TrayMenuActions, type TrayMenuModel, trayMenuTemplate } from '../../app/tray-menu.js';
import { trayGlyph } from '../../app/tray-model.js';
import { toElectronMenuTemplate } from './menu-template.js';

export interface TrayController {
  /** Redraws glyph, tooltip and menu from the model (call on every change). */
  update(model: TrayMenuModel): void;
  /** For the Electron e2e specs: what the tray shows now. */
  describe(): { tooltip: string; glyph: string };
  destroy(): void;
}

/** While paused the menu counts minutes down, so it is redrawn once a minute. */
const PAUSED_REFRESH_MS = 60_000;

/**
 * The tray: a thin adapter over the pure model in src-main/app/tray-{model,menu}.ts.
 *
 * macOS gets template images (named `…Template.png`, so Electron marks them as templates and
 * picks `@2x` itself); Windows and Linux get colour ones. A click opens the window next to the
 * icon where the platform reports clicks and bounds; Linux panels often do not
 * (libappindicator), so there the context menu, which always has "Open", is the way in
 * (ARCHITECTURE.md#tray-conventions).
 */
export function createTrayController(options: {
  iconDir: string;
  platform: NodeJS.Platform;
  initial: TrayMenuModel;
  actions: TrayMenuActions;
  onClick(bounds: Rectangle): void;
  now(): number;
}): TrayController {
  const { iconDir, platform, actions } = options;
  let shown = { tooltip: '', glyph: '' };
  let tray: Tray | null = null;
  let model = options.initial;
  let refresh: NodeJS.Timeout | undefined;

  const update = (next: TrayMenuModel): void => {
    model = next;
    const glyph = trayGlyph(model.status, model.now);
    const file = join(iconDir, platform === 'darwin' ? glyph.templateFile : glyph.colourFile);
    if (!tray) {
      tray = new Tray(nativeImage.createFromPath(file));
      if (platform !== 'linux') tray.on('click', (_event, bounds) => options.onClick(bounds));
    } else if (shown.glyph !== file) {
      tray.setImage(nativeImage.createFromPath(file));
    }
    tray.setToolTip(glyph.tooltip);
    // macOS can show a count beside the glyph; elsewhere the tooltip carries it.
    if (platform === 'darwin')
      tray.setTitle(model.status.kind === 'attention' ? String(model.status.pendingCount) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate(toElectronMenuTemplate(trayMenuTemplate(model, actions), platform)),
    );
    shown = { tooltip: glyph.tooltip, glyph: file };

    clearTimeout(refresh);
    refresh =
      model.status.kind === 'paused'
        ? setTimeout(() => update({ ...model, now: options.now() }), PAUSED_REFRESH_MS)
        : undefined;
  };

  update(options.initial);
  return {
    update,
    describe: () => shown,
    destroy: () => {
      clearTimeout(refresh);
      tray?.destroy();
      tray = null;
    },
  };
}
