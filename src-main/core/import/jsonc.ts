/**
 * JSON with comments and trailing commas, as VS Code's `mcp.json` and `settings.json` allow
 * (and as people hand-write other apps' files). Comments and trailing commas are blanked out
 * with spaces, keeping every newline, so the parser's error position still points at the right
 * line and column of the original text.
 */
import { describeJsonSyntaxError } from '../settings/json-error.js';

export type JsoncResult = { ok: true; value: unknown } | { ok: false; problem: string };

export function parseJsonc(text: string): JsoncResult {
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const cleaned = stripTrailingCommas(stripComments(source));
  if (cleaned.trim().length === 0) return { ok: false, problem: 'The file is empty.' };
  try {
    return { ok: true, value: JSON.parse(cleaned) as unknown };
  } catch {
    return {
      ok: false,
      problem: `The file is not valid JSON: ${describeJsonSyntaxError(cleaned)}.`,
    };
  }
}

function blank(segment: string): string {
  return segment.replace(/[^\n]/g, ' ');
}

function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += blank(text.slice(i, stop));
      i = stop;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start` (or the text's end). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/** Removes a comma followed only by whitespace and then `}` or `]`, outside strings. */
function stripTrailingCommas(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] ?? '')) j++;
      if (text[j] === '}' || text[j] === ']') {
        out += ' ';
        i++;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}
