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
});
