import { Menu, nativeImage,Tray } from 'electron';

export interface TrayActions {
  openWindow(): void;
  quit(): void;
}

/** The tray icon and its menu. Linux always gets the context menu (no click events there). */
export function createTray(iconPath: string, actions: TrayActions): Tray {
  const image = nativeImage.createFromPath(iconPath);
  const tray = new Tray(image);
  tray.setToolTip('Dust MCP Tray');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Dust MCP Tray', click: () => actions.openWindow() },
      { type: 'separator' },
      { label: 'Quit', click: () => actions.quit() },
    ]),
  );
  tray.on('click', () => actions.openWindow());
  return tray;
}
