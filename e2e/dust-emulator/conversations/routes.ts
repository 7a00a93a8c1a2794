/**
 * The conversation API and message/conversation event streams (dust-protocol.md §8 point 30,
 * dust-conversations-auth.md §4 points 5–19). Owned by E2; this stub only exists so the server
 * can mount it from day one.
 */
import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';

export function registerConversationRoutes(_app: Hono, _ctx: EmulatorContext): void {}
