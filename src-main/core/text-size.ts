/**
 * The characters of text a JSON value holds (its strings and keys, which is where MCP results are
 * big): cheap, since a string's length is known without reading it, and without making the
 * serialised copy that `JSON.stringify(value).length` would. Stops counting past `limit`.
 */
export function textSize(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && total < limit) {
    const item = pending.pop();
    if (typeof item === 'string') total += item.length;
    else if (Array.isArray(item)) for (const inner of item) pending.push(inner);
    else if (typeof item === 'object' && item !== null) {
      // Keys, not entries: no [key, value] array per member (this runs twice per relayed call).
      for (const key of Object.keys(item)) {
        total += key.length;
        pending.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return total;
}
