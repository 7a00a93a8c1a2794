/**
 * `npm run bench` (full) and `npm run bench -- --quick` (smoke run for CI: exits 1 only when a
 * client did not complete its calls; timings are never asserted). Writes
 * bench/results/<timestamp>.json, bench/results/latest.json and docs/benchmarks.md (+ SVGs).
 */
import { writeReport } from './report/write-report.js';
import { runBench } from './runner/bench-runner.js';
import { FULL, QUICK } from './runner/config.js';

const quick = process.argv.includes('--quick');
const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

const report = await runBench(quick ? QUICK : FULL, log);
const written = await writeReport(report, { docs: !quick || process.argv.includes('--docs') });
log(`wrote ${written.join(', ')}`);
for (const check of report.targets) log(`${check.met ? 'met ' : 'MISS'} ${check.metric} ${check.target}: ours ${check.ours}${check.reference === null ? '' : ` vs ${check.reference}`}`);
if (!report.completed.ok) {
  log(`incomplete: ${report.completed.problems.join('; ')}`);
  process.exit(1);
}
process.exit(0);
