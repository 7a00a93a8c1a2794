/** Error answers shared by the MCP routes, with Dust's texts. */
import type { Context } from 'hono';

import { apiError } from '../http/errors.js';

/** What `getNonNullableUser()` throws into Hono's unhandled-error handler (inferred, unconfirmed). */
export function keyWithoutUser(c: Context): Response {
  return apiError(
    c,
    500,
    'internal_server_error',
    'Unhandled internal server error: Unexpected unauthenticated call to `getNonNullableUser`.',
  );
}

export const MCP_AUTH_ERROR_MESSAGE = "You don't have access to this MCP server or it has expired.";

/** Dust's text is unconfirmed (dust-protocol.md §9); this one says what happened. */
export const REGISTER_RATE_LIMIT_MESSAGE =
  'You have reached the maximum number of MCP server registrations per minute. Please try again later.';
