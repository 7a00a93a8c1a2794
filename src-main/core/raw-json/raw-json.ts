import { type TextRange, topLevelMember } from './top-level-member.js';

/**
 * The text a parsed value was read from, kept beside it so it can be sent on as written instead
 * of serialised again (Node 20 has no `JSON.rawJSON`). For large answers only: a 16 MiB tool
 * result serialised again is one more 16 MiB string, and the text is already in memory, as the
 * bytes the server wrote (or, failing that, as a slice of the line's string).
 *
 * Keyed by the parsed object itself, so the text goes wherever that very object goes and no
 * further: any change on the way (secrets masked, a notice added) makes a new object, which has
 * no text and is serialised as usual. Parsed answers are never changed in place (the relay and
 * the redaction build new values), which is what makes the text stay true to the object.
 */
export type RawJson = string | Uint8Array;

const rawTexts = new WeakMap<object, RawJson>();

/** Below this, serialising again costs less than finding the slice. */
export const RAW_JSON_MIN_CHARS = 64 * 1024;

/**
 * Remembers the text of the `result` of a JSON-RPC response just parsed from `line`, when the
 * line is large and the result a tool result (an object with `content`). Does nothing otherwise.
 *
 * With `bytes` (the line as read, UTF-8, maybe with a trailing "\r"), the result is kept as a
 * view of them, so the line's string can go and the body for Dust needs no encoding of its own.
 * Not when the line had bytes that are not UTF-8 (decoded as U+FFFD): then the string is kept.
 */
export function keepRawResult(message: unknown, line: string, bytes?: Uint8Array): void {
  if (line.length < RAW_JSON_MIN_CHARS) return;
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return;
  const result = (message as { result?: unknown }).result;
  // Tool results only (they have `content`): a handshake or a tool list is kept by the
  // supervisor for as long as the server runs, and would keep the line's bytes with it.
  if (typeof result !== 'object' || result === null || !('content' in result)) return;
  const range = topLevelMember(line, 'result');
  if (!range) return;
  const view = bytes && !line.includes('\uFFFD') ? byteView(line, range, bytes) : undefined;
  // A slice of a large string shares its characters (V8 sliced strings): no copy.
  rawTexts.set(result, view ?? line.slice(range.start, range.end));
}

/** The text `value` was parsed from, if it was kept. */
export function rawJsonOf(value: unknown): RawJson | undefined {
  return typeof value === 'object' && value !== null ? rawTexts.get(value) : undefined;
}

/** Drops the kept text once it was sent: an answer kept for replays should not hold it too. */
export function forgetRawJson(value: unknown): void {
  if (typeof value === 'object' && value !== null) rawTexts.delete(value);
}

/**
 * The bytes of `line.slice(range)` within `bytes`, found from the (short) text before and after
 * it rather than by measuring the whole value. Undefined when the ends do not match up.
 */
function byteView(line: string, range: TextRange, bytes: Uint8Array): Uint8Array | undefined {
  const trailingCr = bytes[bytes.length - 1] === 0x0d ? 1 : 0;
  const start = utf8Length(line, 0, range.start);
  const end = bytes.length - trailingCr - utf8Length(line, range.end, line.length);
  // The value is an object: its first and last bytes are its braces.
  if (end <= start || bytes[start] !== 0x7b || bytes[end - 1] !== 0x7d) return undefined;
  return bytes.subarray(start, end);
}

/** How many bytes `text.slice(from, to)` takes in UTF-8 (a lone surrogate as U+FFFD, 3). */
export function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (
      code >= 0xd800 &&
      code <= 0xdbff &&
      at + 1 < to &&
      isLowSurrogate(text.charCodeAt(at + 1))
    ) {
      bytes += 4;
      at++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
