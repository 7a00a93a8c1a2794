/**
 * Limits Dust's own server code enforces on client-side MCP (see docs/protocol/client-side-mcp.md).
 */

/**
 * `MCP_RESULTS_MAX_SIZE_BYTES`: the largest `/mcp/results` body Dust accepts (16 MiB); above it
 * Dust answers 413 `content_too_large`.
 */
export const DUST_RESULTS_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The longest stdout line we take from a local server. A little above Dust's body limit, so
 * every answer Dust would accept gets through whole (a line that is just over the limit still
 * reaches Dust, which refuses it with a 413, and the agent is told why); anything longer could
 * never be delivered and is dropped on arrival with an error for its request.
 */
export const LOCAL_MESSAGE_MAX_BYTES = DUST_RESULTS_MAX_BYTES + 1024 * 1024;

/** "16 MiB", "17.2 MiB": sizes as people read them. */
export function formatMebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib.toFixed(0) : mib.toFixed(1)} MiB`;
}
