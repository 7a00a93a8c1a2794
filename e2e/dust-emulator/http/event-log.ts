/**
 * A generic append-only event log per channel, modelled on Dust's `RedisHybridManager`.
 *
 * Each channel is both a history (a Redis Stream: `XADD`, exclusive `XREAD` cursor, `XDEL`,
 * `EXPIRE 600` refreshed on each publish) and a live pub/sub feed. Ids are `"<ms>-<n>"` like
 * Redis stream ids: `n` restarts at 0 each millisecond, so ids sort by (ms, n) and stay unique.
 * Everything is synchronous, so reading history and subscribing in the same tick can neither lose
 * nor duplicate an event (Dust merges and de-duplicates to get the same guarantee).
 */
export interface LogEvent<T> {
  readonly id: string;
  readonly data: T;
}

/** Where a reader starts: everything still stored, strictly after an id, or live events only. */
export type Cursor =
  | { readonly kind: 'start' }
  | { readonly kind: 'after'; readonly ms: number; readonly seq: number }
  | { readonly kind: 'live' };

const ID_PATTERN = /^(\d+)(?:-(\d+))?$/;

/**
 * Parses a `lastEventId` query value: absent or empty means "from the start"; a value `XREAD`
 * would reject means "no history, live only" (Dust's `getHistory` swallows the error, no 400).
 */
export function parseCursor(raw: string | null | undefined): Cursor {
  if (raw === undefined || raw === null || raw === '') return { kind: 'start' };
  const match = ID_PATTERN.exec(raw);
  if (!match) return { kind: 'live' };
  return { kind: 'after', ms: Number(match[1]), seq: Number(match[2] ?? '0') };
}

function idParts(id: string): [number, number] {
  const [ms = '0', seq = '0'] = id.split('-');
  return [Number(ms), Number(seq)];
}

function isAfter(id: string, cursor: Cursor): boolean {
  if (cursor.kind === 'start') return true;
  if (cursor.kind === 'live') return false;
  const [ms, seq] = idParts(id);
  return ms > cursor.ms || (ms === cursor.ms && seq > cursor.seq);
}

interface Channel<T> {
  events: LogEvent<T>[];
  lastPublishAt: number;
}

export interface EventLogOptions {
  /** Emulated time in ms (the emulator clock). */
  readonly now: () => number;
  /** History lifetime after the last publish; Dust uses `EXPIRE 600`. */
  readonly ttlMs?: number;
}

export class EventLog<T> {
  private readonly channels = new Map<string, Channel<T>>();
  private readonly listeners = new Map<string, Set<(event: LogEvent<T>) => void>>();
  private lastMs = -1;
  private seq = 0;

  constructor(private readonly options: EventLogOptions) {}

  private get ttlMs(): number {
    return this.options.ttlMs ?? 600_000;
  }

  /** The channel's live history, or undefined once its TTL has run out. */
  private channel(name: string): Channel<T> | undefined {
    const channel = this.channels.get(name);
    if (channel && this.options.now() - channel.lastPublishAt >= this.ttlMs) {
      this.channels.delete(name);
      return undefined;
    }
    return channel;
  }

  private nextId(): string {
    const ms = Math.max(Math.floor(this.options.now()), this.lastMs);
    this.seq = ms === this.lastMs ? this.seq + 1 : 0;
    this.lastMs = ms;
    return `${ms}-${this.seq}`;
  }

  /** `XADD` + `EXPIRE` + `PUBLISH`: appends, refreshes the TTL, then notifies live readers. */
  publish(name: string, data: T): LogEvent<T> {
    const event: LogEvent<T> = { id: this.nextId(), data };
    const channel = this.channel(name) ?? { events: [], lastPublishAt: 0 };
    channel.events.push(event);
    channel.lastPublishAt = this.options.now();
    this.channels.set(name, channel);
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener(event);
    return event;
  }

  /** One history page strictly after `cursor`; `hasMore` when the page did not reach the end. */
  read(name: string, cursor: Cursor, limit: number): { events: LogEvent<T>[]; hasMore: boolean } {
    const after = (this.channel(name)?.events ?? []).filter((event) => isAfter(event.id, cursor));
    return { events: after.slice(0, limit), hasMore: after.length > limit };
  }

  /** Live events only; returns the unsubscribe function. */
  subscribe(name: string, listener: (event: LogEvent<T>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(name);
    };
  }

  /** `XDEL` of every stored event matching `predicate`; returns how many went. */
  delete(name: string, predicate: (event: LogEvent<T>) => boolean): number {
    const channel = this.channel(name);
    if (!channel) return 0;
    const before = channel.events.length;
    channel.events = channel.events.filter((event) => !predicate(event));
    return before - channel.events.length;
  }

  /** Stored events (for control routes and assertions). */
  entries(name: string): LogEvent<T>[] {
    return [...(this.channel(name)?.events ?? [])];
  }

  /** Number of live subscribers on a channel. */
  subscriberCount(name: string): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}
