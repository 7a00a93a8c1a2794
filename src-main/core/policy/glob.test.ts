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
