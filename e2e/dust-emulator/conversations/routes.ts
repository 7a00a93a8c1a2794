/**
 * The conversation API and its event streams (dust-protocol.md §8 point 30,
 * dust-conversations-auth.md §4 points 7–19), mounted by server.ts.
 */
import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { registerActionRoutes } from './action-routes.js';
import { registerConversationControlRoutes } from './control-routes.js';
import { registerPostRoutes } from './post-routes.js';
import { registerStreamRoutes } from './stream-routes.js';

export function registerConversationRoutes(app: Hono, ctx: EmulatorContext): void {
  registerConversationControlRoutes(app, ctx);
  registerPostRoutes(app, ctx);
  registerStreamRoutes(app, ctx);
  registerActionRoutes(app, ctx);
}
