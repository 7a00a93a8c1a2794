/**
 * The request hub: one `EventLog` channel per registration carrying the JSON-RPC messages Dust's
 * MCP client sends (`w:{wId}:u:{userSId}:mcp:{serverId}`), and the routing of posted results
 * back to whoever waits for a given rewritten id (`publishMCPResults`,
 * docs/protocol/client-side-mcp.md#results, #result-routing).
 */
import type { EmulatorClock } from '../clock.js';
import type { Counters } from '../control/counters.js';
import { EventLog, type LogEvent } from '../http/event-log.js';

export type JsonRpcMessage = Record<string, unknown>;

export interface ServerAddress {
  readonly workspaceSId: string;
  readonly userSId: string;
  readonly serverId: string;
}

export const channelOf = (a: ServerAddress): string =>
  `w:${a.workspaceSId}:u:${a.userSId}:mcp:${a.serverId}`;

const hasId = (message: unknown): boolean =>
  typeof message === 'object' &&
  message !== null &&
  'id' in message &&
  (message as JsonRpcMessage).id !== undefined;

/**
 * Benchmark hook (bench/): one request answered, with `performance.now()` at its publish and at
 * the `/results` POST that answered it. Only the benchmark sets it; unset, the hub keeps nothing.
 */
export type TimingObserver = (sample: {
  serverId: string;
  id: string;
  method: string;
  publishedAt: number;
  resultAt: number;
}) => void;

export class RequestHub {
  readonly log: EventLog<JsonRpcMessage>;
  timingObserver: TimingObserver | undefined;
  private readonly publishTimes = new Map<string, { method: string; at: number }>();
  private readonly waiters = new Map<string, (response: JsonRpcMessage) => void>();
  private readonly issued = new Set<string>();
  private readonly answered = new Set<string>();

  constructor(
    clock: EmulatorClock,
    private readonly counters: Counters,
    logTtlMs: number,
    private readonly strict: () => boolean,
    private readonly warn: (line: string) => void,
  ) {
    this.log = new EventLog<JsonRpcMessage>({ now: () => clock.now(), ttlMs: logTtlMs });
  }

  /** `XADD` + `PUBLISH` of one message on the registration's request stream. */
  publish(address: ServerAddress, message: JsonRpcMessage): LogEvent<JsonRpcMessage> {
    this.counters.bump('published');
    if (
      this.timingObserver &&
      typeof message.id === 'string' &&
      typeof message.method === 'string'
    ) {
      this.publishTimes.set(`${channelOf(address)}|${message.id}`, {
        method: message.method,
        at: performance.now(),
      });
    }
    return this.log.publish(channelOf(address), message);
  }

  /**
   * Waits for the response with exactly this rewritten id on this server's results channel
   * (strict routing, PR #22798). Returns a function that stops waiting (client gave up or closed).
   */
  expect(
    address: ServerAddress,
    id: string,
    onResponse: (response: JsonRpcMessage) => void,
  ): () => void {
    const k = `${channelOf(address)}|${id}`;
    this.issued.add(k);
    this.waiters.set(k, onResponse);
    return () => this.waiters.delete(k);
  }

  /**
   * A posted `/mcp/results`: route it, count it, then `XDEL` the answered request and every
   * notification from the request stream. Never fails: unknown and late ids are dropped.
   */
  postResult(address: ServerAddress, result: unknown): void {
    const channel = channelOf(address);
    this.counters.bump('results');
    const id = hasId(result) ? (result as JsonRpcMessage).id : undefined;
    if (typeof id === 'string' || typeof id === 'number') {
      const idText = String(id);
      if (this.counters.bumpKey('resultsById', idText) > 1) this.counters.bump('duplicateResults');
      const k = `${channel}|${idText}`;
      const waiter = typeof id === 'string' ? this.waiters.get(k) : undefined;
      if (waiter) {
        this.observeTiming(k, idText, address.serverId);
        this.waiters.delete(k);
        this.answered.add(k);
        waiter(result as JsonRpcMessage);
      } else if (this.answered.has(k)) {
        // Already counted as a duplicate above.
      } else if (this.issued.has(k)) {
        this.counters.bump('lateResults');
      } else {
        this.counters.bump('unknownIdResults');
        if (this.strict())
          this.warn(
            `emulator STRICT: result for unknown id ${JSON.stringify(id)} on ${address.serverId}`,
          );
      }
    } else {
      this.counters.bump('resultNotifications');
    }
    this.log.delete(
      channel,
      (event) => !hasId(event.data) || (id !== undefined && event.data.id === id),
    );
  }

  private observeTiming(k: string, id: string, serverId: string): void {
    const published = this.publishTimes.get(k);
    if (!published) return;
    this.publishTimes.delete(k);
    this.timingObserver?.({
      serverId,
      id,
      method: published.method,
      publishedAt: published.at,
      resultAt: performance.now(),
    });
  }

  /** Stored (unanswered) messages of one registration. */
  pending(address: ServerAddress): Array<LogEvent<JsonRpcMessage>> {
    return this.log.entries(channelOf(address));
  }
}
