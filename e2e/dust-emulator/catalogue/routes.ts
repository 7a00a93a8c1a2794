/**
 * Agents, spaces and mcp_server_views (dust-protocol.md §8 points 31–33). Owned by E2; this stub
 * only exists so the server can mount it from day one.
 */
import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';

export function registerCatalogueRoutes(_app: Hono, _ctx: EmulatorContext): void {}
