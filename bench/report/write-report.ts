/**
 * Writes the JSON report (timestamped + latest) and, for full runs, docs/benchmarks.md with its
 * SVG charts. Quick runs leave the docs alone: their numbers mean nothing.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { renderMarkdown } from './markdown.js';
import type { BenchReport } from './report-types.js';
import { renderCharts } from './svg-charts.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function writeReport(
  report: BenchReport,
  options: { docs: boolean; resultsDir?: string },
): Promise<string[]> {
  const resultsDir = options.resultsDir ?? join(ROOT, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  // A partial run (--only) is kept beside the full ones but never becomes latest.json or the docs.
  const suffix = report.only ? '-partial' : report.mode === 'quick' ? '-quick' : '';
  const files = [join(resultsDir, `${stamp}${suffix}.json`)];
  if (!report.only)
    files.push(join(resultsDir, report.mode === 'quick' ? 'latest-quick.json' : 'latest.json'));
  for (const file of files) await writeFile(file, json);
  if (options.docs && !report.only) {
    const docsDir = join(ROOT, 'docs');
    const chartsDir = join(resultsDir, 'charts');
    await mkdir(chartsDir, { recursive: true });
    const charts = renderCharts(report);
    for (const [name, svg] of Object.entries(charts)) {
      const file = join(chartsDir, name);
      await writeFile(file, svg);
      files.push(file);
    }
    const md = join(docsDir, 'benchmarks.md');
    const notes = await readFile(join(ROOT, 'bench', 'report', 'notes.md'), 'utf8').catch(() => '');
    await writeFile(md, renderMarkdown(report, Object.keys(charts), notes));
    files.push(md);
  }
  return files;
}
