import { describe, expect, it } from 'vitest';

import { applicationMenuTemplate, type MenuItemSpec } from './application-menu.js';

const roles = (items: MenuItemSpec[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);

describe('applicationMenuTemplate', () => {
  it.each(['darwin', 'win32', 'linux'])(
    'has no DevTools, reload or force reload in a packaged build (%s)',
    (platform) => {
      const template = applicationMenuTemplate({
        packaged: true,
        platform,
        appName: 'Dust MCP Tray',
      });
      expect(roles(template)).not.toContain('toggleDevTools');
      expect(roles(template)).not.toContain('reload');
      expect(roles(template)).not.toContain('forceReload');
      expect(roles(template)).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll']));
      for (const menu of template) {
        expect(menu.submenu?.[0]?.type).not.toBe('separator');
        expect(menu.submenu?.at(-1)?.type).not.toBe('separator');
      }
    },
  );

  it('keeps them in development', () => {
    expect(
      roles(applicationMenuTemplate({ packaged: false, platform: 'linux', appName: 'x' })),
    ).toContain('toggleDevTools');
  });
});
