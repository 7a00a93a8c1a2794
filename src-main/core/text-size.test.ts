import { describe, expect, it } from 'vitest';

import { textSize } from './text-size.js';

describe('textSize', () => {
  it('counts the strings and keys of a JSON value, deep, and stops past the limit', () => {
    expect(textSize({ content: [{ type: 'text', text: 'hello' }], isError: false })).toBe(
      'content'.length +
        'type'.length +
        'text'.length +
        'text'.length +
        'hello'.length +
        'isError'.length,
    );
    expect(textSize(['ab', ['cd', { e: 'f' }], 3, null])).toBe(6);
    expect(
      textSize(
        Array.from({ length: 10 }, () => 'x'.repeat(100)),
        250,
      ),
    ).toBeLessThan(1_000);
  });
});
