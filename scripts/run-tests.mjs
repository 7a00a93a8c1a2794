// `npm test`: every runner that can run here (vitest: unit + integration; Playwright: browser e2e
// and the Electron specs, which skip without the binary), then one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

import { formatSummary, readPlaywright, readVitest, sum } from './summarize-reports.mjs';
import { dirtiedBy, gitStatus } from './tree-check.mjs';

if (!process.env.DUST_TRAY_SECRET_SERVICE && process.platform === 'linux') {
  // Re-run inside a private, unlocked Secret Service so keychain tests use a real one.
  const wrapped = spawnSync(
    'bash',
    ['scripts/with-secret-service.sh', process.execPath, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, ORIGINAL_HOME: process.env.HOME },
    },
  );
  process.exit(wrapped.status ?? 1);
}

const treeBefore = gitStatus();
rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

const run = (command, args) =>
  spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const runners = [
  {
    name: 'vitest',
    exit: run('npx', [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=reports/vitest.json',
    ]),
    counts: () => readVitest('reports/vitest.json'),
  },
  {
    name: 'playwright',
    exit: run('npm', ['run', '--silent', 'test:e2e']),
    counts: () => readPlaywright('reports/playwright.json'),
  },
];

let broken = false;
const counts = runners.map((runner) => {
  const result = runner.counts();
  if (!result) {
    console.error(`${runner.name} wrote no report (exit ${runner.exit}): counted as one failure.`);
    broken = true;
    return { passed: 0, failed: 1, skipped: 0 };
  }
  if (runner.exit !== 0 && result.failed === 0) {
    console.error(
      `${runner.name} exited ${runner.exit} with no failed test: counted as one failure.`,
    );
    broken = true;
    return { ...result, failed: 1 };
  }
  return result;
});

// A test that writes into the tree (a screenshot, a report) is a failure: one more failed test.
const treeAfter = gitStatus();
if (treeBefore && treeAfter) {
  const dirty = dirtiedBy(treeBefore, treeAfter);
  if (dirty.length > 0) {
    console.error(
      `The tests left the working tree dirty (git status --porcelain):\n${dirty.map((line) => `  ${line}`).join('\n')}`,
    );
    counts.push({ passed: 0, failed: 1, skipped: 0 });
  }
}

const total = sum(counts);
console.log(formatSummary(total));
process.exit(total.failed > 0 || broken ? 1 : 0);
