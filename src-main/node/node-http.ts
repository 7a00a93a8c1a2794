import type { HttpClient, HttpRequest, HttpResponse } from '../core/ports.js';

/**
 * HttpClient on the global `fetch` (undici).
 *
 * The core's CancellationToken and `timeoutMs` both become one AbortSignal. The signal stays
 * attached while the body is read, so a timeout also covers a server that sends headers and then
 * stalls; the timer is released once the body has been read or the request failed.
 */
export class NodeHttpClient implements HttpClient {
  async request(request: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController();
    const cleanups: Array<() => void> = [];
    const release = () => cleanups.splice(0).forEach((fn) => fn());

    if (request.cancellation) {
      const subscription = request.cancellation.onCancelled(() =>
        controller.abort(new HttpAbortedError('The request was cancelled.')),
      );
      cleanups.push(() => subscription.dispose());
    }
    if (request.timeoutMs !== undefined) {
      const timeoutMs = request.timeoutMs;
      const timer = setTimeout(
        () => controller.abort(new HttpAbortedError(`No answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      timer.unref();
      cleanups.push(() => clearTimeout(timer));
    }

    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers ?? {},
        body: request.body ?? null,
        redirect: request.redirect ?? 'follow',
        signal: controller.signal,
      });
    } catch (error) {
      release();
      throw controller.signal.aborted ? controller.signal.reason : describeNetworkError(request, error);
    }

    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: async () => {
        try {
          return await response.text();
        } catch (error) {
          throw controller.signal.aborted ? controller.signal.reason : error;
        } finally {
          release();
        }
      },
    };
  }
}

/** Raised when the caller cancelled or the timeout elapsed (as opposed to a network failure). */
export class HttpAbortedError extends Error {
  override readonly name = 'HttpAbortedError';
}

/** undici says only "fetch failed"; the cause (ECONNREFUSED, ENOTFOUND…) is what a person needs. */
function describeNetworkError(request: HttpRequest, error: unknown): Error {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const host = safeHost(request.url);
  return new Error(`Could not reach ${host}: ${cause ?? message}`, { cause: error });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
