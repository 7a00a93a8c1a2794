/**
 * Typed errors for Dust API calls, from Dust's envelope `{"error":{"type","message"}}`.
 *
 * `retryable` says whether trying again later can help (5xx, 429, network trouble); auth and
 * validation errors are never retried blindly.
 */
export class DustApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** From a `Retry-After` header, when Dust sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DustApiError';
  }

  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** No answer at all: network down, DNS, timeout, connection reset. */
export class DustNetworkError extends Error {
  readonly retryable = true;

  constructor(message: string) {
    super(message);
    this.name = 'DustNetworkError';
  }
}

/** A 2xx whose body is not what Dust documents. */
export class DustResponseFormatError extends Error {
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'DustResponseFormatError';
  }
}

export function isRetryable(error: unknown): boolean {
  return (error instanceof DustApiError || error instanceof DustNetworkError) && error.retryable;
}

/** Parses Dust's error envelope; falls back to the status line when the body is not one. */
export function parseDustError(status: number, body: string, retryAfterMs?: number): DustApiError {
  try {
    const parsed = JSON.parse(body) as { error?: { type?: unknown; message?: unknown } };
    const type = parsed.error?.type;
    const message = parsed.error?.message;
    if (typeof type === 'string') {
      return new DustApiError(
        status,
        type,
        typeof message === 'string' ? message : type,
        retryAfterMs,
      );
    }
  } catch {
    // Not JSON: a proxy page or an empty body.
  }
  return new DustApiError(status, `http_${status}`, `Dust answered HTTP ${status}.`, retryAfterMs);
}
