// Bundles the Electron main process and the preload with esbuild.
// The preload must be one CJS file: a sandboxed preload cannot require our own modules.
import { build, context } from 'esbuild';

const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    entryPoints: ['src-main/electron/main.ts'],
    outfile: 'out/main/main.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // Electron, the native keychain addon and the updater load at run time from node_modules
    // inside the asar (the only production dependencies); everything else is bundled here, so
    // package.json lists it under devDependencies and electron-builder does not ship it twice.
    external: ['electron', '@napi-rs/keyring', 'electron-updater'],
  },
  {
    entryPoints: ['src-main/electron/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
  },
];

for (const options of targets) {
  const full = { bundle: true, sourcemap: true, logLevel: 'info', ...options };
  if (watch) await (await context(full)).watch();
  else await build(full);
}
