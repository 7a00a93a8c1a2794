import { describe, expect, it } from 'vitest';

import { describeJsonSyntaxError } from './json-error.js';

describe('describeJsonSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 'line 1, column 9: expected a property name in double quotes but found "}"'],
    [
      '{\n  "a": tru\n}',
      'line 2, column 8: expected a value (text in double quotes, a number, true, false, null, { or [) but found a letter or digit',
    ],
    ['{"a": 1 "b": 2}', 'line 1, column 9: expected "," or "}" but found """'],
    ['{"a": [1, 2}', 'line 1, column 12: expected "," or "]" but found "}"'],
    [
      '{"a": "unterminated\n}',
      'line 1, column 20: a line break or control character inside a text (a closing " may be missing)',
    ],
    ['{"a": "x\\q"}', 'line 1, column 9: an invalid escape (\\) inside a text'],
    [
      '{"a" 1}',
      'line 1, column 6: expected ":" after the property name but found a letter or digit',
    ],
    [
      '{"mcpServers": {',
      'line 1, column 17: the file ends too early (expected a property name in double quotes)',
    ],
    ['{} {}', 'line 1, column 4: unexpected text after the end of the JSON value'],
    ['   ', 'line 1, column 4: the file is empty'],
  ])('%j → %s', (text, expected) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(describeJsonSyntaxError(text)).toBe(expected);
  });

  it('never quotes the text around the mistake (it may hold a secret)', () => {
    const text = '{"env": {"GITHUB_TOKEN": "ghp_FAKEFAKEFAKEFAKEFAKE" "X": 1}}';
    const message = describeJsonSyntaxError(text);
    expect(message).not.toContain('ghp_');
    expect(message).toBe('line 1, column 53: expected "," or "}" but found """');
  });
});
