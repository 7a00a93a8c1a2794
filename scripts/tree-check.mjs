// Tests must leave the working tree as they found it: `npm test` compares `git status
// --porcelain` before and after, and counts any new or changed entry as one failure.
import { spawnSync } from 'node:child_process';

/** The porcelain lines (one per changed or untracked path), or null outside a git checkout. */
export function gitStatus(cwd = process.cwd()) {
  const result = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0) return null;
  return result.stdout.split('\n').filter((line) => line.trim() !== '');
}

/** Entries present after the tests that were not there, exactly so, before. */
export function dirtiedBy(before, after) {
  const seen = new Set(before);
  return after.filter((line) => !seen.has(line));
}
