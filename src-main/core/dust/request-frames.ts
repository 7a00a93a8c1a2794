/**
 * Reads one SSE event from Dust's `GET /mcp/requests` stream.
 *
 * Wire format (docs/protocol/client-side-mcp.md#sse-framing): request frames are unnamed, one
 * `data: {"eventId":"…","data":<JSON-RPC>}` line each; the stream ends with the literal
 * `data: done`; the current server opens with a named `dust-handshake` event (`data: {}`). There
 * are no `id:` lines: the resume cursor lives only inside the JSON, so the caller must read
 * `eventId` from here and pass it back as the `lastEventId` query parameter.
 */
import { type JsonRpcAnyMessage, type JsonRpcKind, parseJsonRpc } from '../jsonrpc.js';

export type RequestFrame =
  /** Normal end of the stream (idle timeout or a history page boundary): reopen at once. */
  | { kind: 'done' }
  | { kind: 'event'; eventId: string; messageKind: JsonRpcKind; message: JsonRpcAnyMessage }
  /** A named event such as `dust-handshake`; it carries no request and no cursor. */
  | { kind: 'ignored'; eventName: string }
  /**
   * Unreadable. `eventId` is set when the envelope was readable, so the cursor can still move
   * past the bad event instead of replaying it on every reconnect.
   */
  | { kind: 'invalid'; reason: string; eventId?: string };

/** Classifies one event's `data` (multi-line data already joined with \n) and its name. */
export function parseRequestFrame(data: string, eventName?: string): RequestFrame {
  if (eventName !== undefined && eventName !== '' && eventName !== 'message') {
    return { kind: 'ignored', eventName };
  }
  if (data.trim() === 'done') return { kind: 'done' };
  let envelope: unknown;
  try {
    envelope = JSON.parse(data);
  } catch {
    return { kind: 'invalid', reason: `Not JSON: ${preview(data)}` };
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    return { kind: 'invalid', reason: 'The frame is not a JSON object' };
  }
  const { eventId, data: payload } = envelope as Record<string, unknown>;
  if (typeof eventId !== 'string' || eventId === '') {
    return { kind: 'invalid', reason: 'The frame has no "eventId" string' };
  }
  if (payload === undefined)
    return { kind: 'invalid', reason: 'The frame has no "data" member', eventId };
  const parsed = parseJsonRpc(payload);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.error, eventId };
  return { kind: 'event', eventId, messageKind: parsed.kind, message: parsed.message };
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const EVENT_ID = /^(\d{10,16})-\d+$/;

/**
 * When Dust published an event, read from its `"<Date.now()>-<counter>"` eventId (current
 * `RedisHybridManager.publish`, and Redis stream ids before it), or undefined for any other
 * shape. Only a hint: eventIds are opaque, and Dust's clock is not ours. The approval deadline
 * uses it to shorten, never to lengthen, the wait for a replayed request.
 */
export function eventPublishedAt(eventId: string): number | undefined {
  const match = EVENT_ID.exec(eventId);
  return match ? Number(match[1]) : undefined;
}
