import { describe, expect, it } from 'vitest';

import { LineSplitter } from './line-splitter.js';

describe('LineSplitter', () => {
  it('joins chunks, strips CRLF, keeps multi-byte characters split across chunks', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('héllo\r\nwörld 🔑\npartial');
    for (let i = 0; i < bytes.length; i++) splitter.push(bytes.subarray(i, i + 1));
    expect(lines).toEqual(['héllo', 'wörld 🔑']);
    splitter.end();
    expect(lines).toEqual(['héllo', 'wörld 🔑', 'partial']);
  });

  it('cuts a line that never ends at the limit', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), 8);
    splitter.push('0123456789');
    splitter.push('ab\n');
    expect(lines).toEqual(['0123456789', 'ab']);
  });

  it('splits a 20 MB stream of long lines quickly', () => {
    const lines: number[] = [];
    const splitter = new LineSplitter((line) => lines.push(line.length), 32 * 1024 * 1024);
    const line = Buffer.from(`${'x'.repeat(5 * 1024 * 1024 - 1)}\n`);
    const started = performance.now();
    for (let n = 0; n < 4; n++) for (let i = 0; i < line.length; i += 65_536) splitter.push(line.subarray(i, i + 65_536));
    expect(lines).toEqual(Array(4).fill(5 * 1024 * 1024 - 1));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
