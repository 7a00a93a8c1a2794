/**
 * Redaction of known secrets inside any value, before it reaches the activity log.
 *
 * Tool arguments and results are arbitrary JSON; an agent may echo a token it read from a file,
 * or a server may put its API key in an error message. Every string, at any depth (object keys
 * included), has each known secret replaced by "••••". The log redacts at record time, so secrets
 * never sit in memory or on disk through it.
 */
export const REDACTED = '••••';

/**
 * Returns a copy of `value` with every occurrence of every known secret replaced.
 *
 * Longer secrets are replaced first, so a secret that contains another is hidden whole. Empty
 * strings are ignored. Cycles become "[Circular]"; functions and symbols are dropped like JSON
 * would. Values with no secret come back equal (not necessarily the same object).
 */
export function redact(value: unknown, knownSecrets: Iterable<string>): unknown {
  const secrets = [...new Set(knownSecrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return value;
  return walk(value, secrets, new WeakSet());
}

/** Redacts one string. */
export function redactText(text: string, knownSecrets: Iterable<string>): string {
  const secrets = [...new Set(knownSecrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return replaceAll(text, secrets);
}

function replaceAll(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

function walk(value: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return replaceAll(value, secrets);
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  let result: unknown;
  if (Array.isArray(value)) {
    result = value.map((item) => walk(item, secrets, seen));
  } else {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[replaceAll(key, secrets)] = walk(member, secrets, seen);
    result = out;
  }
  seen.delete(value);
  return result;
}
