/**
 * The client-side MCP endpoints of Dust's public API (docs/protocol/client-side-mcp.md#register
 * … #results): register,
 * heartbeat, results, deregister, and the requests SSE (in `requests-route.ts`). Order of checks
 * follows the Hono handlers: auth, then validation, then the API-key rule, then the logic.
 */
import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { faultGate } from '../control/fault-gate.js';
import { authenticate } from '../http/auth.js';
import { apiError } from '../http/errors.js';
import { validBody } from '../http/validate.js';
import type { Principal } from '../identity/identity.js';
import {
  keyWithoutUser,
  MCP_AUTH_ERROR_MESSAGE,
  REGISTER_RATE_LIMIT_MESSAGE,
} from './mcp-errors.js';
import { registerRequestsRoutes } from './requests-route.js';

export const BASE = '/api/v1/w/:wId/mcp';

const iso = (ms: number): string => new Date(ms).toISOString();

export function registerMcpRoutes(app: Hono, ctx: EmulatorContext): void {
  const { registry, hub } = ctx.mcp;
  const addressOf = (p: Extract<Principal, { kind: 'user' }>, serverId: string) => ({
    workspaceSId: p.workspace.sId,
    userSId: p.user.sId,
    serverId,
  });

  app.post(`${BASE}/register`, faultGate(ctx, 'register'), async (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const body = await validBody<{ serverName: string }>(c, {
      serverName: { kind: 'string', min: 5, max: 30 },
    });
    if (!body.ok) return body.response;
    if (principal.kind === 'key') {
      ctx.counters.bump('registerRejected');
      return apiError(
        c,
        403,
        'invalid_request_error',
        'API keys are not allowed to register MCP servers.',
      );
    }
    const limit = ctx.faults.settings.registerRateLimitPerMinute;
    if (!registry.allowRegistration(principal.user.sId, limit)) {
      ctx.counters.bump('registerRejected');
      return apiError(c, 429, 'rate_limit_error', REGISTER_RATE_LIMIT_MESSAGE);
    }
    const registration = registry.register(
      principal.workspace.sId,
      principal.user.sId,
      body.value.serverName,
    );
    ctx.counters.bump('registrations');
    return c.json({ expiresAt: iso(registration.expiresAt), serverId: registration.serverId });
  });

  app.post(`${BASE}/heartbeat`, faultGate(ctx, 'heartbeat'), async (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const body = await validBody<{ serverId: string }>(c, { serverId: { kind: 'string' } });
    if (!body.ok) return body.response;
    if (principal.kind === 'key') return keyWithoutUser(c);
    const registration = registry.heartbeat(
      principal.workspace.sId,
      principal.user.sId,
      body.value.serverId,
    );
    if (!registration) {
      ctx.counters.bump('heartbeatsNotFound');
      if (ctx.faults.settings.heartbeatVariant === 'private') return c.json({ success: false });
      return apiError(
        c,
        404,
        'mcp_server_connection_not_found',
        'MCP server not registered or expired',
      );
    }
    ctx.counters.bump('heartbeats');
    return c.json({ success: true, expiresAt: iso(registration.expiresAt) });
  });

  app.post(`${BASE}/results`, faultGate(ctx, 'results'), async (c) => {
    const raw = await c.req.text();
    const limit = ctx.faults.settings.resultsBodyLimitBytes;
    if (limit !== null && Buffer.byteLength(raw) > limit) {
      ctx.counters.bump('resultsRejected');
      return apiError(c, 413, 'content_too_large', 'Request body too large.');
    }
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const body = await validBody<{ serverId: string; result?: unknown }>(
      c,
      { serverId: { kind: 'string' }, result: { kind: 'unknown' } },
      raw,
    );
    if (!body.ok) return body.response;
    if (principal.kind === 'key') return keyWithoutUser(c);
    if (!registry.touch(principal.workspace.sId, principal.user.sId, body.value.serverId)) {
      ctx.counters.bump('resultsRejected');
      return apiError(c, 403, 'mcp_auth_error', MCP_AUTH_ERROR_MESSAGE);
    }
    hub.postResult(addressOf(principal, body.value.serverId), body.value.result);
    return c.json({ success: true });
  });

  app.post(`${BASE}/deregister`, faultGate(ctx, 'deregister'), async (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const body = await validBody<{ serverId: string }>(c, { serverId: { kind: 'string' } });
    if (!body.ok) return body.response;
    if (principal.kind === 'key') return keyWithoutUser(c);
    registry.deregister(principal.workspace.sId, principal.user.sId, body.value.serverId);
    ctx.counters.bump('deregistrations');
    return c.json({ success: true });
  });

  registerRequestsRoutes(app, ctx);
}
