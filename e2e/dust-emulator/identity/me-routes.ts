/**
 * `GET /api/v1/me` (`front-api/routes/v1/me.ts`, middleware `tokenAuth`): OAuth bearer only, so
 * an `sk-` key is 401 `not_authenticated` (docs/protocol/sign-in.md#workspaces).
 */
import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { faultGate } from '../control/fault-gate.js';
import { apiError, NOT_AUTHENTICATED_MESSAGE, sendError } from '../http/errors.js';
import type { SeedUser } from './seed.js';

export function registerMeRoutes(app: Hono, ctx: EmulatorContext): void {
  app.get('/api/v1/me', faultGate(ctx, 'me'), (c) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (token === undefined || token.startsWith('sk-')) {
      return apiError(c, 401, 'not_authenticated', NOT_AUTHENTICATED_MESSAGE);
    }
    const resolved = ctx.identity.resolveOAuthUser(token);
    if (!resolved.ok) return sendError(c, resolved.error);
    const extension = c.req.header('x-request-origin') === 'extension';
    return c.json({ user: meBody(ctx, resolved.user, resolved.orgId, extension) });
  });
}

function meBody(
  ctx: EmulatorContext,
  user: SeedUser,
  orgId: string,
  extension: boolean,
): Record<string, unknown> {
  const memberships = ctx.identity.membershipsOf(user.sId);
  const workspaces = memberships.flatMap((m) => {
    const w = ctx.identity.workspace(m.workspaceSId);
    if (!w) return [];
    return [
      {
        id: w.id,
        sId: w.sId,
        name: w.name,
        role: m.role,
        segmentation: null,
        whiteListedProviders: null,
        defaultEmbeddingProvider: null,
        regionalModelsOnly: false,
        ssoEnforced: false,
        // `x-request-origin: extension` adds the workspace's blacklisted domains.
        ...(extension ? { blacklistedDomains: null } : {}),
      },
    ];
  });
  const organizations = memberships.flatMap((m) => {
    const w = ctx.identity.workspace(m.workspaceSId);
    return w
      ? [
          {
            id: w.organizationId,
            name: w.name,
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-01-01T00:00:00.000Z',
            externalId: null,
            metadata: {},
          },
        ]
      : [];
  });
  const selected = ctx.identity.seed.workspaces.find(
    (w) => w.organizationId === orgId && memberships.some((m) => m.workspaceSId === w.sId),
  );
  return {
    sId: user.sId,
    id: user.id,
    createdAt: user.createdAt,
    provider: user.provider,
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: user.fullName,
    image: null,
    workspaces,
    organizations,
    ...(selected ? { selectedWorkspace: selected.sId } : {}),
  };
}
