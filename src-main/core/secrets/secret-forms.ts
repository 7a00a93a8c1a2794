/**
 * The forms a known secret commonly takes in text, so redaction catches more than the raw value:
 * a server that prints `Authorization: Basic <base64(user:key)>`, a hex dump of its config, or a
 * URL with the key in the query string leaks the secret just as surely as printing it.
 *
 * Base64 is position-dependent: the same bytes encode differently when 0, 1 or 2 bytes precede
 * them. For each offset we keep only the characters that depend on the secret's bytes alone, so
 * the secret is found inside a longer encoded string (`user:key` → the `key` part) too; the one
 * or two characters at either edge that mix in neighbouring bytes stay, and say next to nothing.
 *
 * Pure code (no Buffer, no TextEncoder): the core runs without Node built-ins.
 */

/** Encoded fragments shorter than this are not searched for: they would match ordinary text. */
const MIN_FORM_LENGTH = 6;

/** Every encoded form of `secret` worth searching for (the raw value not included). */
export function encodedForms(secret: string): string[] {
  const bytes = utf8Bytes(secret);
  const forms = new Set<string>();
  // The whole value encoded on its own (padded and not), then its fragments inside longer text.
  const whole = base64(bytes);
  for (const fragment of [
    whole,
    whole.replace(/=+$/, ''),
    ...[0, 1, 2].map((offset) => base64Fragment(bytes, offset)),
  ]) {
    if (fragment.length < MIN_FORM_LENGTH) continue;
    forms.add(fragment);
    forms.add(fragment.replaceAll('+', '-').replaceAll('/', '_'));
  }
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  forms.add(hex);
  forms.add(hex.toUpperCase());
  const url = encodeURIComponent(secret);
  forms.add(url);
  forms.add(url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  forms.add(url.replaceAll('%20', '+'));
  // A secret with quotes or backslashes, inside a JSON text a tool returned.
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.delete(secret);
  return [...forms].filter((form) => form.length >= MIN_FORM_LENGTH);
}

/** A text to find and what replaces it. */
export interface Needle {
  readonly text: string;
  readonly replacement: string;
}

export interface NeedleOptions {
  /** Values shorter than this are skipped. */
  minLength: number;
  /** What the raw value becomes (encoded forms always become "••••"). */
  mask: (value: string) => string;
}

export const REDACTED_FORM = '••••';

/**
 * Every known value and its encoded forms, longest first, so a secret that contains another (or
 * whose encoding contains another's) is hidden whole.
 */
export function compileNeedles(values: Iterable<string>, options: NeedleOptions): Needle[] {
  const needles = new Map<string, string>();
  for (const value of new Set(values)) {
    if (value.length < options.minLength || value.length === 0) continue;
    if (value.length >= MIN_FORM_LENGTH) {
      for (const form of encodedForms(value))
        if (!needles.has(form)) needles.set(form, REDACTED_FORM);
    }
    needles.set(value, options.mask(value));
  }
  return [...needles]
    .map(([text, replacement]) => ({ text, replacement }))
    .sort((a, b) => b.text.length - a.text.length);
}

export function replaceNeedles(text: string, needles: readonly Needle[]): string {
  let out = text;
  for (const needle of needles)
    if (out.includes(needle.text)) out = out.split(needle.text).join(needle.replacement);
  return out;
}

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000)
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
  }
  return bytes;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The base64 characters of `bytes` preceded by `offset` other bytes, keeping only whole groups
 * and only characters computed from the secret's bits: 0, 2 or 3 leading characters mix in the
 * preceding bytes, and a trailing partial group mixes in whatever follows.
 */
function base64Fragment(bytes: readonly number[], offset: number): string {
  const padded = [...new Array<number>(offset).fill(0), ...bytes];
  let out = '';
  for (let i = 0; i + 3 <= padded.length; i += 3) {
    const n = (padded[i]! << 16) | (padded[i + 1]! << 8) | padded[i + 2]!;
    out +=
      ALPHABET[(n >> 18) & 63]! +
      ALPHABET[(n >> 12) & 63]! +
      ALPHABET[(n >> 6) & 63]! +
      ALPHABET[n & 63]!;
  }
  const skip = offset === 0 ? 0 : offset === 1 ? 2 : 3;
  return out.slice(skip);
}

/** Standard padded base64 of `bytes`. */
function base64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[n & 63]!;
  }
  return out;
}
