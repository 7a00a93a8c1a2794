import { join } from 'node:path';

import { Menu, nativeImage, Tray } from 'electron';

import { type TrayMenuActions, type TrayMenuModel, trayMenuTemplate } from '../../app/tray-menu.js';
import { trayGlyph } from '../../app/tray-model.js';
import { toElectronMenuTemplate } from './menu-template.js';

export interface TrayController {
  /** Redraws glyph, tooltip and menu from the model (call on every change, and each minute while paused). */
  update(model: TrayMenuModel): void;
  /** For the Electron e2e specs: what the tray shows now. */
  describe(): { tooltip: string; glyph: string };
  destroy(): void;
}

/**
 * The tray: a thin adapter over the pure model in src-main/app/tray-{model,menu}.ts.
 *
 * macOS gets template images (named `…Template.png`, so Electron marks them as templates and
 * picks `@2x` itself); Windows and Linux get colour ones. A click opens the window where the
 * platform reports clicks; Linux panels often do not (libappindicator), so it relies on the
 * context menu, which always has "Open" (product-research.md §4).
 */
export function createTrayController(options: {
  iconDir: string;
  platform: NodeJS.Platform;
  initial: TrayMenuModel;
  actions: TrayMenuActions;
}): TrayController {
  const { iconDir, platform, actions } = options;
  let shown = { tooltip: '', glyph: '' };
  let tray: Tray | null = null;

  const update = (model: TrayMenuModel): void => {
    const glyph = trayGlyph(model.status, model.now);
    const file = join(iconDir, platform === 'darwin' ? glyph.templateFile : glyph.colourFile);
    if (!tray) {
      tray = new Tray(nativeImage.createFromPath(file));
      if (platform !== 'linux') tray.on('click', () => actions.openWindow());
    } else if (shown.glyph !== file) {
      tray.setImage(nativeImage.createFromPath(file));
    }
    tray.setToolTip(glyph.tooltip);
    // macOS can show a count beside the glyph; the attention glyph carries it elsewhere.
    if (platform === 'darwin') tray.setTitle(model.status.kind === 'attention' ? String(model.status.pendingCount) : '');
    tray.setContextMenu(Menu.buildFromTemplate(toElectronMenuTemplate(trayMenuTemplate(model, actions), platform)));
    shown = { tooltip: glyph.tooltip, glyph: file };
  };

  update(options.initial);
  return {
    update,
    describe: () => shown,
    destroy: () => {
      tray?.destroy();
      tray = null;
    },
  };
}
