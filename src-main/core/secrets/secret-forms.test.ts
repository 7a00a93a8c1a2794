import { Buffer } from 'node:buffer';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createRedactor } from './mask.js';
import { compileNeedles, encodedForms, replaceNeedles } from './secret-forms.js';

const SECRET = 'sk-live-Ünïcode/key+42?&=';

/** Node's own encoders, as a leaking server would use them (the module under test has its own). */
const leaks = (secret: string, prefix = 'user:') => [
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('base64url'),
  Buffer.from(`${prefix}${secret}`).toString('base64'),
  Buffer.from(`x${prefix}${secret}!`).toString('base64'),
  Buffer.from(`xy${prefix}${secret}?!`).toString('base64url'),
  Buffer.from(secret).toString('hex'),
  Buffer.from(secret).toString('hex').toUpperCase(),
  encodeURIComponent(secret),
  new URLSearchParams({ key: secret }).toString(),
  JSON.stringify({ key: secret }),
];

/** Whether more than two consecutive bytes of the secret can be read back from the text. */
function stillReadable(text: string, secret: string): boolean {
  const decoded = [
    text,
    ...text
      .split(/[^A-Za-z0-9+/=_-]+/)
      .flatMap((part) => [
        Buffer.from(part, 'base64').toString('latin1'),
        Buffer.from(part, 'base64url').toString('latin1'),
      ]),
  ];
  const secretBytes = Buffer.from(secret).toString('latin1');
  for (let i = 0; i + 6 <= secretBytes.length; i++) {
    const window = secretBytes.slice(i, i + 6);
    if (decoded.some((candidate) => candidate.includes(window))) return true;
  }
  return [Buffer.from(secret).toString('hex'), encodeURIComponent(secret), secret].some((form) =>
    text.toLowerCase().includes(form.toLowerCase()),
  );
}

describe('encodedForms', () => {
  it('lists base64 (standard, url-safe, at every byte offset), hex and URL-encoded forms', () => {
    const forms = encodedForms(SECRET);
    expect(forms).toContain(Buffer.from(SECRET).toString('base64'));
    expect(forms).toContain(Buffer.from(SECRET).toString('hex'));
    expect(forms).toContain(encodeURIComponent(SECRET));
    expect(forms).not.toContain(SECRET);
  });

  it.each(leaks(SECRET).map((leak) => [leak]))('a redactor hides the secret in %s', (leak) => {
    const redactor = createRedactor([SECRET]);
    const line = `fatal: cannot authenticate with ${leak} (exit)`;
    const out = redactor.redact(line);
    expect(out).not.toBe(line);
    expect(stillReadable(out, SECRET)).toBe(false);
  });

  it('hides any secret inside base64 of a longer text, whatever precedes it (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }),
        fc.string({ maxLength: 5 }),
        fc.string({ maxLength: 5 }),
        (secret, before, after) => {
          const needles = compileNeedles([secret], { minLength: 6, mask: () => '••••' });
          const encoded = Buffer.from(`${before}${secret}${after}`).toString('base64');
          expect(stillReadable(replaceNeedles(encoded, needles), secret)).toBe(false);
        },
      ),
    );
  });

  it('leaves ordinary text alone', () => {
    const redactor = createRedactor([SECRET]);
    const text =
      'The local server "vault" exited with code 1: connection refused (ECONNREFUSED 127.0.0.1:5432)';
    expect(redactor.redact(text)).toBe(text);
  });
});
