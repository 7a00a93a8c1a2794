import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Every BrowserWindow goes through `createAppWindow` (src-main/electron/app-window.ts), which
 * applies `secureWindowOptions` and `hardenWebContents`; nothing else may construct one.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name),
    )
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

describe('window creation', () => {
  const files = [...sources('src-main'), ...sources('e2e/harness')];

  it('constructs BrowserWindow nowhere but through the factory', () => {
    const offenders = files.filter((file) =>
      /new\s+(?:[\w$]+\.)?BrowserWindow\b/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('imports the BrowserWindow value only in main.ts, which hands it to createAppWindow', () => {
    const importers = files.filter((file) =>
      /import\s*\{[^}]*(?<!type\s)\bBrowserWindow\b[^}]*\}\s*from\s*'electron'/.test(
        readFileSync(join(root, file), 'utf8'),
      ),
    );
    expect(importers).toEqual(['src-main/electron/main.ts']);
    const main = readFileSync(join(root, 'src-main/electron/main.ts'), 'utf8');
    expect(main).toMatch(/createAppWindow\(BrowserWindow,/);
  });

  it('is enforced by lint as well', async () => {
    const eslint = new ESLint({
      overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*'] }],
    });
    for (const code of [
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({});",
      "import * as electron from 'electron';\nexport const w = new electron.BrowserWindow({});",
    ]) {
      const [result] = await eslint.lintText(code, { filePath: 'src-main/electron/probe.ts' });
      expect(result?.messages.map((message) => message.ruleId)).toContain('no-restricted-syntax');
    }
  });
});
