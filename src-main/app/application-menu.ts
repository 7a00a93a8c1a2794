/**
 * The application menu as data (Electron's `MenuItemConstructorOptions` shape, roles only), so
 * what ships is tested without Electron. Packaged builds have no DevTools, reload or force
 * reload: Electron's default menu has all three (Ctrl/Cmd+Shift+I included), and DevTools in a
 * shipped app are a console into the window's privileges. Development builds keep them.
 */
export interface MenuItemSpec {
  role?: string;
  label?: string;
  type?: 'separator';
  submenu?: MenuItemSpec[];
}

const DEVELOPER_ROLES = new Set(['toggleDevTools', 'reload', 'forceReload']);

export function applicationMenuTemplate(options: {
  packaged: boolean;
  platform: string;
  appName: string;
}): MenuItemSpec[] {
  const mac = options.platform === 'darwin';
  const template: MenuItemSpec[] = [
    ...(mac
      ? [
          {
            label: options.appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' as const },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' as const },
              { role: 'quit' },
            ],
          },
        ]
      : []),
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    {
      label: 'Window',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
  ];
  return options.packaged ? withoutDeveloperItems(template) : template;
}

function withoutDeveloperItems(items: MenuItemSpec[]): MenuItemSpec[] {
  return items
    .filter((item) => !(item.role && DEVELOPER_ROLES.has(item.role)))
    .map((item) =>
      item.submenu
        ? { ...item, submenu: trimSeparators(withoutDeveloperItems(item.submenu)) }
        : item,
    );
}

/** No menu starts or ends with a separator once items are gone. */
function trimSeparators(items: MenuItemSpec[]): MenuItemSpec[] {
  const out = [...items];
  while (out[0]?.type === 'separator') out.shift();
  while (out.at(-1)?.type === 'separator') out.pop();
  return out;
}
