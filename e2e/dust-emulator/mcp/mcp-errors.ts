/** Error answers shared by the MCP routes, with Dust's texts. */
import type { Context } from 'hono';

import { apiError } from '../http/errors.js';

/**
 * What `getNonNullableUser()` throws into Hono's unhandled-error handler (inferred, unconfirmed).
 */
export function keyWithoutUser(c: Context): Response {
  return apiError(
    c,
    500,
    'internal_server_error',
    'Unhandled internal server error: Unexpected unauthenticated call to `getNonNullableUser`.',
  );
}

export const MCP_AUTH_ERROR_MESSAGE = "You don't have access to this MCP server or it has expired.";

/**
 * `MCP_REGISTER_RATE_LIMIT_ERROR` in Dust's client-side registry (read in its code, 2026-12): sent
 * with 429 `rate_limit_error` and no `Retry-After` header.
 */
export const REGISTER_RATE_LIMIT_MESSAGE =
  'Too many MCP server registrations. Please try again later.';
