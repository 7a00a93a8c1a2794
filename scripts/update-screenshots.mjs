// `npm run screenshots`: retakes the README's screenshots in docs/screenshots/ on purpose, by
// running the browser e2e specs with UPDATE_SCREENSHOTS=1. (`npm test` writes them to the
// git-ignored test-results/screenshots/ instead, so a test run never dirties the tree.)
import { spawnSync } from 'node:child_process';

const shell = process.platform === 'win32';
const env = { ...process.env, UPDATE_SCREENSHOTS: '1' };
const build = spawnSync('npm', ['run', '--silent', 'build:harness'], {
  stdio: 'inherit',
  env,
  shell,
});
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(
  'npx',
  ['playwright', 'test', '--project=browser', ...process.argv.slice(2)],
  { stdio: 'inherit', env, shell },
);
process.exit(run.status ?? 1);
