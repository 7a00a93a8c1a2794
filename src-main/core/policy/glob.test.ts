import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { globSpecificity, isMatchAll, matchesGlob } from './glob.js';

describe('matchesGlob', () => {
  it.each([
    ['*', 'anything', true],
    ['*', '', true],
    ['read_file', 'read_file', true],
    ['read_file', 'read_files', false],
    ['read_file', 'Read_file', false],
    ['read_*', 'read_file', true],
    ['read_*', 'read_', true],
    ['read_*', 'write_file', false],
    ['read_*', 'READ_file', false],
    ['*_file', 'write_file', true],
    ['*_file', 'write_files', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['**', 'x', true],
    ['read?', 'readX', false],
    ['read?', 'read?', true],
    ['[ab]', 'a', false],
    ['[ab]', '[ab]', true],
    ['a.c', 'abc', false],
    ['', '', true],
    ['', 'x', false],
  ])('%j against %j → %s', (pattern, value, expected) => {
    expect(matchesGlob(pattern, value)).toBe(expected);
  });
});

describe('globSpecificity and isMatchAll', () => {
  it('counts literal characters', () => {
    expect(globSpecificity('read_*')).toBe(5);
    expect(globSpecificity('*')).toBe(0);
    expect(globSpecificity('read_file')).toBe(9);
  });

  it.each([
    ['*', true],
    ['**', true],
    ['', false],
    ['read_*', false],
  ])('isMatchAll(%j) is %s', (pattern, expected) => {
    expect(isMatchAll(pattern)).toBe(expected);
  });
});

describe('matchesGlob properties', () => {
  /** A reference built on RegExp: escape everything, then let `*` be `.*`. */
  const reference = (pattern: string, value: string) =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*')}$`,
    ).test(value);
  const alphabet = fc.constantFrom('a', 'b', '_', '*', '.', '?');

  it('agrees with a regular-expression reference', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '_', '.', '?', '*'), maxLength: 10 }),
        (pattern, value) => {
          expect(matchesGlob(pattern, value)).toBe(reference(pattern, value));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a pattern without * matches only itself', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('*')),
        fc.string(),
        (pattern, value) => {
          expect(matchesGlob(pattern, value)).toBe(pattern === value);
        },
      ),
    );
  });
});
