/**
 * JSON with object keys sorted at every depth, so equal values always give the same text (and the
 * same fingerprint) whatever order a server lists its schema's keys in. Otherwise as
 * `JSON.stringify`: `undefined` members are dropped, `undefined` in arrays and non-finite
 * numbers become `null`.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}
