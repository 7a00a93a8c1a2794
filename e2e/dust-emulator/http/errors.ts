import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Dust's error envelope, byte for byte: `{"error":{"type":"…","message":"…"}}`.
 *
 * Mirrors `apiError` in `front-api/middlewares/utils.ts`; nothing else is ever added, so a client
 * that parses more than `type` and `message` is caught by the tests.
 */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  type: string,
  message: string,
  headers?: Record<string, string>,
): Response {
  return c.json({ error: { type, message } }, status, headers);
}

/** A Dust error as a value, for functions that decide before a Context is at hand. */
export interface DustError {
  readonly status: ContentfulStatusCode;
  readonly type: string;
  readonly message: string;
}

export function sendError(c: Context, error: DustError): Response {
  return apiError(c, error.status, error.type, error.message);
}

/** The message every OAuth failure shares (`publicApiAuth`). */
export const NOT_AUTHENTICATED_MESSAGE =
  'The request does not have valid authentication credentials.';
