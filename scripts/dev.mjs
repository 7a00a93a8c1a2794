// `npm run dev`: rebuilds main, preload and renderer on every change and runs the app.
// Restart the app (Ctrl+C, then `npm run dev`) to pick up main-process changes; renderer
// changes need only a reload of the window (Ctrl+R / Cmd+R).
import { spawn } from 'node:child_process';

const children = [
  spawn('node', ['scripts/build-main.mjs', '--watch'], { stdio: 'inherit' }),
  spawn('npx', ['vite', 'build', '--watch'], { stdio: 'inherit' }),
];

// Give the first builds a moment, then launch Electron (start.mjs explains a missing binary).
setTimeout(() => {
  const app = spawn('node', ['scripts/start.mjs', '--no-build'], { stdio: 'inherit' });
  app.on('exit', (code) => {
    for (const child of children) child.kill();
    process.exit(code ?? 0);
  });
  children.push(app);
}, 3000);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill();
    process.exit(0);
  });
}
