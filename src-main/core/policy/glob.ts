/**
 * Tool-name globs for policy rules: `*` is any run of characters (including none); everything
 * else, `?` and `[` included, is literal and case-sensitive. Deliberately smaller than shell
 * globs, so a rule means exactly what it looks like (`read_*`, `*_file`, `*`).
 */

/** Whether `value` matches the whole of `pattern`. */
export function matchesGlob(pattern: string, value: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === value;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let position = first.length;
  const end = value.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = value.indexOf(middle, position);
    if (found === -1 || found + middle.length > end) return false;
    position = found + middle.length;
  }
  return true;
}

/** How specific a pattern is: its count of literal characters (more wins between rules). */
export function globSpecificity(pattern: string): number {
  return pattern.replaceAll('*', '').length;
}

/** A pattern that matches every tool: a rule with it is a per-server rule. */
export function isMatchAll(pattern: string): boolean {
  return pattern.length > 0 && pattern.replaceAll('*', '') === '';
}
