import { describe, expect, it } from 'vitest';

import { redact, redactDeep, REDACTED, redactText } from './redact.js';

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

  it('keepUnchanged: untouched parts come back as they are, changed paths are new copies', () => {
    const mask = (text: string) => text.split(TOKEN).join(REDACTED);
    const clean = { content: [{ type: 'text', text: 'x'.repeat(100) }], isError: false };
    expect(redactDeep(clean, mask, { keepUnchanged: true })).toBe(clean);
    const response = { id: 1, result: clean, error: { message: `bad ${TOKEN}`, data: [1] } };
    const out = redactDeep(response, mask, { keepUnchanged: true }) as typeof response;
    expect(out).not.toBe(response);
    expect(out.result).toBe(clean);
    expect(out.error).toEqual({ message: `bad ${REDACTED}`, data: [1] });
    expect(out.error.data).toBe(response.error.data);
    expect(response.error.message).toBe(`bad ${TOKEN}`);
    // A secret in a key, a dropped function or a class instance still means a new value.
    expect(redactDeep({ [TOKEN]: 1 }, mask, { keepUnchanged: true })).toEqual({ [REDACTED]: 1 });
    const withFunction = { fn: () => 1 };
    expect(redactDeep(withFunction, mask, { keepUnchanged: true })).not.toBe(withFunction);
    const date = new Date(0);
    expect(redactDeep(date, mask, { keepUnchanged: true })).toEqual({});
    // A cycle is no "unchanged" value: it comes back cut, as without the option.
    const cyclic: Record<string, unknown> = { list: [1, 'two'] };
    cyclic['self'] = cyclic;
    expect(redactDeep(cyclic, mask, { keepUnchanged: true })).toEqual({
      list: [1, 'two'],
      self: '[Circular]',
    });
    // Without the option, a copy as before.
    expect(redactDeep(clean, mask)).not.toBe(clean);
    expect(redactDeep(clean, mask)).toEqual(clean);
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
