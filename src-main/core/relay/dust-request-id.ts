/**
 * Reads the conversation and message out of Dust's rewritten request ids.
 *
 * `mcp_req_<conversationSId>_<agentMessageSId>_<unique>_<n>`
 * (docs/protocol/client-side-mcp.md#request-ids). The `unique` part changed from a timestamp to a
 * UUID in 2026 and its exact form is unconfirmed, so only the first two fields and the final number
 * are read, and any other shape is fine.
 */
export interface DustRequestIdParts {
  conversationId: string;
  messageId: string;
  originalId: number;
}

const PATTERN = /^mcp_req_([^_]+)_([^_]+)_.+_(\d+)$/;

export function parseDustRequestId(id: string | number): DustRequestIdParts | undefined {
  if (typeof id !== 'string') return undefined;
  const match = PATTERN.exec(id);
  if (!match) return undefined;
  return { conversationId: match[1]!, messageId: match[2]!, originalId: Number(match[3]) };
}

/**
 * Activity entries (and the person's "stop") are keyed by Dust's request id, exactly as received.
 */
export function activityId(requestId: string | number): string {
  return typeof requestId === 'string' ? requestId : `#${requestId}`;
}
