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
      for (const [key, inner] of Object.entries(item)) {
        total += key.length;
        pending.push(inner);
      }
    }
  }
  return total;
}
