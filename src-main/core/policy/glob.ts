/**
 * Tool-name globs for policy rules: `*` is any run of characters (including none); everything
 * else, `?` and `[` included, is literal and case-sensitive. Deliberately smaller than shell
 * globs, so a rule means exactly what it looks like (`read_*`, `*_file`, `*`).
 */

/**
 * Patterns split at their stars, by pattern: the policy checks every rule of a server on each call,
 * and the rules are few and change rarely. Bounded: forgotten all at once when full.
 */
const splitPatterns = new Map<string, readonly string[]>();

function partsOf(pattern: string): readonly string[] {
  let parts = splitPatterns.get(pattern);
  if (parts === undefined) {
    if (splitPatterns.size >= 1_000) splitPatterns.clear();
    parts = pattern.split('*');
    splitPatterns.set(pattern, parts);
  }
  return parts;
}

/** Whether `value` matches the whole of `pattern`. */
export function matchesGlob(pattern: string, value: string): boolean {
  const parts = partsOf(pattern);
  if (parts.length === 1) return pattern === value;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let position = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const middle = parts[i]!;
    const found = value.indexOf(middle, position);
    if (found === -1 || found + middle.length > end) return false;
    position = found + middle.length;
  }
  return true;
}

/** How specific a pattern is: its count of literal characters (more wins between rules). */
export function globSpecificity(pattern: string): number {
  return pattern.length - (partsOf(pattern).length - 1);
}

/** A pattern that matches every tool: a rule with it is a per-server rule. */
export function isMatchAll(pattern: string): boolean {
  return pattern.length > 0 && partsOf(pattern).length === pattern.length + 1;
}
