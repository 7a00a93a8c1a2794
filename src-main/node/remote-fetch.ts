/**
 * The fetch a remote MCP server's transport uses: global fetch, plus what we need to know and
 * enforce that the SDK's transports do not do themselves.
 *
 * - Size: one message may be at most 16 MiB, the most Dust accepts for a tool result
 *   (docs/protocol/client-side-mcp.md#results-size). A JSON answer counts whole; an event stream
 *   counts per event (a long-lived stream carries many), so a server cannot fill our memory.
 * - What went wrong, for words: the last network error (its `cause.code`: ENOTFOUND,
 *   ECONNREFUSED, a TLS code…) and the last answer's status and `WWW-Authenticate`. The SDK
 *   wraps both into texts that lose them.
 * - Redirects are left to the SDK, which follows them only within the URL's origin.
 */

/** Dust's cap on a tool result (and the MCP SDK's default max message size). */
export const MAX_REMOTE_MESSAGE_BYTES = 16 * 1024 * 1024;

export class MessageTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`a message larger than ${Math.round(limit / (1024 * 1024))} MiB`);
    this.name = 'MessageTooLargeError';
  }
}

export interface RemoteFetchRecord {
  /** The last error fetch threw (no answer arrived). */
  networkError?: unknown;
  /** The last answer that was not a success. */
  failedStatus?: number;
  wwwAuthenticate?: string;
  location?: string;
  /** Set to the limit once a message went over it. */
  tooLarge?: number;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function createRemoteFetch(limit = MAX_REMOTE_MESSAGE_BYTES): {
  fetch: typeof fetch;
  record: RemoteFetchRecord;
} {
  const record: RemoteFetchRecord = {};
  const remoteFetch: typeof fetch = async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      record.networkError = error;
      throw error;
    }
    if (!response.ok) {
      record.failedStatus = response.status;
      record.wwwAuthenticate = response.headers.get('www-authenticate') ?? undefined;
      record.location = response.headers.get('location') ?? undefined;
    }
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) return response;
    const perEvent = (response.headers.get('content-type') ?? '')
      .toLowerCase()
      .includes('text/event-stream');
    const body = response.body.pipeThrough(
      sizeLimit(limit, perEvent, () => (record.tooLarge = limit)),
    );
    const capped = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // The SDK reads `url` to name a redirect target; a constructed Response has none.
    Object.defineProperty(capped, 'url', { value: response.url });
    return capped;
  };
  return { fetch: remoteFetch, record };
}

/** Errors the stream once more than `limit` bytes arrive (per event for an event stream). */
function sizeLimit(
  limit: number,
  perEvent: boolean,
  onExceeded: () => void,
): TransformStream<Uint8Array, Uint8Array> {
  let count = 0;
  return new TransformStream({
    transform(chunk, controller) {
      const boundary = perEvent ? lastEventBoundary(chunk) : -1;
      count = boundary >= 0 ? chunk.byteLength - boundary : count + chunk.byteLength;
      if (count > limit) {
        onExceeded();
        controller.error(new MessageTooLargeError(limit));
        return;
      }
      controller.enqueue(chunk);
    },
  });
}

/** The index just after the last blank line (`\n\n` or `\n\r\n`) in the chunk, or -1. */
function lastEventBoundary(chunk: Uint8Array): number {
  for (let i = chunk.byteLength - 1; i >= 1; i--) {
    if (chunk[i] !== 10) continue;
    if (chunk[i - 1] === 10) return i + 1;
    if (i >= 2 && chunk[i - 1] === 13 && chunk[i - 2] === 10) return i + 1;
  }
  return -1;
}
