// `npm start`: makes sure Electron's binary is there, builds, and launches the app; or says in
// one line why it cannot. It never `require('electron')` without the binary: that downloads it
// with the output (and, offline, a stack trace) going straight to the terminal.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('electron/package.json'));

/** The binary's path, or why there is none (the same reading as e2e/electron-binary.ts). */
function findBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, 'electron');
    return existsSync(path) ? { path } : { missing: `no Electron binary at ${path}` };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'it has not been downloaded yet' };
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `no Electron binary at ${path}` };
}

function fail(reason) {
  console.error(`Cannot start Dust MCP Tray: ${reason}`);
  process.exit(1);
}

let binary = findBinary();
if (!binary.path) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    fail(
      `Electron's binary is missing (${binary.missing}) and ELECTRON_SKIP_BINARY_DOWNLOAD is set. Headless mode needs no Electron: npm run --silent headless -- --help`,
    );
  }
  console.error(`Electron's binary is missing (${binary.missing}): downloading it once…`);
  // Electron's own installer, its output kept: offline it prints a stack trace we summarise.
  const download = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  binary = findBinary();
  if (!binary.path) {
    const why =
      `${download.stderr ?? ''}`
        .split('\n')
        .find((line) => line.trim() !== '' && !/^\s+at /.test(line))
        ?.trim() ?? `exit ${download.status}`;
    fail(
      `Electron's binary could not be downloaded (${why}). It comes from github.com on first run; check the connection, or use headless mode, which needs no Electron: npm run --silent headless -- --help`,
    );
  }
}

// `npm run dev` builds in watch mode itself and passes --no-build.
const args = process.argv.slice(2);
if (!args.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(binary.path, ['.', ...args.filter((arg) => arg !== '--no-build')], {
  stdio: 'inherit',
});
child.on('exit', (code) => process.exit(code ?? 0));
