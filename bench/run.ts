/**
 * `npm run bench` (full) and `npm run bench -- --quick` (smoke run for CI: exits 1 only when a
 * client did not complete its calls; timings are never asserted). Writes
 * bench/results/<timestamp>.json, bench/results/latest.json and docs/benchmarks.md (+ SVGs).
 */
import { readFile } from 'node:fs/promises';

import type { BenchReport } from './report/report-types.js';
import { writeReport } from './report/write-report.js';
import { runBench, type ScenarioName, SCENARIOS } from './runner/bench-runner.js';
import { FULL, QUICK } from './runner/config.js';

if (process.argv.includes('--render')) {
  // Re-render docs/benchmarks.md and the charts from latest.json (after editing notes.md).
  const latest = JSON.parse(
    await readFile(new URL('./results/latest.json', import.meta.url), 'utf8'),
  ) as BenchReport;
  process.stderr.write(`[bench] wrote ${(await writeReport(latest, { docs: true })).join(', ')}\n`);
  process.exit(0);
}

const quick = process.argv.includes('--quick');
// --only overhead,throughput: re-measure some scenarios (written as <timestamp>-partial.json).
const onlyArg = process.argv[process.argv.indexOf('--only') + 1];
const only = new Set(
  (process.argv.includes('--only') && onlyArg ? onlyArg.split(',') : SCENARIOS).filter(
    (s): s is ScenarioName => (SCENARIOS as readonly string[]).includes(s),
  ),
);
const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

// --ours-server sdk: ours relays to the MCP SDK's McpServer (default: raw-stdio's minimal child).
const oursServer = process.argv.includes('--ours-server')
  ? (process.argv[process.argv.indexOf('--ours-server') + 1] ?? '')
  : 'minimal';
if (oursServer !== 'minimal' && oursServer !== 'sdk') {
  log(`--ours-server must be minimal or sdk, not ${oursServer}`);
  process.exit(2);
}
const report = await runBench({ ...(quick ? QUICK : FULL), oursServer }, log, only);
const written = await writeReport(report, { docs: !quick || process.argv.includes('--docs') });
log(`wrote ${written.join(', ')}`);
for (const check of report.targets)
  log(
    `${check.met ? 'met ' : 'MISS'} ${check.metric} ${check.target}: ours ${check.ours}${check.reference === null ? '' : ` vs ${check.reference}`}`,
  );
if (!report.completed.ok) {
  log(`incomplete: ${report.completed.problems.join('; ')}`);
  process.exit(1);
}
process.exit(0);
