/**
 * Makes sure one Dust request is executed at most once.
 *
 * Replays happen: a reconnect without a cursor gets every unanswered request again, and a
 * request can come back under a different `eventId` (dust-protocol.md §1.3, §2). Remembering
 * eventIds catches plain replays; remembering request ids catches the rest, because Dust's
 * rewritten ids (`mcp_req_…`, §3.3) are unique per request. Both memories are bounded (least
 * recently seen forgotten first) so a long-running app does not grow without limit.
 */
import type { JsonRpcAnyMessage, JsonRpcId } from '../jsonrpc.js';

export type DedupeVerdict =
  | { admit: true }
  | { admit: false; reason: 'duplicate_event' | 'duplicate_request' };

export interface EventDedupeOptions {
  maxEventIds?: number;
  maxRequestIds?: number;
}

/** A set that forgets its least recently touched member when full (Map keeps insertion order). */
export class LruSet<T> {
  private readonly items = new Map<T, true>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('LruSet capacity must be ≥ 1');
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

/** "1" and 1 are different ids on the wire, so they get different keys. */
function requestKey(id: JsonRpcId): string {
  return `${typeof id}:${String(id)}`;
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
    const id = 'method' in message && 'id' in message ? message.id : undefined;
    const seenRequest = id !== undefined && this.requestIds.touch(requestKey(id));
    if (seenEvent) return { admit: false, reason: 'duplicate_event' };
    if (seenRequest) return { admit: false, reason: 'duplicate_request' };
    return { admit: true };
  }

  /** Whether a request with this id was admitted (compared exactly, never coerced). */
  hasExecuted(id: JsonRpcId): boolean {
    return this.requestIds.has(requestKey(id));
  }
}
