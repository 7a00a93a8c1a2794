import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/**
 * `import … from 'x'` that is not `import type` (inline `type` specifiers still load the module).
 */
const valueImportOf = (module: string) =>
  new RegExp(`^import (?!type )[^;]*?from '${module.replace('/', '\\/')}'`, 'm');

describe('electron-updater stays in the Electron shell', () => {
  const all = [
    ...sources('src-main'),
    ...sources('src-renderer'),
    ...sources('e2e'),
    ...sources('test'),
  ];

  it('only src-main/electron (never a test) loads electron-updater', () => {
    const offenders = all.filter(
      (file) =>
        valueImportOf('electron-updater').test(readFileSync(join(root, file), 'utf8')) &&
        (!file.startsWith('src-main/electron/') || file.includes('.test.')),
    );
    expect(offenders).toEqual([]);
    expect(
      valueImportOf('electron-updater').test(
        readFileSync(join(root, 'src-main/electron/updater.ts'), 'utf8'),
      ),
    ).toBe(true);
  });

  it('the updater adapter is started by main.ts and imported by no test', () => {
    const importers = all.filter((file) =>
      /from '\.\/updater\.js'|from '\.\.\/electron\/updater\.js'/.test(
        readFileSync(join(root, file), 'utf8'),
      ),
    );
    expect(importers).toEqual(['src-main/electron/main.ts']);
  });

  it('the policy imports nothing but types from the app layer', () => {
    const policy = readFileSync(join(root, 'src-main/app/update-policy.ts'), 'utf8');
    expect(
      [...policy.matchAll(/^import (.*) from '(.*)';$/gm)].map((match) => [
        match[1]?.startsWith('type '),
        match[2],
      ]),
    ).toEqual([[true, './tray-menu.js']]);
  });
});

describe('package.json', () => {
  it('ships electron-updater as a runtime dependency, and pins every version exactly', () => {
    expect(packageJson.dependencies['electron-updater']).toMatch(/^\d+\.\d+\.\d+$/);
    const loose = Object.entries({
      ...packageJson.dependencies,
      ...packageJson.devDependencies,
    }).filter(([, version]) => !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version));
    expect(loose).toEqual([]);
  });
});
