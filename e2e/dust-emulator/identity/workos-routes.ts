/**
 * A fake WorkOS AuthKit for the device flow (docs/protocol/sign-in.md#device-authorization …
 * #refresh, docs/protocol/emulator.md#chat-1):
 * form-encoded bodies, errors as HTTP 400 `{"error","error_description"}`, success bodies with
 * no `expires_in`, single-use rotating refresh tokens, and the JWKS document.
 */
import type { Context, Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { faultGate } from '../control/fault-gate.js';
import { GRANT_ERROR_DESCRIPTIONS, type GrantError } from './device-flow.js';
import { jwks } from './jwt.js';
import type { SeedUser } from './seed.js';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

type OAuthError = GrantError | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type';

function oauthError(c: Context, error: OAuthError, description?: string): Response {
  const text =
    description ??
    (error in GRANT_ERROR_DESCRIPTIONS ? GRANT_ERROR_DESCRIPTIONS[error as GrantError] : error);
  return c.json({ error, error_description: text }, 400);
}

/** WorkOS accepts form bodies (what Dust's CLI sends) and JSON. */
async function readParams(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    const body: unknown = await c.req.json().catch(() => ({}));
    if (typeof body !== 'object' || body === null) return {};
    return Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  }
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

export function registerWorkosRoutes(app: Hono, ctx: EmulatorContext): void {
  const clientId = ctx.options.workos.clientId;

  app.post('/user_management/authorize/device', faultGate(ctx, 'workos.authorize'), async (c) => {
    const params = await readParams(c);
    if (params.client_id !== clientId) return oauthError(c, 'invalid_client', 'Invalid client ID.');
    const grant = ctx.devices.authorize(clientId);
    const verificationUri = ctx.options.workos.verificationUri ?? `${ctx.baseUrl()}/device`;
    return c.json({
      device_code: grant.deviceCode,
      user_code: grant.userCode,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${grant.userCode}`,
      expires_in: grant.expiresIn,
      interval: grant.interval,
    });
  });

  app.post('/user_management/authenticate', faultGate(ctx, 'workos.authenticate'), async (c) => {
    const params = await readParams(c);
    if (params.client_id !== clientId) return oauthError(c, 'invalid_client', 'Invalid client ID.');
    if (params.grant_type === DEVICE_CODE_GRANT) {
      if (!params.device_code) return oauthError(c, 'invalid_request', 'Missing device_code.');
      const poll = ctx.devices.poll(params.device_code, clientId);
      if (!poll.ok) return oauthError(c, poll.error);
      return c.json(tokenResponse(ctx, poll.userSId, ctx.identity.newSessionId()));
    }
    if (params.grant_type === 'refresh_token') {
      const redeemed = params.refresh_token
        ? ctx.devices.redeemRefreshToken(params.refresh_token)
        : undefined;
      if (!redeemed) return oauthError(c, 'invalid_grant');
      return c.json(tokenResponse(ctx, redeemed.userSId, redeemed.sessionId));
    }
    return oauthError(
      c,
      'unsupported_grant_type',
      `Unsupported grant type: ${params.grant_type ?? ''}`,
    );
  });

  app.get('/sso/jwks/:clientId', (c) =>
    c.req.param('clientId') === clientId ? c.json(jwks()) : c.json({ message: 'Not found' }, 404),
  );

  /** Where `verification_uri` points: a page a human (or test) can read the code on. */
  app.get('/device', (c) =>
    c.html(
      `<html><body><p>Dust emulator: approve a code with POST /__emulator/device/approve {"userCode":"${c.req.query('user_code') ?? ''}"}</p></body></html>`,
    ),
  );
}

function workosUser(user: SeedUser): Record<string, unknown> {
  const created = new Date(user.createdAt).toISOString();
  return {
    object: 'user',
    id: user.workosId,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    email_verified: true,
    profile_picture_url: null,
    created_at: created,
    updated_at: created,
  };
}

/** WorkOS `authenticate` response: no `expires_in`; the lifetime is the JWT `exp`. */
function tokenResponse(
  ctx: EmulatorContext,
  userSId: string,
  sessionId: string,
): Record<string, unknown> {
  const user = ctx.identity.userBySId(userSId);
  if (!user) throw new Error(`emulator: unknown user ${userSId}`);
  return {
    user: workosUser(user),
    organization_id: ctx.identity.homeWorkspace(user)?.organizationId ?? null,
    access_token: ctx.identity.mintAccessToken(userSId, { sessionId }),
    refresh_token: ctx.devices.issueRefreshToken(userSId, sessionId),
    authentication_method: 'GoogleOAuth',
  };
}
