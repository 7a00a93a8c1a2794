import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { findElectronBinary } from './electron-binary.js';

/**
 * `npm start` where Electron's binary cannot be had (this machine, CI): the app's own reason is
 * the first line, and no stack trace (Electron's installer prints one offline) comes before it.
 */
const binary = findElectronBinary();

describe.skipIf('path' in binary)("npm start without Electron's binary", () => {
  it('says why in one line of its own, first, with no stack trace, and exits 1', () => {
    // The download is attempted only when allowed; CI sets ELECTRON_SKIP_BINARY_DOWNLOAD.
    for (const env of [
      { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      { ELECTRON_SKIP_BINARY_DOWNLOAD: '', ...offline() },
    ]) {
      const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        timeout: 60_000,
      });
      const output = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.trim() !== '');
      expect(run.status).toBe(1);
      expect(output[0]).toMatch(/^(Cannot start Dust MCP Tray: |Electron's binary is missing)/);
      expect(output.at(-1)).toMatch(
        /^Cannot start Dust MCP Tray: Electron's binary (is missing|could not be downloaded)/,
      );
      expect(
        output.filter(
          (line) =>
            /^\s+at /.test(line) || (/Error:/.test(line) && !line.startsWith('Cannot start')),
        ),
      ).toEqual([]);
      expect(output.length).toBeLessThanOrEqual(2);
    }
  });
});

/** Points the download at a closed local port, so the test never reaches the internet. */
function offline(): Record<string, string> {
  return {
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')),
  };
}
