/**
 * `GET /api/v1/w/{wId}/mcp/requests` and its `/api/sse/v1/…` twin
 * (docs/protocol/client-side-mcp.md#requests-stream): checks before any stream byte (400 without
 * `serverId`, 403 JSON for an unknown registration), a TTL refresh, then the registration's request
 * log as SSE with `data: done` endings. In 307 mode the v1 path only redirects, keeping the query.
 */
import type { Context, Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { faultGate } from '../control/fault-gate.js';
import { authenticate } from '../http/auth.js';
import { apiError } from '../http/errors.js';
import { parseCursor, socketDestroyer, streamLog } from '../http/sse.js';
import { validQuery } from '../http/validate.js';
import { channelOf } from './hub.js';
import { keyWithoutUser, MCP_AUTH_ERROR_MESSAGE } from './mcp-errors.js';

export function registerRequestsRoutes(app: Hono, ctx: EmulatorContext): void {
  const serve = (c: Context): Response => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const query = validQuery<{ serverId: string; lastEventId?: string }>(c, {
      serverId: { kind: 'string' },
      lastEventId: { kind: 'string', optional: true },
    });
    if (!query.ok) return query.response;
    if (principal.kind === 'key') return keyWithoutUser(c);
    const { serverId, lastEventId } = query.value;
    if (!ctx.mcp.registry.touch(principal.workspace.sId, principal.user.sId, serverId)) {
      ctx.counters.bump('requestsRejected');
      return apiError(c, 403, 'mcp_auth_error', MCP_AUTH_ERROR_MESSAGE);
    }
    ctx.counters.bump('requestsConnects');
    const settings = ctx.faults.settings;
    return streamLog({
      log: ctx.mcp.hub.log,
      channel: channelOf({
        workspaceSId: principal.workspace.sId,
        userSId: principal.user.sId,
        serverId,
      }),
      cursor: parseCursor(lastEventId),
      clock: ctx.clock,
      registry: ctx.streams,
      kind: 'mcp-requests',
      handshake: settings.handshake,
      pageSize: settings.historyPageSize,
      idleMs: settings.idleCloseMs,
      writeDone: true,
      doneAfterHandshake: ctx.faults.takeDoneAfterHandshake(),
      beforeFrame: () => ctx.faults.takeFrameAction(),
      destroy: socketDestroyer(c),
    });
  };

  app.get('/api/v1/w/:wId/mcp/requests', faultGate(ctx, 'requests'), (c) => {
    if (ctx.faults.settings.redirectRequests307) {
      ctx.counters.bump('requestsRedirected');
      const url = new URL(c.req.url);
      return c.redirect(`/api/sse/v1/w/${c.req.param('wId')}/mcp/requests${url.search}`, 307);
    }
    return serve(c);
  });
  app.get('/api/sse/v1/w/:wId/mcp/requests', faultGate(ctx, 'requests'), serve);
}
