/**
 * Route-side authentication: resolves the bearer token for `/api/v1/w/{wId}/…` or answers with
 * Dust's error envelope (dust-protocol.md §1.0).
 */
import type { Context } from 'hono';

import type { EmulatorContext } from '../context.js';
import type { Principal } from '../identity/identity.js';
import { sendError } from './errors.js';

export function authenticate(c: Context, ctx: EmulatorContext): Principal | Response {
  const outcome = ctx.identity.authenticate(c.req.header('authorization'), c.req.param('wId') ?? '');
  return outcome.ok ? outcome.principal : sendError(c, outcome.error);
}
