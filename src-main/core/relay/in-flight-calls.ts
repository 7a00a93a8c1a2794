import type { CancellationTokenSource } from '../cancellation.js';
import { parseDustRequestId } from './dust-request-id.js';
import type { GatedCall } from './relay-ports.js';

interface InFlight {
  id: string | number;
  source: CancellationTokenSource;
  receivedAt: number;
  /** The progress token we gave the local server for this call. */
  progressToken?: string;
  /** Set once the call is known (tool found), for progress and the person's view. */
  call?: GatedCall;
  /** Allowed and sent to the local server (not waiting for a decision any more). */
  forwarded?: boolean;
}

/**
 * The tools/call requests being decided or executed, and the mapping of Dust's cancellations.
 *
 * Dust's `notifications/cancelled` carries the ORIGINAL numeric id (usually 1: each call runs on a
 * new client whose ids restart at 0), not the rewritten `mcp_req_…` id we saw
 * (docs/protocol/client-side-mcp.md#timeouts). So a cancellation matches the calls whose rewritten
 * id ends in that number; when several do, the oldest is the one: Dust's 3-minute timeout hits the
 * oldest call first, and a person stopping a turn stops the calls of that turn, which started
 * before later turns' calls.
 */
export class InFlightCalls {
  private readonly calls = new Map<string, InFlight>();

  get size(): number {
    return this.calls.size;
  }

  has(key: string): boolean {
    return this.calls.has(key);
  }

  add(
    key: string,
    id: string | number,
    source: CancellationTokenSource,
    receivedAt: number,
    progressToken?: string,
  ): void {
    this.calls.set(key, {
      id,
      source,
      receivedAt,
      ...(progressToken === undefined ? {} : { progressToken }),
    });
  }

  /** Remembers what the call is, once the tool is known. */
  describe(key: string, call: GatedCall): void {
    const entry = this.calls.get(key);
    if (entry) entry.call = call;
  }

  /** The call went to the local server: it may now ask the person things about it. */
  markForwarded(key: string): void {
    const entry = this.calls.get(key);
    if (entry) entry.forwarded = true;
  }

  /** The call a local server's progress token belongs to. */
  byProgressToken(token: unknown): GatedCall | undefined {
    if (typeof token !== 'string') return undefined;
    for (const entry of this.calls.values()) if (entry.progressToken === token) return entry.call;
    return undefined;
  }

  /** The calls running on the local server now, oldest first (not those waiting for a decision). */
  running(): Array<{ call: GatedCall; cancellation: CancellationTokenSource['token'] }> {
    return [...this.calls.values()]
      .filter(
        (entry): entry is InFlight & { call: GatedCall } =>
          entry.call !== undefined && entry.forwarded === true,
      )
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .map((entry) => ({ call: entry.call, cancellation: entry.source.token }));
  }

  delete(key: string): void {
    this.calls.delete(key);
  }

  /** Applies a `notifications/cancelled`; returns the id it cancelled, if any. */
  cancelMatching(params: unknown): string | number | undefined {
    const requestId =
      typeof params === 'object' && params !== null
        ? (params as Record<string, unknown>)['requestId']
        : undefined;
    if (typeof requestId !== 'string' && typeof requestId !== 'number') return undefined;
    const candidates = [...this.calls.values()].filter(
      (call) =>
        call.id === requestId ||
        (typeof requestId === 'number' && parseDustRequestId(call.id)?.originalId === requestId),
    );
    const oldest = candidates.sort((a, b) => a.receivedAt - b.receivedAt)[0];
    oldest?.source.cancel();
    return oldest?.id;
  }

  cancelAll(): void {
    for (const call of this.calls.values()) call.source.cancel();
  }
}
