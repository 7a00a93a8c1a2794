/**
 * The conversation API and its event streams (docs/protocol/emulator.md#mcp-30,
 * #chat-7 … #chat-19), mounted by server.ts.
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
