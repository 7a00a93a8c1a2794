/**
 * Applies per-endpoint delays and injected statuses before a route runs. Route modules call
 * `faultGate(ctx, 'register')` as a Hono middleware; the conversation routes can do the same with
 * their names.
 */
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

import type { EmulatorContext } from '../context.js';
import { apiError } from '../http/errors.js';
import type { EndpointName } from './faults.js';

const TYPES: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Injected by the emulator.'],
  403: ['invalid_request_error', 'Injected by the emulator.'],
  408: ['request_timeout', 'Injected by the emulator.'],
  413: ['content_too_large', 'Request body too large.'],
  429: ['rate_limit_error', 'Too many requests, injected by the emulator.'],
  503: ['service_unavailable', 'Injected by the emulator.'],
};

export function faultGate(ctx: EmulatorContext, endpoint: EndpointName): MiddlewareHandler {
  return async (c, next) => {
    const delay = ctx.faults.settings.delaysMs[endpoint] ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const injection = ctx.faults.takeStatus(endpoint);
    if (!injection) {
      await next();
      return;
    }
    ctx.counters.bump('injectedFaults');
    const headers: Record<string, string> = {};
    if (injection.retryAfterSeconds !== undefined)
      headers['Retry-After'] = String(injection.retryAfterSeconds);
    const status = injection.status as ContentfulStatusCode;
    if (injection.html) {
      return c.html(`<html><body><h1>${injection.status}</h1></body></html>`, status, headers);
    }
    const [type, message] = TYPES[injection.status] ?? [
      'internal_server_error',
      'Unhandled internal server error: injected by the emulator.',
    ];
    return apiError(c, status, type, message, headers);
  };
}
