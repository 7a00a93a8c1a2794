import { topLevelMember } from './top-level-member.js';

/**
 * The text a parsed value was read from, kept beside it so it can be sent on as written instead
 * of serialised again (Node 20 has no `JSON.rawJSON`). For large answers only: a 16 MiB tool
 * result serialised again is one more 16 MiB string, and the text is already in memory.
 *
 * Keyed by the parsed object itself, so the text goes wherever that very object goes and no
 * further: any change on the way (secrets masked, a notice added) makes a new object, which has
 * no text and is serialised as usual. Parsed answers are never changed in place (the relay and
 * the redaction build new values), which is what makes the text stay true to the object.
 */
const rawTexts = new WeakMap<object, string>();

/** Below this, serialising again costs less than finding the slice. */
export const RAW_JSON_MIN_CHARS = 64 * 1024;

/**
 * Remembers the text of the `result` of a JSON-RPC response just parsed from `line`, when the
 * line is large and the result an object (a tool result). Does nothing otherwise.
 */
export function keepRawResult(message: unknown, line: string): void {
  if (line.length < RAW_JSON_MIN_CHARS) return;
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return;
  const result = (message as { result?: unknown }).result;
  if (typeof result !== 'object' || result === null) return;
  const range = topLevelMember(line, 'result');
  // A slice of a large string shares its characters (V8 sliced strings): no copy.
  if (range) rawTexts.set(result, line.slice(range.start, range.end));
}

/** The text `value` was parsed from, if it was kept. */
export function rawJsonOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? rawTexts.get(value) : undefined;
}

/** Drops the kept text once it was sent: an answer kept for replays should not hold it too. */
export function forgetRawJson(value: unknown): void {
  if (typeof value === 'object' && value !== null) rawTexts.delete(value);
}
