import { describe, expect, it } from 'vitest';

import { redact, REDACTED, redactText } from './redact.js';

const TOKEN = 'ghp_abcdefghijklmnop1234';

describe('redact', () => {
  it('replaces secrets in strings at any depth, keys included', () => {
    const value = {
      path: '/tmp/x',
      headers: { Authorization: `Bearer ${TOKEN}` },
      list: ['ok', [`nested ${TOKEN} twice ${TOKEN}`]],
      [TOKEN]: 1,
      n: 42,
      b: true,
      nothing: null,
    };
    expect(redact(value, [TOKEN])).toEqual({
      path: '/tmp/x',
      headers: { Authorization: `Bearer ${REDACTED}` },
      list: ['ok', [`nested ${REDACTED} twice ${REDACTED}`]],
      [REDACTED]: 1,
      n: 42,
      b: true,
      nothing: null,
    });
  });

  it('never mutates its input', () => {
    const value = { a: TOKEN };
    redact(value, [TOKEN]);
    expect(value.a).toBe(TOKEN);
  });

  it('hides a longer secret whole when it contains a shorter one', () => {
    expect(redact('key=abc123-suffix', ['abc123', 'abc123-suffix'])).toBe(`key=${REDACTED}`);
  });

  it('returns values unchanged when there is nothing to hide', () => {
    const value = { a: 'x' };
    expect(redact(value, [])).toBe(value);
    expect(redact(value, [''])).toBe(value);
    expect(redact(value, ['zzz'])).toEqual(value);
  });

  it('survives cycles and drops functions', () => {
    const value: Record<string, unknown> = { token: TOKEN, fn: () => 1 };
    value['self'] = value;
    expect(redact(value, [TOKEN])).toEqual({ token: REDACTED, fn: undefined, self: '[Circular]' });
  });

  it('keeps shared (non-cyclic) references', () => {
    const shared = { s: TOKEN };
    expect(redact({ a: shared, b: shared }, [TOKEN])).toEqual({
      a: { s: REDACTED },
      b: { s: REDACTED },
    });
  });

  it('redacts plain text', () => {
    expect(redactText(`failed: 401 for ${TOKEN}`, [TOKEN, ''])).toBe(`failed: 401 for ${REDACTED}`);
  });
});
