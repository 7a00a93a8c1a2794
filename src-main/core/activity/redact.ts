/**
 * Redaction of known secrets inside any value, before it reaches the activity log.
 *
 * Tool arguments and results are arbitrary JSON; an agent may echo a token it read from a file,
 * or a server may put its API key in an error message. Every string, at any depth (object keys
 * included), has each known secret replaced by "••••". The log redacts at record time, so secrets
 * never sit in memory or on disk through it.
 */
import {
  compileNeedles,
  type Needle,
  REDACTED_FORM,
  replaceNeedles,
} from '../secrets/secret-forms.js';

export const REDACTED = REDACTED_FORM;

/**
 * Returns a copy of `value` with every occurrence of every known secret replaced.
 *
 * Longer secrets are replaced first, so a secret that contains another is hidden whole. Empty
 * strings are ignored. Cycles become "[Circular]"; functions and symbols are dropped like JSON
 * would. Values with no secret come back equal (not necessarily the same object).
 */
export function redact(value: unknown, knownSecrets: Iterable<string>): unknown {
  const needles = needlesOf(knownSecrets);
  if (needles.length === 0) return value;
  return redactDeep(value, (text) => replaceNeedles(text, needles));
}

/** Redacts one string (encoded forms of each secret included, see secret-forms.ts). */
export function redactText(text: string, knownSecrets: Iterable<string>): string {
  return replaceNeedles(text, needlesOf(knownSecrets));
}

/**
 * A copy of any JSON-like value with `redactString` applied to every string, keys included; for
 * callers that hold a prepared redactor (the supervisor's, mask.ts `createRedactor`).
 *
 * With `keepUnchanged`, plain objects and arrays in which nothing changed come back as they are,
 * not copied: a large tool result with no secret in it then stays the object its text was kept
 * for (core/raw-json/raw-json.ts), and costs no copy of its structure.
 */
export function redactDeep(
  value: unknown,
  redactString: (text: string) => string,
  options: { keepUnchanged?: boolean } = {},
): unknown {
  // The objects being walked, outermost first: a value among them is a cycle. An array, not a
  // WeakSet: JSON is a few levels deep, and the supervisor redacts every answer (a WeakSet per
  // answer showed in the relay's allocation profile).
  return walk(value, redactString, [], options.keepUnchanged === true);
}

/**
 * Compiled once per secrets array: callers pass `KnownSecrets.current`, the same array until the
 * settings change, and some redact on every streamed token.
 */
const compiled = new WeakMap<readonly string[], { key: string; needles: Needle[] }>();

function needlesOf(knownSecrets: Iterable<string>): Needle[] {
  if (!Array.isArray(knownSecrets))
    return compileNeedles(knownSecrets, { minLength: 1, mask: () => REDACTED });
  const values = knownSecrets as readonly string[];
  // Keyed by content too, so an array changed in place is never matched with stale needles.
  const key = values.join('\u0000');
  const cached = compiled.get(values);
  if (cached?.key === key) return cached.needles;
  const needles = compileNeedles(values, { minLength: 1, mask: () => REDACTED });
  compiled.set(values, { key, needles });
  return needles;
}

function walk(
  value: unknown,
  replaceAll: (text: string) => string,
  seen: object[],
  keepUnchanged: boolean,
): unknown {
  if (typeof value === 'string') return replaceAll(value);
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  if (seen.includes(value)) return '[Circular]';
  seen.push(value);
  // Looked through first, copied only if something changes: the supervisor redacts every
  // answer of a local server this way, and a copy made only to be dropped was garbage per call.
  if (keepUnchanged && isPlain(value) && !anyChange(value, replaceAll, seen)) {
    seen.pop();
    return value;
  }
  let result: unknown;
  let changed = !isPlain(value);
  if (Array.isArray(value)) {
    result = value.map((item) => {
      const walked = walk(item, replaceAll, seen, keepUnchanged);
      changed ||= walked !== item;
      return walked;
    });
  } else {
    const out: Record<string, unknown> = {};
    const entries = Object.entries(value);
    for (const [key, member] of entries) {
      const name = replaceAll(key);
      const walked = walk(member, replaceAll, seen, keepUnchanged);
      changed ||= name !== key || walked !== member;
      out[name] = walked;
    }
    changed ||= Object.keys(out).length !== entries.length;
    result = out;
  }
  seen.pop();
  return keepUnchanged && !changed ? value : result;
}

/** Whether walking `value`'s members (keys too) would change any of them; copies nothing. */
function anyChange(value: object, replaceAll: (text: string) => string, seen: object[]): boolean {
  if (Array.isArray(value))
    return value.some((item: unknown) => walk(item, replaceAll, seen, true) !== item);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (replaceAll(key) !== key || walk(member, replaceAll, seen, true) !== member) return true;
  }
  return false;
}

/** An array, or an object made by a literal or JSON.parse (no class, no accessor magic). */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
