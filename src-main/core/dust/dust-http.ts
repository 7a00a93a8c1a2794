import type { z } from 'zod';

import { parseRetryAfter } from '../backoff.js';
import { errorMessage } from '../error-message.js';
import type { Clock, HttpClient, HttpRequest, HttpResponse } from '../ports.js';
import {
  DustApiError,
  DustNetworkError,
  DustResponseFormatError,
  parseDustError,
} from './dust-errors.js';
import { SerializedJson } from './result-body.js';

/** Where and as whom to call Dust. */
export interface DustEndpoint {
  /** e.g. https://dust.tt, https://eu.dust.tt, or the emulator's URL. */
  baseUrl: string;
  userAgent: string;
}

/**
 * Supplies bearer tokens. `refreshAfterRejection` is called once when Dust says the token expired;
 * it returns a fresh token, or null when the user must sign in again.
 */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  refreshAfterRejection(rejectedToken: string): Promise<string | null>;
}

const MAX_REDIRECTS = 3;
const TOKEN_ERRORS = new Set(['expired_oauth_token_error', 'invalid_oauth_token_error']);

/**
 * JSON over HTTP to Dust: bearer auth, Dust's error envelope, one refresh on an expired token,
 * and same-origin 307/308 redirects followed with the Authorization header kept (Dust may
 * redirect `/api/v1/…` to `/api/sse/v1/…`); a cross-origin redirect is refused, since it would
 * hand the token to another host.
 */
export class DustHttp {
  /** The base URL without trailing slashes, worked out once (every request starts with it). */
  readonly baseUrl: string;

  constructor(
    private readonly endpoint: DustEndpoint,
    private readonly tokens: AccessTokenSource,
    private readonly http: HttpClient,
    private readonly clock: Clock,
  ) {
    this.baseUrl = endpoint.baseUrl.replace(/\/+$/, '');
  }

  async json<T>(
    method: HttpRequest['method'],
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new DustResponseFormatError(`Dust's answer to ${method} ${path} was not JSON.`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      throw new DustResponseFormatError(
        `Dust's answer to ${method} ${path} had an unexpected shape.`,
      );
    }
    return result.data;
  }

  /**
   * Sends a request; resolves only on 2xx, otherwise throws a typed error. The body is serialised
   * once, whatever the redirects and a token refresh send again.
   */
  async send(method: HttpRequest['method'], path: string, value?: unknown): Promise<HttpResponse> {
    const body = serialise(value);
    const url = this.baseUrl + path;
    let token = await this.tokens.getAccessToken();
    let response = await this.sendFollowingRedirects(method, url, token, body);
    if (response.status === 401) {
      const error = parseDustError(401, await response.text());
      if (!TOKEN_ERRORS.has(error.type)) throw error;
      const fresh = await this.tokens.refreshAfterRejection(token);
      if (!fresh) throw error;
      token = fresh;
      response = await this.sendFollowingRedirects(method, url, token, body);
    }
    if (response.status >= 200 && response.status < 300) return response;
    const retryAfter = parseRetryAfter(response.header('retry-after'), this.clock);
    throw parseDustError(response.status, await response.text(), retryAfter);
  }

  /** One request, then each same-origin redirect; sent in this one function (the hot path). */
  private async sendFollowingRedirects(
    method: HttpRequest['method'],
    url: string,
    token: string,
    body: readonly (string | Uint8Array)[] | undefined,
  ): Promise<HttpResponse> {
    let request: HttpRequest = {
      method,
      url,
      redirect: 'manual',
      timeoutMs: 30_000,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'user-agent': this.endpoint.userAgent,
      },
    };
    if (body !== undefined) {
      if (body.length === 1 && typeof body[0] === 'string') request.body = body[0];
      else request.bodyParts = body;
    }
    for (let hop = 0; ; hop++) {
      let response: HttpResponse;
      try {
        response = await this.http.request(request);
      } catch (error) {
        const reason = errorMessage(error);
        throw new DustNetworkError(`Could not reach Dust at ${origin(request.url)}: ${reason}`);
      }
      if (response.status !== 307 && response.status !== 308) return response;
      const location = response.header('location');
      if (!location || hop >= MAX_REDIRECTS) {
        throw new DustApiError(
          response.status,
          'redirect_error',
          'Dust redirected too many times.',
        );
      }
      const next = resolveUrl(location, request.url);
      if (origin(next) !== origin(request.url)) {
        throw new DustApiError(
          response.status,
          'redirect_error',
          `Refused a redirect to another host (${origin(next)}).`,
        );
      }
      // A new request each hop: an HttpClient may keep the one it was given.
      request = { ...request, url: next };
    }
  }
}

/** The body's text, in one piece unless it came in several (see result-body.ts). */
function serialise(value: unknown): readonly (string | Uint8Array)[] | undefined {
  if (value === undefined) return undefined;
  return value instanceof SerializedJson ? value.parts : [JSON.stringify(value)];
}

function resolveUrl(location: string, base: string): string {
  return new URL(location, base).toString();
}

function origin(url: string): string {
  return new URL(url).origin;
}
