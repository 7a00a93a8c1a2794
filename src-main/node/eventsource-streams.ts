import { EventSource, type EventSourceFetchInit } from 'eventsource';

import type { IDisposable } from '../core/lifecycle.js';
import type { EventStreamHandlers, EventStreamOptions, EventStreams } from '../core/ports.js';

const MAX_REDIRECTS = 3;

/**
 * The longest SSE line we hold: above Dust's 16 MiB tool-result limit, far below what a stream
 * that never sends a newline would make us buffer (300 MB was seen before this cap).
 */
export const MAX_SSE_LINE_BYTES = 20 * 1024 * 1024;

/**
 * EventStreams on the `eventsource` package.
 *
 * - The auth header goes through the package's `fetch` option, built fresh on every connect.
 * - The URL is also recomputed on every connect (ours and the library's own reconnects), so the
 *   `lastEventId` cursor in the query is always the latest: Dust sends no `id:` lines, the cursor
 *   lives in the JSON, so the library's Last-Event-ID mechanism cannot carry it.
 * - Redirects are followed by hand: same-origin 307/308 only, keeping Authorization; anything
 *   else is handed back as a non-200 so the token never goes to another host.
 * - On any error the source is closed and the error reported: the core's connection state
 *   machine owns reconnect timing (immediate first, then jittered backoff), not the library.
 * - A line longer than `maxLineBytes` ends the stream with that reason (the core logs it and
 *   reconnects as after any stream error).
 */
export class EventSourceStreams implements EventStreams {
  constructor(
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
    private readonly maxLineBytes = MAX_SSE_LINE_BYTES,
  ) {}

  open(options: EventStreamOptions, handlers: EventStreamHandlers): IDisposable {
    const { fetchImpl, maxLineBytes } = this;
    const source = new EventSource(options.url(), {
      fetch: async (_input, init) =>
        capLines(await fetchFollowingSameOrigin(fetchImpl, options, init), maxLineBytes),
    });
    let closed = false;
    source.onopen = () => {
      if (!closed) handlers.onOpen();
    };
    source.onmessage = (event) => {
      if (!closed) handlers.onMessage(String(event.data), undefined);
    };
    source.onerror = (event) => {
      if (closed) return;
      closed = true;
      source.close();
      handlers.onError({
        ...(event.code === undefined ? {} : { status: event.code }),
        message: event.message ?? 'The event stream ended.',
      });
    };
    return {
      dispose: () => {
        closed = true;
        source.close();
      },
    };
  }
}

async function fetchFollowingSameOrigin(
  fetchImpl: typeof fetch,
  options: EventStreamOptions,
  init: EventSourceFetchInit,
): Promise<Response> {
  let url = options.url();
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(url, {
      signal: init.signal as AbortSignal,
      headers: { ...init.headers, ...options.headers() },
      redirect: 'manual',
    });
    if (response.status !== 307 && response.status !== 308) return response;
    const location = response.headers.get('location');
    if (!location || hop >= MAX_REDIRECTS) return response;
    const next = new URL(location, url);
    if (next.origin !== new URL(url).origin) return response;
    await response.body?.cancel();
    url = next.toString();
  }
}

/** The response with its body cut (as a stream error) once one line passes `maxBytes`. */
function capLines(response: Response, maxBytes: number): Response {
  if (!response.ok || !response.body) return response;
  let lineBytes = 0;
  const cap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      // SSE lines end with LF, CR or CRLF; only the bytes after the last one still grow a line.
      let last = -1;
      for (let i = chunk.length - 1; i >= 0; i--) {
        if (chunk[i] === 0x0a || chunk[i] === 0x0d) {
          last = i;
          break;
        }
      }
      lineBytes = last === -1 ? lineBytes + chunk.length : chunk.length - last - 1;
      if (lineBytes > maxBytes) {
        controller.error(
          new Error(
            `Dust sent a line longer than ${Math.round(maxBytes / 1024 / 1024)} MB without ending it; the stream was closed`,
          ),
        );
        return;
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(cap), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
