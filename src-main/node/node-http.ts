import type { Dispatcher } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';

import { errorMessage } from '../core/error-message.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../core/ports.js';
import { HttpAbortedError, HttpExchange } from './http-exchange.js';

export { HttpAbortedError };

/**
 * HttpClient on Node's HTTP stack.
 *
 * `redirect: 'manual'` requests (every Dust API call: DustHttp follows same-origin redirects
 * itself) go through undici's dispatcher API with keep-alive connections. Under load that is what
 * the relay does most (one `/mcp/results` POST per answer), and the cost per request decides the
 * relay's CPU: `fetch` (a Request, an AbortSignal and web streams each time) was about a third of
 * the relay's CPU profile, and node:http's ClientRequest (agent bookkeeping, header assembly,
 * IncomingMessage stream) about a fifth; undici's `dispatch`, with the body collected by a plain
 * handler (http-exchange.ts), costs less than half of node:http per request (the relay benchmarks:
 * docs/benchmarks.md). Other requests keep `fetch`, which follows redirects.
 *
 * Either way, the core's CancellationToken and `timeoutMs` abort the request, and the timeout
 * also covers a server that sends headers and then stalls; timers are released once the body
 * has been read or the request failed.
 */
/** The longest a kept-alive socket idles before we close it (shorter when the server says so). */
const IDLE_SOCKET_MS = 30_000;

export class NodeHttpClient implements HttpClient {
  /**
   * One pool of kept-alive connections per origin. An idle one is closed by us before the server
   * closes it: a server's `Keep-Alive: timeout=N` hint is honoured (closing at N − 1 s, as Node's
   * agent does), else after IDLE_SOCKET_MS; a POST after a quiet spell would otherwise race the
   * server's close and fail with a reset (then wait for the result poster's retry). undici's
   * own header and body deadlines are off: `timeoutMs` is the request's one deadline, as with
   * fetch.
   */
  private readonly dispatcher = new Agent({
    keepAliveTimeout: IDLE_SOCKET_MS,
    keepAliveMaxTimeout: IDLE_SOCKET_MS,
    keepAliveTimeoutThreshold: 1_000,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  private readonly targets = new TargetCache();

  request(request: HttpRequest): Promise<HttpResponse> {
    return request.redirect === 'manual' ? this.viaUndici(request) : this.viaFetch(request);
  }

  private viaUndici(request: HttpRequest): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      let target: ParsedTarget;
      try {
        target = this.targets.parse(request.url);
      } catch (error) {
        reject(describeNetworkError(request, error));
        return;
      }
      const exchange = new HttpExchange(request, resolve, reject, (error) =>
        describeNetworkError(request, error),
      );
      exchange.start(this.dispatcher, dispatchOptions(request, target));
    });
  }

  private async viaFetch(request: HttpRequest): Promise<HttpResponse> {
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
        body: request.bodyParts
          ? Buffer.concat(request.bodyParts.map(toBuffer))
          : (request.body ?? null),
        redirect: request.redirect ?? 'follow',
        signal: controller.signal,
      });
    } catch (error) {
      release();
      throw controller.signal.aborted
        ? controller.signal.reason
        : describeNetworkError(request, error);
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

interface ParsedTarget {
  origin: string;
  path: string;
}

/**
 * Parsed request URLs, by URL text. The relay posts every answer to the same `/mcp/results`
 * URL, and parsing it (WHATWG URL) on each POST showed in the profile. Bounded: forgotten all at
 * once when full (Dust API URLs are few; query strings vary rarely).
 */
class TargetCache {
  private readonly parsed = new Map<string, ParsedTarget>();

  parse(text: string): ParsedTarget {
    const known = this.parsed.get(text);
    if (known) return known;
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`Unsupported protocol ${url.protocol}`);
    const target = { origin: url.origin, path: `${url.pathname}${url.search}` };
    if (this.parsed.size >= 100) this.parsed.clear();
    this.parsed.set(text, target);
    return target;
  }
}

/**
 * A text body goes as it is (undici encodes it once and counts its bytes); pieces go one after the
 * other, each written when the socket has room, with their total length: no joined copy of a
 * large result.
 */
function dispatchOptions(request: HttpRequest, target: ParsedTarget): Dispatcher.DispatchOptions {
  const { method, headers, bodyParts } = request;
  if (!bodyParts)
    return { origin: target.origin, path: target.path, method, headers, body: request.body };
  const parts = bodyParts.map(toBuffer);
  // A caller's own Content-Length stands (a second one is refused as a duplicate).
  const hasLength = Object.keys(headers ?? {}).some((k) => k.toLowerCase() === 'content-length');
  return {
    origin: target.origin,
    path: target.path,
    method,
    headers: hasLength ? headers : { ...headers, 'content-length': String(byteLength(parts)) },
    // undici takes any iterable of chunks (the type leaves it out).
    body: parts as unknown as Dispatcher.DispatchOptions['body'],
  };
}

/** undici says only "fetch failed"; the cause (ECONNREFUSED, ENOTFOUND…) is what a person needs. */
function describeNetworkError(request: HttpRequest, error: unknown): Error {
  const cause =
    error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = errorMessage(error);
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

/** Bytes are sent as they are (a view, no copy); text is encoded. */
function toBuffer(part: string | Uint8Array): Buffer {
  return typeof part === 'string'
    ? Buffer.from(part, 'utf8')
    : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
}

function byteLength(parts: readonly Buffer[]): number {
  return parts.reduce((total, part) => total + part.length, 0);
}
