import type { OversizedLine } from './line-splitter.js';

/** `"id":5}` or `"id":"abc"}` closing the line: the MCP SDK writes `{result, jsonrpc, id}`. */
const TRAILING_ID = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*\}\s*$/;
/** `{"jsonrpc":"2.0","id":5,` or `{"id":5,` opening the line: how most other servers write it. */
const LEADING_ID =
  /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*,/;
/** A request or notification from the server: not an answer to anything of ours. */
const LEADING_METHOD = /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"method"\s*:/;

/**
 * The JSON-RPC id of a response we could not keep whole, read from its first or last bytes.
 *
 * Only an `"id"` right at the start or right before the final `}` is taken: there it can only
 * be the top-level member (a nested one would be followed by more closing brackets, and inside
 * a string a quote is escaped). Undefined when it cannot be told, or when the line is a request.
 */
export function oversizedMessageId(line: OversizedLine): string | number | undefined {
  if (LEADING_METHOD.test(line.head)) return undefined;
  const match = TRAILING_ID.exec(line.tail) ?? LEADING_ID.exec(line.head);
  const raw = match?.[1];
  if (raw === undefined) return undefined;
  try {
    const id: unknown = JSON.parse(raw);
    return typeof id === 'string' || typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}
