import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';

export function registerMcpRoutes(_app: Hono, _ctx: EmulatorContext): void {}
