import { describe, expect, it } from 'vitest';

import { ruleMessages } from './lint-probe.js';

/** Proves the layer boundaries of ARCHITECTURE.md#layers are enforced by the real eslint.config.js. */
const boundaryErrors = (filePath: string, code: string): Promise<string[]> =>
  ruleMessages(filePath, code, [
    '@typescript-eslint/no-restricted-imports',
    'no-restricted-globals',
    'no-restricted-properties',
  ]);

describe('layer boundaries', () => {
  it.each([
    ['node: built-in', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;"],
    ['bare built-in', "import { spawn } from 'child_process';\nexport const f = spawn;"],
    ['electron', "import { app } from 'electron';\nexport const a = app;"],
    ['a Node adapter', "import { x } from '../node/x.js';\nexport const y = x;"],
  ])('core rejects importing %s', async (_, code) => {
    const errors = await boundaryErrors('src-main/core/probe.ts', code);
    expect(errors).toHaveLength(1);
  });

  it('core rejects ambient Node globals, real timers, Math.random and Date.now', async () => {
    const errors = await boundaryErrors(
      'src-main/core/probe.ts',
      'export const a = process.env;\nexport const b = setTimeout;\nexport const c = Math.random();\nexport const d = Date.now();',
    );
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/port/i);
  });

  it('core accepts zod and its own modules', async () => {
    const errors = await boundaryErrors(
      'src-main/core/probe.ts',
      "import { z } from 'zod';\nimport { y } from './y.js';\nexport const s = z.string().parse(y);",
    );
    expect(errors).toEqual([]);
  });

  it('the app layer rejects Node built-ins and adapters', async () => {
    expect(
      await boundaryErrors(
        'src-main/app/probe.ts',
        "import path from 'node:path';\nexport const p = path;",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'src-main/app/probe.ts',
        "import { a } from '../node/a.js';\nexport const b = a;",
      ),
    ).toHaveLength(1);
  });

  it('the renderer may import types, not values, from the shared contract', async () => {
    const typeOnly =
      "import type { WindowApi } from '../src-main/shared/window-api';\nexport type B = WindowApi;";
    const value =
      "import { createWindowApi } from '../src-main/shared/window-api';\nexport const c = createWindowApi;";
    expect(await boundaryErrors('src-renderer/probe.ts', typeOnly)).toEqual([]);
    expect(await boundaryErrors('src-renderer/probe.ts', value)).toHaveLength(1);
  });

  it('the renderer may bundle the import-free list of import sources', async () => {
    const code =
      "import { IMPORT_SOURCES } from '../src-main/shared/import-sources';\nexport const s = IMPORT_SOURCES;";
    expect(await boundaryErrors('src-renderer/probe.ts', code)).toEqual([]);
  });

  it('the renderer may not import core, Electron or Node, even as types', async () => {
    for (const code of [
      "import type { X } from '../src-main/core/x';\nexport type Y = X;",
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;",
      "import fs from 'fs';\nexport const f = fs;",
    ]) {
      expect(await boundaryErrors('src-renderer/probe.tsx', code)).toHaveLength(1);
    }
  });

  it('ipcMain is allowed only in the IPC folder; the bridge APIs only in the preload', async () => {
    const useIpcMain = "import { ipcMain } from 'electron';\nexport const i = ipcMain;";
    const useBridge = "import { contextBridge } from 'electron';\nexport const c = contextBridge;";
    expect(await boundaryErrors('src-main/electron/main.ts', useIpcMain)).toHaveLength(1);
    expect(await boundaryErrors('src-main/electron/ipc/electron-ipc.ts', useIpcMain)).toEqual([]);
    expect(await boundaryErrors('src-main/electron/tray-controller.ts', useBridge)).toHaveLength(1);
    expect(await boundaryErrors('src-main/electron/ipc/electron-ipc.ts', useBridge)).toHaveLength(
      1,
    );
    expect(await boundaryErrors('src-main/electron/preload/index.ts', useBridge)).toEqual([]);
    expect(await boundaryErrors('src-main/electron/preload/index.ts', useIpcMain)).toHaveLength(1);
  });

  it('Node adapters and e2e code never import Electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;";
    expect(await boundaryErrors('src-main/node/probe.ts', code)).toHaveLength(1);
    expect(await boundaryErrors('e2e/harness/probe.ts', code)).toHaveLength(1);
    expect(await boundaryErrors('e2e/specs/electron/probe.spec.ts', code)).toEqual([]);
  });
});
