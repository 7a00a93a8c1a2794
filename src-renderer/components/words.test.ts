import { describe, expect, it } from 'vitest';

import {
  errorMessage,
  formatClock,
  formatDuration,
  formatRelative,
  formatSize,
  plural,
  sentence,
} from './words';

describe('words a person reads', () => {
  it('counts with the right plural', () => {
    expect(plural(1, 'tool')).toBe('1 tool');
    expect(plural(2, 'tool')).toBe('2 tools');
    expect(plural(0, 'call')).toBe('0 calls');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });

  it('says durations in seconds, minutes and hours', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45_200)).toBe('45 s');
    expect(formatDuration(150_000)).toBe('2 min 30 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(-5)).toBe('0 s');
  });

  it('says times relative to now, never as ISO', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(formatRelative(now + 52 * 60_000, now)).toBe('in 52 min');
    expect(formatRelative(now + 30_000, now)).toBe('in 30 s');
    expect(formatRelative(now - 3 * 3600_000, now)).toBe('3 h ago');
    expect(formatRelative(now, now)).toBe('just now');
    expect(formatClock(now + 60_000, now)).not.toMatch(/T\d|Z$/);
  });

  it('says sizes and ends sentences with exactly one period', () => {
    expect(formatSize(812)).toBe('812 B');
    expect(formatSize(3_200)).toBe('3.1 KB');
    expect(formatSize(1_300_000)).toBe('1.2 MB');
    expect(sentence('Denied by you.')).toBe('Denied by you.');
    expect(sentence('Denied by you')).toBe('Denied by you.');
  });
});

describe('errorMessage', () => {
  it("says an Error's message, and anything else as text", () => {
    expect(errorMessage(new SyntaxError('Unexpected token'))).toBe('Unexpected token');
    expect(errorMessage('plain words')).toBe('plain words');
  });
});
