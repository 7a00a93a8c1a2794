/**
 * Control routes under `/__emulator/` (JSON bodies): the same controls as the in-process API, for
 * scripts, the CLI and tests in other processes. They need no Dust auth, so they refuse any
 * peer that is not loopback and any `Host` that is not a loopback name (DNS rebinding), any
 * request a web page sent (an `Origin` other than the emulator's own), and any body that is not
 * JSON (a cross-site form post cannot send `application/json` without a CORS preflight).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono, MiddlewareHandler } from 'hono';

import type { EmulatorContext } from '../context.js';
import { apiError } from '../http/errors.js';
import { isRecord } from '../values.js';
import { registerAgentControlRoutes } from './agent-routes.js';
import { createControls } from './controls.js';
import { seedsOf } from './seeds.js';

export const CONTROL_PREFIX = '/__emulator';

const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True when both the TCP peer and the Host header are loopback. */
export function isLoopbackRequest(peer: string | undefined, host: string | undefined): boolean {
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return peer !== undefined && LOOPBACK_PEERS.has(peer) && LOOPBACK_HOSTS.has(hostname);
}

const loopbackOnly: MiddlewareHandler = async (c, next) => {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  if (!isLoopbackRequest(peer, c.req.header('host'))) {
    return apiError(c, 403, 'forbidden', 'Emulator control routes are only served to 127.0.0.1.');
  }
  await next();
  return undefined;
};

/** The emulator's own origin, as the request reached it. */
function ownOrigins(c: Context, baseUrl: string): Set<string> {
  return new Set([new URL(baseUrl).origin, `http://${(c.req.header('host') ?? '').toLowerCase()}`]);
}

export function isAllowedControlRequest(
  request: { origin?: string | undefined; contentType?: string | undefined; hasBody: boolean },
  own: Set<string>,
): { ok: true } | { ok: false; status: 403 | 415; message: string } {
  if (request.origin !== undefined && !own.has(request.origin.toLowerCase())) {
    return {
      ok: false,
      status: 403,
      message: `Emulator control routes refuse requests from ${request.origin.slice(0, 100)}: only scripts and the emulator's own pages may use them.`,
    };
  }
  const type = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (
    (type !== undefined && type !== '' && type !== 'application/json') ||
    (request.hasBody && type !== 'application/json')
  ) {
    return {
      ok: false,
      status: 415,
      message: 'Emulator control routes take JSON bodies only (Content-Type: application/json).',
    };
  }
  return { ok: true };
}

function sameOriginJsonOnly(baseUrl: () => string): MiddlewareHandler {
  return async (c, next) => {
    const length = c.req.header('content-length');
    const hasBody =
      (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const verdict = isAllowedControlRequest(
      { origin: c.req.header('origin'), contentType: c.req.header('content-type'), hasBody },
      ownOrigins(c, baseUrl()),
    );
    if (!verdict.ok)
      return apiError(
        c,
        verdict.status,
        verdict.status === 403 ? 'forbidden' : 'invalid_request_error',
        verdict.message,
      );
    await next();
    return undefined;
  };
}

async function json(c: Context): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => ({}));
  return isRecord(body) ? body : {};
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

