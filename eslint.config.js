// Type-aware lint, plus the layer boundaries of ARCHITECTURE.md#layers.
import { builtinModules } from 'node:module';

import js from '@eslint/js';
import eslintConfigPrettier from 'eslint-config-prettier/flat';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', ...builtinModules.flatMap((name) => [name, `${name}/*`])];

/** Messages say why, so a developer who trips a boundary knows where the code belongs. */
const noNode = {
  group: nodeBuiltins,
  message: 'Pure layer: Node built-ins come in through a port (src-main/core/ports.ts).',
};
const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'Only src-main/electron may import Electron.',
};

/** @param {...object} patterns */
const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export const boundaries = [
  {
    files: ['src-main/shared/**/*.ts'],
    rules: restrict(noNode, noElectron, {
      group: ['**/core/**', '**/node/**', '**/app/**', '**/electron/**', 'react', 'react-dom'],
      message: 'src-main/shared is the contract: zod only.',
    }),
  },
  {
    files: ['src-main/core/**/*.ts'],
    ignores: ['src-main/core/**/*.test.ts'],
    rules: {
      ...restrict(noNode, noElectron, {
        group: [
          '**/node/**',
          '**/app/**',
          '**/electron/**',
          'eventsource',
          'ws',
          'hono',
          '@napi-rs/*',
          'react',
        ],
        message: 'src-main/core is pure: adapters are injected through ports.',
      }),
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', '__dirname', '__filename', 'require', 'fetch'].map((name) => ({
          name,
          message: 'Pure layer: use a port (src-main/core/ports.ts).',
        })),
        ...['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'].map((name) => ({
          name,
          message: 'Pure layer: timers come through the Timers port, so tests control time.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the Random port.' },
        { object: 'Date', property: 'now', message: 'Use the Clock port.' },
      ],
    },
  },
  {
    files: ['src-main/node/**/*.ts', 'src-main/headless/**/*.ts'],
    rules: restrict(noElectron, {
      group: ['**/electron/**'],
      message: 'Node adapters and headless mode never depend on the Electron shell.',
    }),
  },
  {
    files: ['src-main/app/**/*.ts'],
    rules: restrict(noNode, noElectron, {
      group: ['**/node/**', '**/electron/**'],
      message: 'src-main/app composes core services; adapters are passed in.',
    }),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc/**', 'src-main/electron/preload/**'],
    rules: restrict(
      {
        group: ['electron'],
        importNames: ['ipcMain'],
        message: 'ipcMain only in src-main/electron/ipc/.',
      },
      {
        group: ['electron'],
        importNames: ['ipcRenderer', 'contextBridge'],
        message: 'ipcRenderer and contextBridge only in the preload.',
      },
    ),
  },
  {
    files: ['src-main/electron/ipc/**/*.ts'],
    rules: restrict({
      group: ['electron'],
      importNames: ['ipcRenderer', 'contextBridge'],
      message: 'ipcRenderer and contextBridge only in the preload.',
    }),
  },
  {
    files: ['src-main/electron/preload/**/*.ts'],
    rules: restrict({
      group: ['electron'],
      importNames: ['ipcMain'],
      message: 'ipcMain only in src-main/electron/ipc/.',
    }),
  },
  {
    // Every window goes through createAppWindow (secure options + hardened contents).
    files: ['src-main/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "NewExpression[callee.name='BrowserWindow']",
          "NewExpression[callee.property.name='BrowserWindow']",
        ].map((selector) => ({
          selector,
          message: 'Create windows with createAppWindow (src-main/electron/app-window.ts).',
        })),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: restrict(
      { ...noNode, message: 'The renderer is a web page: no Node.' },
      { ...noElectron, message: 'The renderer talks to main only through window.api.' },
      {
        // event-sync.ts has no imports and is the renderer's half of snapshot-then-subscribe;
        // import-sources.ts has no imports and is the one list of apps we import from.
        group: [
          '**/src-main/shared/**',
          '!**/src-main/shared/event-sync',
          '!**/src-main/shared/event-sync.js',
          '!**/src-main/shared/import-sources',
          '!**/src-main/shared/import-sources.js',
        ],
        allowTypeImports: true,
        message: 'The renderer may import only types from the shared contract.',
      },
      {
        group: [
          '**/src-main/core/**',
          '**/src-main/node/**',
          '**/src-main/app/**',
          '**/src-main/electron/**',
        ],
        message: 'The renderer may import only types from src-main/shared.',
      },
      { group: ['**/e2e/**'], message: 'Test infrastructure never ships in the renderer.' },
    ),
  },
  {
    files: ['e2e/**/*.ts'],
    ignores: ['e2e/specs/electron/**'],
    rules: restrict({ ...noElectron, message: 'Only e2e/specs/electron may import Electron.' }),
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.tsbuild/**',
      'node_modules/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'e2e/harness/ws-bridge*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // expect.any()/expect.stringContaining() are typed `any` by Vitest.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...boundaries,
  // Prettier owns the layout; this turns off the few lint rules that would argue with it.
  eslintConfigPrettier,
);
