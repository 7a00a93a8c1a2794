/**
 * Control routes that drive the fake Dust agent: `POST /__emulator/agent/list-tools` and
 * `/agent/call-tool`. Body: `{serverId, conversationId?, messageId?}` (+ `toolName`,
 * `arguments`, `timeoutMs?` for calls); workspace and user come from the registration.
 */
import { randomBytes } from 'node:crypto';

import type { Context, Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { apiError } from '../http/errors.js';

/** A Dust-like 10-character sId. */
const sId = (): string => randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10);

export function registerAgentControlRoutes(app: Hono, ctx: EmulatorContext, prefix: string): void {
  const target = async (c: Context) => {
    const body: unknown = await c.req.json().catch(() => ({}));
    const record =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const serverId = typeof record.serverId === 'string' ? record.serverId : '';
    const registration = ctx.mcp.registry.findByServerId(serverId);
    if (!registration) return { record, input: undefined };
    return {
      record,
      input: {
        workspaceId: registration.workspaceSId,
        userId: registration.userSId,
        serverId,
        conversationId: typeof record.conversationId === 'string' ? record.conversationId : sId(),
        messageId: typeof record.messageId === 'string' ? record.messageId : sId(),
      },
    };
  };
  const notFound = (c: Context): Response =>
    apiError(c, 404, 'mcp_server_connection_not_found', 'MCP server not registered or expired');

  app.get(`${prefix}/agent/options`, (c) => c.json(ctx.agentOptions()));
  app.put(`${prefix}/agent/options`, async (c) => {
    const body: unknown = await c.req.json().catch(() => ({}));
    if (typeof body === 'object' && body !== null) ctx.setAgentOptions(body);
    return c.json(ctx.agentOptions());
  });

  app.post(`${prefix}/agent/list-tools`, async (c) => {
    const { input } = await target(c);
    return input ? c.json(await ctx.agent.listTools(input)) : notFound(c);
  });

  app.post(`${prefix}/agent/call-tool`, async (c) => {
    const { record, input } = await target(c);
    if (!input) return notFound(c);
    if (typeof record.toolName !== 'string') {
      return apiError(c, 400, 'invalid_request_error', 'Body must include "toolName".');
    }
    const args =
      typeof record.arguments === 'object' && record.arguments !== null ? record.arguments : {};
    const outcome = await ctx.agent.callTool({
      ...input,
      toolName: record.toolName,
      arguments: args as Record<string, unknown>,
      ...(typeof record.timeoutMs === 'number' ? { timeoutMs: record.timeoutMs } : {}),
    });
    return c.json(outcome);
  });
}
