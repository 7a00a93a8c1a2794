/**
 * Starts the emulator: one Hono app (Dust's own API is Hono) served by @hono/node-server on
 * 127.0.0.1 only. Route modules each own a slice of the API and are mounted here.
 */
import type { AddressInfo } from 'node:net';

import { serve } from '@hono/node-server';
import { Hono } from 'hono';

import { registerCatalogueRoutes } from './catalogue/routes.js';
import { createContext, type EmulatorContext } from './context.js';
import { createControls, type EmulatorControls } from './control/controls.js';
import { registerControlRoutes } from './control/routes.js';
import { type EmulatorSeeds, seedsOf } from './control/seeds.js';
import { registerConversationRoutes } from './conversations/routes.js';
import { apiError } from './http/errors.js';
import { registerMeRoutes } from './identity/me-routes.js';
import { registerWorkosRoutes } from './identity/workos-routes.js';
import type { AgentMcpClient } from './mcp/agent-types.js';
import { registerMcpRoutes } from './mcp/routes.js';
import { type EmulatorOptions, resolveOptions } from './options.js';

export type { EmulatorSeeds } from './control/seeds.js';
export type { EmulatorOptions } from './options.js';

export interface RunningEmulator extends EmulatorControls {
  readonly url: string;
  readonly port: number;
  readonly seeds: EmulatorSeeds;
  readonly agent: AgentMcpClient;
  /** The live state, for assertions beyond the control API. */
  readonly context: EmulatorContext;
  /** Ends open streams with `data: done` (server shutdown), then stops listening. */
  close(): Promise<void>;
}

export function createApp(ctx: EmulatorContext): Hono {
  const app = new Hono();
  app.onError((error, c) =>
    apiError(c, 500, 'internal_server_error', `Unhandled internal server error: ${error.message}`),
  );
  registerControlRoutes(app, ctx);
  registerWorkosRoutes(app, ctx);
  registerMeRoutes(app, ctx);
  registerMcpRoutes(app, ctx);
  registerCatalogueRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
  return app;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const ctx = createContext(resolved);
  const app = createApp(ctx);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve, reject) => {
      const s = serve(
        { fetch: app.fetch, port: resolved.port, hostname: '127.0.0.1' },
        (info: AddressInfo) => resolve({ server: s, port: info.port }),
      );
      s.once('error', reject);
    },
  );
  const url = `http://127.0.0.1:${port}`;
  ctx.setBaseUrl(url);
  const seeds = seedsOf(ctx);
  let closed: Promise<void> | undefined;
  return {
    ...createControls(ctx),
    url,
    port,
    seeds,
    agent: ctx.agent,
    context: ctx,
    close() {
      closed ??= new Promise<void>((resolve) => {
        ctx.streams.endAll('done');
        ctx.clock.dispose();
        server.close(() => resolve());
        // Let the final `data: done` chunks flush, then drop idle keep-alive sockets; force the
        // rest.
        if ('closeIdleConnections' in server) {
          setImmediate(() => server.closeIdleConnections());
          setTimeout(() => server.closeAllConnections(), 200).unref();
        }
      });
      return closed;
    },
  };
}
