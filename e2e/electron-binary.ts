import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Where the Electron binary is, or why there is none.
 *
 * The `electron` package fetches its binary on first `require`; on a machine without internet
 * access (like our CI) it is absent, and the Electron e2e specs skip with this reason. We read
 * the package's `path.txt` ourselves rather than `require('electron')`, which would try to
 * download.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  if (process.env['ELECTRON_OVERRIDE_DIST_PATH']) {
    const path = join(process.env['ELECTRON_OVERRIDE_DIST_PATH'], 'electron');
    return existsSync(path) ? { path } : { missing: `no Electron binary at ${path}` };
  }
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'the electron package has not downloaded its binary (no path.txt)' };
  }
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `no Electron binary at ${path}` };
}
