import { describe, expect, it } from 'vitest';

import { StderrBuffer, utf8Length } from './stderr-buffer.js';
import { describeExit, formatDuration } from './wording.js';

describe('StderrBuffer', () => {
  it('keeps the newest lines within the byte budget', () => {
    const buffer = new StderrBuffer(20);
    for (const line of ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee']) buffer.push(line);
    expect(buffer.lines()).toEqual(['bbbb', 'cccc', 'dddd', 'eeee']);
    expect(buffer.byteLength).toBe(20);
    expect(buffer.lines(2)).toEqual(['dddd', 'eeee']);
    expect(buffer.lines(0)).toEqual([]);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Length('aé€🔑')).toBe(1 + 2 + 3 + 4);
    const buffer = new StderrBuffer(13);
    buffer.push('€€€');
    buffer.push('ab');
    expect(buffer.lines()).toEqual(['€€€', 'ab']);
    buffer.push('c');
    expect(buffer.lines()).toEqual(['ab', 'c']);
  });

  it('keeps the end of a single line larger than the whole buffer', () => {
    const buffer = new StderrBuffer(80);
    buffer.push(`${'x'.repeat(100)}Error: the end`);
    expect(buffer.lines()[0]!.endsWith('Error: the end')).toBe(true);
    expect(buffer.byteLength).toBeLessThanOrEqual(80);
  });

  it('finds the line that explains a Node crash, skipping the stack and banner', () => {
    const buffer = new StderrBuffer();
    for (const line of [
      'file:///srv/index.js:3',
      '  throw new Error("no key")',
      '  ^',
      '',
      'Error: no key',
      '    at main (file:///srv/index.js:3:9)',
      '',
      'Node.js v20.19.0',
    ]) {
      buffer.push(line);
    }
    expect(buffer.lastMeaningfulLine()).toBe('Error: no key');
    expect(buffer.lastMeaningfulLine(2)).toBeUndefined();
  });
});

describe('wording', () => {
  it('says durations and exits like a person would', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(describeExit({ code: 1, signal: null }, 'Error: no key')).toBe(
      'exited with code 1: Error: no key',
    );
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('was killed by SIGKILL');
    expect(describeExit({ code: 0, signal: null }, '   ')).toBe('exited with code 0');
    expect(describeExit({ code: 2, signal: null }, 'x'.repeat(400))).toHaveLength(
      'exited with code 2: '.length + 300,
    );
  });
});
