import { EventSource, type EventSourceFetchInit } from 'eventsource';

import type { IDisposable } from '../core/lifecycle.js';
import type { EventStreamHandlers, EventStreamOptions, EventStreams } from '../core/ports.js';

const MAX_REDIRECTS = 3;

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
 */
export class EventSourceStreams implements EventStreams {
  constructor(private readonly fetchImpl: typeof fetch = globalThis.fetch) {}

  open(options: EventStreamOptions, handlers: EventStreamHandlers): IDisposable {
    const fetchImpl = this.fetchImpl;
    const source = new EventSource(options.url(), {
      fetch: (_input, init) => fetchFollowingSameOrigin(fetchImpl, options, init),
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
