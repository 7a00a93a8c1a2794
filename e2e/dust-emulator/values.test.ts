import { describe, expect, it } from 'vitest';

import { errorMessage, isRecord } from './values.js';

describe("the emulator's value checks", () => {
  it('isRecord accepts plain objects only', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    for (const value of [null, undefined, [], 'x', 1]) expect(isRecord(value)).toBe(false);
  });

  it("errorMessage says an Error's message, and anything else as text", () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(404)).toBe('404');
  });
});
