/**
 * Grouped horizontal bar charts as hand-written SVG (no browser, no dependency): one group per
 * metric, one bar per client, the value printed at the end of each bar.
 */
import { CLIENT_KINDS, type ClientKind } from '../clients/protocol.js';
import type { BenchReport } from './report-types.js';

export interface ChartGroup {
  label: string;
  values: Partial<Record<ClientKind, number>>;
}

const COLORS: Record<ClientKind, string> = {
  ours: '#1f77b4',
  raw: '#7f7f7f',
  'raw-stdio': '#2ca02c',
  sdk: '#ff7f0e',
};
const ORDER: ClientKind[] = [...CLIENT_KINDS];
const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const format = (value: number): string =>
  value >= 100 ? String(Math.round(value)) : String(Math.round(value * 100) / 100);

export function barChart(title: string, unit: string, groups: ChartGroup[]): string {
  const width = 640;
  const left = 150;
  const barHeight = 16;
  const groupGap = 14;
  const top = 48;
  const plotWidth = width - left - 80;
  const max = Math.max(
    1e-9,
    ...groups.flatMap((g) => ORDER.map((k) => g.values[k] ?? 0).filter(Number.isFinite)),
  );
  const rows: string[] = [];
  let y = top;
  for (const group of groups) {
    rows.push(
      `<text x="${left - 8}" y="${y + (barHeight * ORDER.length) / 2 + 4}" text-anchor="end" class="label">${escape(group.label)}</text>`,
    );
    for (const kind of ORDER) {
      const value = group.values[kind];
      const w =
        value === undefined || !Number.isFinite(value) ? 0 : Math.max(1, (value / max) * plotWidth);
      rows.push(
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight - 3}" fill="${COLORS[kind]}"/>`,
      );
      const text =
        value === undefined || !Number.isFinite(value) ? 'n/a' : `${format(value)} ${unit}`;
      rows.push(
        `<text x="${left + w + 4}" y="${y + barHeight - 5}" class="value">${escape(text)}</text>`,
      );
      y += barHeight;
    }
    y += groupGap;
  }
  const legend = ORDER.map(
    (k, i) =>
      `<rect x="${left + i * 90}" y="26" width="10" height="10" fill="${COLORS[k]}"/><text x="${left + i * 90 + 14}" y="35" class="value">${k}</text>`,
  ).join('');
  const height = y + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    '<style>.label{font-size:12px;fill:#222}.value{font-size:11px;fill:#333}.title{font-size:14px;font-weight:bold;fill:#111}</style>',
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" class="title">${escape(title)}</text>`,
    legend,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}

const pick = <T>(
  per: Partial<Record<ClientKind, T>>,
  f: (v: T) => number,
): Partial<Record<ClientKind, number>> =>
  Object.fromEntries(ORDER.flatMap((k) => (per[k] === undefined ? [] : [[k, f(per[k])]])));

/** The report's charts, by file name. */
export function renderCharts(report: BenchReport): Record<string, string> {
  const s = report.scenarios;
  return {
    'overhead.svg': barChart(
      'Bridge overhead: tools/call publish → /results (ms, lower is better)',
      'ms',
      [
        { label: 'p50', values: pick(s.overhead, (o) => o.toolsCall.p50) },
        { label: 'p95', values: pick(s.overhead, (o) => o.toolsCall.p95) },
        { label: 'p99', values: pick(s.overhead, (o) => o.toolsCall.p99) },
      ],
    ),
    'throughput.svg': barChart(
      'Throughput (calls/s, higher is better)',
      '/s',
      s.throughput.map((level) => ({
        label: `${level.concurrency} in flight`,
        values: pick(level.results, (r) => r.callsPerSecond),
      })),
    ),
    'footprint.svg': barChart('Footprint after the long run (MB, lower is better)', 'MB', [
      { label: 'heap growth /100k', values: pick(s.footprint, (f) => f.heapGrowthMBPer100k) },
      { label: 'heap after', values: pick(s.footprint, (f) => f.heapAfterMB) },
      { label: 'RSS after', values: pick(s.footprint, (f) => f.rssAfterMB) },
    ]),
    'availability-recovery.svg': barChart('Availability and recovery (ms, lower is better)', 'ms', [
      { label: 'max initialize (idle)', values: pick(s.availability, (a) => a.initialize.max) },
      { label: 'max time to resume', values: pick(s.recovery, (r) => r.resumeMs.max) },
      { label: 'startup (5 streaming)', values: pick(s.startup, (r) => r.streamingMs) },
    ]),
  };
}
