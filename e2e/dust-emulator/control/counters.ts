/**
 * Counters tests read to prove what happened on the wire (registrations, heartbeats, stream
 * connects, results per request id, duplicates, unknown ids, missed initialize budgets…).
 *
 * Names are free-form so the conversation routes can count their own things; the ones this module
 * documents are the MCP ones.
 */
export type CounterName =
  | 'registrations'
  | 'registerRejected'
  | 'heartbeats'
  | 'heartbeatsNotFound'
  | 'deregistrations'
  | 'requestsConnects'
  | 'requestsRejected'
  | 'requestsRedirected'
  | 'results'
  | 'resultsRejected'
  | 'duplicateResults'
  | 'unknownIdResults'
  | 'lateResults'
  | 'published'
  | 'initializeTimeouts'
  | 'listTimeouts'
  | 'callTimeouts'
  | 'cancellationsSent'
  | 'injectedFaults'
  | (string & {});

export interface CounterSnapshot {
  readonly totals: Record<string, number>;
  /** Keyed counters, e.g. `resultsById["mcp_req_…"] = 2`. */
  readonly byKey: Record<string, Record<string, number>>;
}

export class Counters {
  private totals = new Map<string, number>();
  private keyed = new Map<string, Map<string, number>>();

  bump(name: CounterName, by = 1): number {
    const value = (this.totals.get(name) ?? 0) + by;
    this.totals.set(name, value);
    return value;
  }

  bumpKey(name: string, key: string): number {
    const map = this.keyed.get(name) ?? new Map<string, number>();
    const value = (map.get(key) ?? 0) + 1;
    map.set(key, value);
    this.keyed.set(name, map);
    return value;
  }

  get(name: CounterName): number {
    return this.totals.get(name) ?? 0;
  }

  getKey(name: string, key: string): number {
    return this.keyed.get(name)?.get(key) ?? 0;
  }

  snapshot(): CounterSnapshot {
    const byKey: Record<string, Record<string, number>> = {};
    for (const [name, map] of this.keyed) byKey[name] = Object.fromEntries(map);
    return { totals: Object.fromEntries(this.totals), byKey };
  }

  reset(): void {
    this.totals = new Map();
    this.keyed = new Map();
  }
}
