/**
 * Makes sure one Dust request is executed at most once.
 *
 * Replays happen: a reconnect without a cursor gets every unanswered request again, and a request
 * can come back under a different `eventId` (docs/protocol/client-side-mcp.md#resume,
 * #stream-gaps). Remembering eventIds catches plain replays; remembering requests catches the rest.
 * A request is identified by its id *and* its method and params: Dust's current ids (`mcp_req_…`,
 * docs/protocol/client-side-mcp.md#request-ids) are unique, but older ones embedded `Date.now()`,
 * so two parallel calls made in the same millisecond could share an id, and dropping the second
 * would leave Dust waiting 3 minutes. A true replay is the very same message. Both memories are
 * bounded (least recently seen forgotten first).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

import type { JsonRpcAnyMessage, JsonRpcRequest } from '../jsonrpc.js';
import { canonicalJson } from '../policy/canonical-json.js';

export type DedupeVerdict =
  { admit: true } | { admit: false; reason: 'duplicate_event' | 'duplicate_request' };

export interface EventDedupeOptions {
  maxEventIds?: number;
  maxRequestIds?: number;
}

/** A set that forgets its least recently touched member when full (Map keeps insertion order). */
export class LruSet<T> {
  private readonly items = new Map<T, true>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('LruSet capacity must be ≥ 1');
  }

  get size(): number {
    return this.items.size;
  }

  has(value: T): boolean {
    return this.items.has(value);
  }

  /** Adds or refreshes `value`; returns whether it was already there. */
  touch(value: T): boolean {
    const had = this.items.delete(value);
    this.items.set(value, true);
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    return had;
  }
}

/** "1" and 1 are different ids on the wire, so the id's type is part of the key. */
function requestKey(request: JsonRpcRequest): string {
  const params = bytesToHex(sha256(utf8ToBytes(canonicalJson(request.params ?? null))));
  return `${typeof request.id}:${String(request.id)}\u0000${request.method}\u0000${params}`;
}

export class EventDedupe {
  private readonly eventIds: LruSet<string>;
  private readonly requestIds: LruSet<string>;

  constructor(options: EventDedupeOptions = {}) {
    this.eventIds = new LruSet(options.maxEventIds ?? 10_000);
    this.requestIds = new LruSet(options.maxRequestIds ?? 10_000);
  }

  /**
   * Records the event and says whether to act on it.
   *
   * Requests are remembered by id on admission, i.e. when execution starts: a replay arriving
   * while the first copy still waits for approval must not start a second one.
   */
  admit(eventId: string, message: JsonRpcAnyMessage): DedupeVerdict {
    const seenEvent = this.eventIds.touch(eventId);
    const seenRequest = isRequest(message) && this.requestIds.touch(requestKey(message));
    if (seenEvent) return { admit: false, reason: 'duplicate_event' };
    if (seenRequest) return { admit: false, reason: 'duplicate_request' };
    return { admit: true };
  }

  /** Whether this request (same id, method and params) was admitted. */
  hasExecuted(request: JsonRpcRequest): boolean {
    return this.requestIds.has(requestKey(request));
  }
}

function isRequest(message: JsonRpcAnyMessage): message is JsonRpcRequest {
  return 'method' in message && 'id' in message;
}
