/**
 * Route-side authentication: resolves the bearer token for `/api/v1/w/{wId}/…` or answers with
 * Dust's error envelope (docs/protocol/client-side-mcp.md#error-envelope).
 */
import type { Context } from 'hono';

import type { EmulatorContext } from '../context.js';
import type { Principal } from '../identity/identity.js';
import { apiError, sendError } from './errors.js';

/** Dust documents no texts for these two refusals; ours say what happened. */
export const MAINTENANCE_MESSAGE = 'The workspace is under maintenance. Please try again later.';
export const API_DISALLOWED_MESSAGE = "The workspace's plan does not allow API access.";

export function authenticate(c: Context, ctx: EmulatorContext): Principal | Response {
  const outcome = ctx.identity.authenticate(
    c.req.header('authorization'),
    c.req.param('wId') ?? '',
  );
  if (!outcome.ok) return sendError(c, outcome.error);
  switch (ctx.faults.settings.workspaceMode) {
    case 'maintenance':
      return apiError(c, 503, 'service_unavailable', MAINTENANCE_MESSAGE);
    case 'api_disallowed':
      return apiError(c, 403, 'workspace_can_use_product_required_error', API_DISALLOWED_MESSAGE);
    case 'normal':
      return outcome.principal;
  }
}