export function registerControlRoutes(app: Hono, ctx: EmulatorContext): void {
  const controls = createControls(ctx);
  const p = CONTROL_PREFIX;
  app.use(`${p}/*`, loopbackOnly);
  app.use(p, loopbackOnly);
  app.use(
    `${p}/*`,
    sameOriginJsonOnly(() => ctx.baseUrl()),
  );
  app.use(
    p,
    sameOriginJsonOnly(() => ctx.baseUrl()),
  );

  app.get(p, (c) =>
    c.json({
      url: ctx.baseUrl(),
      now: new Date(ctx.clock.now()).toISOString(),
      seeds: seedsOf(ctx),
      registrations: controls.mcp.registrations(),
      faults: controls.faults.snapshot(),
      counters: controls.counters.read(),
      openStreams: ctx.streams.count(),
    }),
  );
  app.get(`${p}/seeds`, (c) => c.json(seedsOf(ctx)));

  app.get(`${p}/clock`, (c) =>
    c.json({
      now: ctx.clock.now(),
      iso: new Date(ctx.clock.now()).toISOString(),
      offsetMs: ctx.clock.offset(),
    }),
  );
  app.post(`${p}/clock/advance`, async (c) => {
    const ms = num((await json(c)).ms);
    if (ms === undefined || ms < 0)
      return apiError(
        c,
        400,
        'invalid_request_error',
        'Body must be {"ms": <non-negative number>}.',
      );
    controls.clock.advance(ms);
    return c.json({ now: ctx.clock.now(), iso: new Date(ctx.clock.now()).toISOString() });
  });

  app.get(`${p}/faults`, (c) => c.json(controls.faults.snapshot()));
  app.put(`${p}/faults`, async (c) => {
    controls.faults.set(await json(c));
    return c.json(controls.faults.snapshot());
  });
  app.delete(`${p}/faults`, (c) => {
    controls.faults.clear();
    return c.json(controls.faults.snapshot());
  });
  app.post(`${p}/faults/status`, async (c) => {
    const body = await json(c);
    const endpoint = str(body.endpoint);
    const status = num(body.status);
    if (endpoint === undefined || status === undefined) {
      return apiError(
        c,
        400,
        'invalid_request_error',
        'Body must be {"endpoint": string, "status": number, "count"?, "retryAfterSeconds"?, "html"?}.',
      );
    }
    const retryAfterSeconds = num(body.retryAfterSeconds);
    controls.faults.injectStatus({
      endpoint,
      status,
      count: num(body.count) ?? 1,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      html: body.html === true,
    });
    return c.json(controls.faults.snapshot());
  });
  app.post(`${p}/faults/stream`, async (c) => {
    controls.faults.armStream(await json(c));
    return c.json(controls.faults.snapshot());
  });
  app.post(`${p}/streams/drop`, async (c) => {
    const body = await json(c);
    const mode = body.mode === 'abort' || body.mode === 'done' ? body.mode : 'close';
    return c.json({ dropped: controls.faults.dropStreams(mode, str(body.kind)) });
  });

  app.get(`${p}/counters`, (c) => c.json(controls.counters.read()));
  app.post(`${p}/counters/reset`, (c) => {
    controls.counters.reset();
    return c.json(controls.counters.read());
  });

  app.post(`${p}/device/:action{approve|deny|expire}`, async (c) => {
    const body = await json(c);
    const userCode = str(body.userCode);
    if (userCode === undefined)
      return apiError(c, 400, 'invalid_request_error', 'Body must be {"userCode": string}.');
    const action = c.req.param('action');
    const ok =
      action === 'approve'
        ? controls.identity.approveDeviceCode(userCode, str(body.userId))
        : action === 'deny'
          ? controls.identity.denyDeviceCode(userCode)
          : controls.identity.expireDeviceCode(userCode);
    return ok
      ? c.json({ success: true })
      : apiError(c, 404, 'device_code_not_found', `No pending device code ${userCode}.`);
  });
  app.post(`${p}/tokens`, async (c) => {
    const body = await json(c);
    const userId = str(body.userId) ?? ctx.identity.seed.users.ada.sId;
    if (!ctx.identity.userBySId(userId))
      return apiError(c, 404, 'user_not_found', `Unknown user ${userId}.`);
    const lifetimeSeconds = num(body.lifetimeSeconds);
    const region = str(body.region);
    return c.json({
      accessToken: controls.identity.mintAccessToken(userId, {
        ...(lifetimeSeconds === undefined ? {} : { lifetimeSeconds }),
        ...(region === undefined ? {} : { region }),
      }),
    });
  });

  app.get(`${p}/mcp/registrations`, (c) => c.json({ registrations: controls.mcp.registrations() }));
  app.get(`${p}/mcp/pending`, (c) =>
    c.json({ events: controls.mcp.pending(c.req.query('serverId') ?? '') }),
  );
  app.post(`${p}/mcp/expire`, async (c) => {
    const serverId = str((await json(c)).serverId) ?? '';
    return c.json({ expired: controls.faults.expireRegistration(serverId) });
  });
  app.post(`${p}/mcp/publish`, async (c) => {
    const body = await json(c);
    const message = body.message;
    if (typeof message !== 'object' || message === null) {
      return apiError(
        c,
        400,
        'invalid_request_error',
        'Body must be {"serverId": string, "message": object}.',
      );
    }
    const event = controls.mcp.publish(
      str(body.serverId) ?? '',
      message as Record<string, unknown>,
    );
    return event
      ? c.json({ event })
      : apiError(c, 404, 'mcp_server_connection_not_found', 'MCP server not registered or expired');
  });

  registerAgentControlRoutes(app, ctx, p);
}
