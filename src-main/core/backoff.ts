/**
 * Jittered exponential backoff, after Signal's `BackOff` (randomness injected "for testing").
 *
 * Jitter spreads the reconnects of many servers (and many users) after a Dust outage, so they do
 * not all hit `register` in the same second; `full` jitter spreads most, `equal` jitter keeps at
 * least half the base delay. See the AWS Architecture Blog, "Exponential Backoff And Jitter".
 */
import type { Clock, Random } from './ports.js';

export type JitterKind = 'full' | 'equal' | 'none';

export interface BackoffOptions {
  /** The base delay of the first (non-immediate) retry. */
  initialMs: number;
  /** The base delay never grows past this, and no jittered delay exceeds it. */
  maxMs: number;
  /** Growth per attempt; 2 unless said otherwise. */
  factor?: number;
  jitter?: JitterKind;
  /**
   * Makes attempt 0 return 0: a dropped stream is reopened at once (Dust waits only 5 s for
   * `initialize`, docs/protocol/client-side-mcp.md#stream-gaps), and only repeated failures wait.
   */
  immediateFirst?: boolean;
}

/**
 * The delay before retry number `attempt` (0 = the first retry after the first failure).
 *
 * Pure: the same `random` values give the same delays.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: Pick<Random, 'next'>,
): number {
  const { initialMs, maxMs, factor = 2, jitter = 'full', immediateFirst = false } = options;
  if (attempt < 0 || !Number.isFinite(attempt))
    throw new RangeError(`Invalid backoff attempt: ${attempt}`);
  if (immediateFirst && attempt === 0) return 0;
  const exponent = immediateFirst ? attempt - 1 : attempt;
  const base = Math.min(maxMs, initialMs * factor ** exponent);
  switch (jitter) {
    case 'none':
      return Math.round(base);
    case 'full':
      return Math.floor(random.next() * base);
    case 'equal':
      return Math.floor(base / 2 + random.next() * (base / 2));
  }
}

/** A counter over `backoffDelay`: `next()` after each failure, `reset()` after a success. */
export class Backoff {
  private attemptCount = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: Pick<Random, 'next'>,
  ) {}

  /** How many delays were handed out since the last reset. */
  get attempt(): number {
    return this.attemptCount;
  }

  next(): number {
    return backoffDelay(this.attemptCount++, this.options, this.random);
  }

  reset(): void {
    this.attemptCount = 0;
  }
}

const SECONDS = /^\s*(\d+)\s*$/;
const MONTH = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;
/** asctime() has no zone; HTTP says it is GMT, but `Date.parse` would read it as local time. */
const ASCTIME = /^\s*[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}\s*$/;

/**
 * The wait a `Retry-After` header asks for, in ms from `clock.now()`, or undefined if absent or
 * unreadable.
 *
 * RFC 9110 §10.2.3: either delay-seconds or an HTTP-date (IMF-fixdate, RFC 850 or asctime). A
 * date in the past means "now" (0). Bare numbers are never read as dates (`Date.parse('120')` is
 * the year 120).
 */
export function parseRetryAfter(
  header: string | null | undefined,
  clock: Clock,
): number | undefined {
  if (header === null || header === undefined) return undefined;
  const seconds = SECONDS.exec(header);
  if (seconds) return Number(seconds[1]) * 1000;
  if (!MONTH.test(header)) return undefined;
  const text = ASCTIME.test(header) ? `${header.trim()} GMT` : header;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - clock.now());
}

/**
 * The delay to use: the server's `Retry-After` when it gave a readable one, else the backoff.
 *
 * The server's wish wins even when shorter (it knows its limits), but is capped at `capMs` so a
 * bogus header cannot park a connection for hours.
 */
export function delayWithRetryAfter(
  backoffMs: number,
  retryAfterHeader: string | null | undefined,
  clock: Clock,
  capMs = 10 * 60_000,
): number {
  const requested = parseRetryAfter(retryAfterHeader, clock);
  return requested === undefined ? backoffMs : Math.min(requested, capMs);
}
