import {
  Agent as HttpAgent,
  type IncomingMessage,
  request as httpRequest,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';

import { errorMessage } from '../core/error-message.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../core/ports.js';

/**
 * HttpClient on Node's HTTP stack.
 *
 * `redirect: 'manual'` requests (every Dust API call: DustHttp follows same-origin redirects
 * itself) go through node:http with a keep-alive agent. Under load that is what the relay does most
 * (one `/mcp/results` POST per answer), and undici's `fetch` costs far more per request there: a
 * Request, an AbortSignal and web streams each time were about a third of the relay's CPU profile
 * (bench/, the relay benchmarks: docs/benchmarks.md). Other requests keep `fetch`, which follows
 * redirects.
 *
 * Either way, the core's CancellationToken and `timeoutMs` abort the request, and the timeout
 * also covers a server that sends headers and then stalls; timers are released once the body
 * has been read or the request failed.
 */
/** The longest a kept-alive socket idles before we close it (shorter when the server says so). */
const IDLE_SOCKET_MS = 30_000;

export class NodeHttpClient implements HttpClient {
  /**
   * An idle kept-alive socket is closed by us before the server closes it: Node's agent honours
   * a server's `Keep-Alive: timeout=N` hint (closing at N − 1 s) only when it has a `timeout` of
   * its own, and without that a POST after a quiet spell can race the server's close and fail
   * with ECONNRESET (then wait for the result poster's retry). Active requests keep their own
   * deadlines (`timeoutMs`); this timeout only ever ends sockets that sit in the free pool.
   */
  private readonly httpAgent = new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  private readonly targets = new TargetCache();

  request(request: HttpRequest): Promise<HttpResponse> {
    return request.redirect === 'manual' ? this.viaNodeHttp(request) : this.viaFetch(request);
  }

  private viaNodeHttp(request: HttpRequest): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      let target: ParsedTarget;
      try {
        target = this.targets.parse(request.url);
      } catch (error) {
        reject(describeNetworkError(request, error));
        return;
      }
      const headers: Record<string, string> = { ...request.headers };
      const body = bodyToSend(request);
      if (
        body !== undefined &&
        !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')
      ) {
        headers['content-length'] = String(bodyBytes(body));
      }
      const req = (target.secure ? httpsRequest : httpRequest)({
        ...target.options,
        method: request.method,
        headers,
        agent: target.secure ? this.httpsAgent : this.httpAgent,
      });
      const cleanups: Array<() => void> = [];
      const release = () => cleanups.splice(0).forEach((fn) => fn());
      let aborted: Error | undefined;
      let responded = false;
      let failBody: (error: Error) => void = () => undefined;
      const fail = (error: Error) => {
        release();
        if (responded) failBody(aborted ?? error);
        else reject(aborted ?? describeNetworkError(request, error));
      };
      const abort = (reason: Error) => {
        if (aborted) return;
        aborted = reason;
        req.destroy(reason);
      };
      if (request.cancellation) {
        const subscription = request.cancellation.onCancelled(() =>
          abort(new HttpAbortedError('The request was cancelled.')),
        );
        cleanups.push(() => subscription.dispose());
      }
      if (request.timeoutMs !== undefined) {
        const timeoutMs = request.timeoutMs;
        const timer = setTimeout(
          () => abort(new HttpAbortedError(`No answer within ${timeoutMs} ms.`)),
          timeoutMs,
        );
        timer.unref();
        cleanups.push(() => clearTimeout(timer));
      }
      req.on('error', fail);
      req.on('response', (res: IncomingMessage) => {
        responded = true;
        const chunks: Buffer[] = [];
        const body = new Promise<string>((resolveBody, rejectBody) => {
          failBody = rejectBody;
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            release();
            resolveBody(Buffer.concat(chunks).toString('utf8'));
          });
          res.on('error', fail);
          res.on('close', () => {
            if (!res.complete)
              fail(new Error('The connection closed before the answer was complete.'));
          });
        });
        // Read at once either way (frees the socket); a caller that never asks is not an error.
        body.catch(() => undefined);
        resolve({
          status: res.statusCode ?? 0,
          header: (name) => headerValue(res, name),
          text: () => body,
        });
      });
      if (request.cancellation?.isCancelled)
        abort(new HttpAbortedError('The request was cancelled.'));
      if (Array.isArray(body)) {
        // Pieces go out one after the other: no joined copy of a large result.
        for (const part of body) req.write(part);
        req.end();
      } else req.end(body);
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
  secure: boolean;
  options: RequestOptions;
}

/**
 * Parsed request URLs, by URL text. The relay posts every answer to the same `/mcp/results`
 * URL, and parsing it (WHATWG URL, then `urlToHttpOptions`) on each POST showed in the profile.
 * Bounded: forgotten all at once when full (Dust API URLs are few; query strings vary rarely).
 */
class TargetCache {
  private readonly parsed = new Map<string, ParsedTarget>();

  parse(text: string): ParsedTarget {
    const known = this.parsed.get(text);
    if (known) return known;
    const url = new URL(text);
    const target = { secure: url.protocol === 'https:', options: urlToHttpOptions(url) };
    if (this.parsed.size >= 100) this.parsed.clear();
    this.parsed.set(text, target);
    return target;
  }
}

function headerValue(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name.toLowerCase()];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/** Raised when the caller cancelled or the timeout elapsed (as opposed to a network failure). */
export class HttpAbortedError extends Error {
  override readonly name = 'HttpAbortedError';
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

/** Above this, a body is sent as bytes (see bodyToSend). */
const LARGE_BODY_CHARS = 64 * 1024;

/**
 * A large body goes out as one Buffer: Node's http glues a string body to the header text (a
 * second copy of the whole body) and the socket then encodes that into a third. A 16 MiB tool
 * result cost 48 MiB that way; as bytes it costs the one copy here. Small bodies stay strings,
 * which Node writes together with the headers in one go.
 */
function bodyToSend(request: HttpRequest): string | Buffer | Buffer[] | undefined {
  if (request.bodyParts) return request.bodyParts.map(toBuffer);
  const body = request.body;
  return body !== undefined && body.length > LARGE_BODY_CHARS ? Buffer.from(body, 'utf8') : body;
}

/** Bytes are sent as they are (a view, no copy); text is encoded. */
function toBuffer(part: string | Uint8Array): Buffer {
  return typeof part === 'string'
    ? Buffer.from(part, 'utf8')
    : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
}

function bodyBytes(body: string | Buffer | Buffer[]): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (Buffer.isBuffer(body)) return body.length;
  return body.reduce((total, part) => total + part.length, 0);
}
