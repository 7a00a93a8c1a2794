/**
 * Finds where a member's value sits in the text of a JSON object, without parsing the value.
 *
 * The relay sends a local server's answer on to Dust with Dust's own id. Parsing a 16 MiB answer
 * and serialising it again costs two more copies of it; with the value's place in the line the
 * server wrote, the answer's `result` goes out as that slice of the line instead (see
 * raw-json.ts and core/dust/result-body.ts).
 *
 * Meant for text `JSON.parse` has already accepted: it checks only what it needs to find its
 * way (and says undefined when lost), not the whole grammar.
 */
export interface TextRange {
  /** Index of the value's first character. */
  start: number;
  /** Index just after its last character. */
  end: number;
}

/** The characters a scan inside a container stops at: quotes and brackets. */
const STRUCTURE = /["[\]{}]/g;
/** The end of a number or literal (`true`, `false`, `null`). */
const SCALAR_END = /[\s,\]}]/g;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The range of the value of the top-level object's member `key`, or undefined when the text is
 * not an object or has no such member. When the key occurs more than once, the last one counts,
 * as in `JSON.parse`. Keys are compared decoded (`"\u0069d"` is `id`).
 */
export function topLevelMember(text: string, key: string): TextRange | undefined {
  let at = skipWhitespace(text, 0);
  if (text.charCodeAt(at) !== 0x7b /* { */) return undefined;
  at = skipWhitespace(text, at + 1);
  if (text.charCodeAt(at) === 0x7d /* } */) return undefined;
  let found: TextRange | undefined;
  for (;;) {
    if (text.charCodeAt(at) !== 0x22 /* " */) return undefined;
    const keyEnd = stringEnd(text, at);
    if (keyEnd === undefined) return undefined;
    const name = decodeKey(text.slice(at, keyEnd));
    at = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(at) !== 0x3a /* : */) return undefined;
    const start = skipWhitespace(text, at + 1);
    const end = valueEnd(text, start);
    if (end === undefined) return undefined;
    if (name === key) found = { start, end };
    at = skipWhitespace(text, end);
    const next = text.charCodeAt(at);
    if (next === 0x7d /* } */) return found;
    if (next !== 0x2c /* , */) return undefined;
    at = skipWhitespace(text, at + 1);
  }
}

function skipWhitespace(text: string, from: number): number {
  let at = from;
  while (WHITESPACE.has(text.charCodeAt(at))) at++;
  return at;
}

/**
 * The index after the closing quote of the string opening at `open`. Jumps from quote to quote
 * (native `indexOf`): a quote preceded by an odd number of backslashes is escaped.
 */
function stringEnd(text: string, open: number): number | undefined {
  let quote = text.indexOf('"', open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return undefined;
}

function valueEnd(text: string, start: number): number | undefined {
  const first = text.charCodeAt(start);
  if (first === 0x22 /* " */) return stringEnd(text, start);
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) return containerEnd(text, start);
  if (Number.isNaN(first)) return undefined;
  SCALAR_END.lastIndex = start;
  const stop = SCALAR_END.exec(text);
  const end = stop ? stop.index : text.length;
  return end > start ? end : undefined;
}

/** The index after the bracket closing the object or array opening at `open`. */
function containerEnd(text: string, open: number): number | undefined {
  let depth = 0;
  let at = open;
  for (;;) {
    STRUCTURE.lastIndex = at;
    const match = STRUCTURE.exec(text);
    if (!match) return undefined;
    const char = match[0];
    if (char === '"') {
      const end = stringEnd(text, match.index);
      if (end === undefined) return undefined;
      at = end;
      continue;
    }
    depth += char === '{' || char === '[' ? 1 : -1;
    at = match.index + 1;
    if (depth === 0) return at;
  }
}

function decodeKey(quoted: string): string | undefined {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}
