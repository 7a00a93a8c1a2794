// Sums the test runners' JSON reports into one plain line: "N passed, N failed, N skipped".
// A skipped test is never counted as a pass.
import { existsSync, readFileSync } from 'node:fs';

/** @returns {{passed:number, failed:number, skipped:number} | null} */
export function readVitest(path) {
  if (!existsSync(path)) return null;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** @returns {{passed:number, failed:number, skipped:number} | null} */
export function readPlaywright(path) {
  if (!existsSync(path)) return null;
  const { stats } = JSON.parse(readFileSync(path, 'utf8'));
  // A flaky test failed once before passing: count it as failed, we do not hide flakiness.
  return {
    passed: stats.expected ?? 0,
    failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0),
    skipped: stats.skipped ?? 0,
  };
}

export function sum(counts) {
  return counts.reduce(
    (total, c) => ({
      passed: total.passed + c.passed,
      failed: total.failed + c.failed,
      skipped: total.skipped + c.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

export function formatSummary({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
