/**
 * Agent configurations, spaces and MCP server views
 * (docs/protocol/conversations.md#agent-configurations,
 * #spaces; docs/protocol/client-side-mcp.md#server-views; docs/protocol/emulator.md#chat-5, #chat-6,
 * #mcp-31 … #mcp-33).
 */
import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { faultGate } from '../control/fault-gate.js';
import { authenticate } from '../http/auth.js';
import { apiError } from '../http/errors.js';
import type { Principal } from '../identity/identity.js';
import {
  AGENT_VIEWS,
  agentsForView,
  type AgentView,
  toLightAgentConfiguration,
} from './agent-configurations.js';
import {
  canReadSpace,
  parseKinds,
  toServerViewJson,
  toSpaceJson,
  viewsForSpace,
} from './spaces.js';
import { catalogueOf } from './state.js';

const BASE = '/api/v1/w/:wId';

/** The caller's user sId, or null for a workspace API key. */
export function userSIdOf(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.user.sId : null;
}

/** Mounted by server.ts; the catalogue itself lives in state.ts, one per emulator. */
export function registerCatalogueRoutes(app: Hono, ctx: EmulatorContext): void {
  const catalogue = catalogueOf(ctx);
  app.get(`${BASE}/assistant/agent_configurations`, faultGate(ctx, 'agent_configurations'), (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const userSId = userSIdOf(principal);
    const raw = c.req.query('view');
    const view = raw === undefined || raw === '' ? (userSId === null ? 'all' : 'list') : raw;
    if (!(AGENT_VIEWS as readonly string[]).includes(view)) {
      return apiError(
        c,
        400,
        'invalid_request_error',
        `Invalid query parameters: Validation error: Invalid enum value at "view"`,
      );
    }
    if ((view === 'list' || view === 'favorites') && userSId === null) {
      return apiError(
        c,
        401,
        'invalid_request_error',
        `The user must be authenticated with oAuth to retrieve ${view} agents.`,
      );
    }
    if (view === 'all_unrestricted' && !(principal.kind === 'user' && principal.role === 'admin')) {
      return apiError(
        c,
        403,
        'app_auth_error',
        'Only workspace administrators can retrieve all_unrestricted agents.',
      );
    }
    const withAuthors = c.req.query('withAuthors') === 'true';
    const agentConfigurations = agentsForView(catalogue.agents, view as AgentView, userSId).map(
      (agent) => ({
        ...toLightAgentConfiguration(agent, userSId),
        ...(withAuthors ? { lastAuthors: agent.scope === 'global' ? [] : ['Ada Lovelace'] } : {}),
      }),
    );
    return c.json({ agentConfigurations });
  });

  app.get(`${BASE}/spaces`, faultGate(ctx, 'spaces'), (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const userSId = userSIdOf(principal);
    const kinds = parseKinds(c.req.query('kinds'));
    const spaces = catalogue.spaces
      .filter((space) => kinds.has(space.kind) && canReadSpace(space, userSId))
      .map(toSpaceJson);
    return c.json({ spaces });
  });

  app.get(`${BASE}/spaces/:spaceId/mcp_server_views`, faultGate(ctx, 'mcp_server_views'), (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const includeAuto = c.req.query('includeAuto');
    if (includeAuto !== undefined && includeAuto !== 'true' && includeAuto !== 'false') {
      return apiError(
        c,
        400,
        'invalid_request_error',
        'Invalid query parameters: Validation error: Invalid enum value at "includeAuto"',
      );
    }
    const space = catalogue.spaces.find((s) => s.sId === c.req.param('spaceId'));
    if (space === undefined || !canReadSpace(space, userSIdOf(principal))) {
      return apiError(c, 404, 'space_not_found', 'The space you requested was not found.');
    }
    const serverViews = viewsForSpace(catalogue.serverViews, space.sId, includeAuto === 'true').map(
      toServerViewJson,
    );
    return c.json({ success: true, serverViews });
  });
}
