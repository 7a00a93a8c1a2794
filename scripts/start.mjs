// Launches the built app with Electron, or says plainly why it cannot.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let binary;
try {
  binary = require('electron');
} catch (error) {
  console.error(`Cannot start Dust MCP Tray: Electron's binary is missing (${String(error).split('\n')[0]}).`);
  console.error('It is downloaded on first run from the internet; this machine cannot reach it.');
  process.exit(1);
}
if (typeof binary !== 'string' || !existsSync(binary)) {
  console.error(`Cannot start Dust MCP Tray: Electron's binary is not at ${String(binary)}.`);
  process.exit(1);
}

const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
