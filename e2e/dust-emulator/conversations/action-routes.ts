/**
 * Approvals and cancellation: `validate-action`, `actions/blocked` and `cancel`
 * (docs/protocol/conversations.md#validate-action, #blocked-actions, #cancel;
 * docs/protocol/emulator.md#chat-13, #chat-14, #chat-18).
 */
import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { faultGate } from '../control/fault-gate.js';
import { authenticate } from '../http/auth.js';
import { apiError } from '../http/errors.js';
import { isRecord } from '../values.js';
import { findConversation, readJson } from './http-helpers.js';
import { conversationsOf } from './state.js';

const BASE = '/api/v1/w/:wId/assistant/conversations/:cId';
const DECISIONS = new Set(['approved', 'rejected', 'always_approved']);

export function registerActionRoutes(app: Hono, ctx: EmulatorContext): void {
  const service = conversationsOf(ctx);

  app.post(
    `${BASE}/messages/:mId/validate-action`,
    faultGate(ctx, 'validate-action'),
    async (c) => {
      const principal = authenticate(c, ctx);
      if (principal instanceof Response) return principal;
      const found = findConversation(c, service);
      if (!found.ok) return found.response;
      const read = await readJson(c);
      if (!read.ok) return read.response;
      const body = isRecord(read.body) ? read.body : {};
      if (typeof body.actionId !== 'string') {
        return apiError(
          c,
          400,
          'invalid_request_error',
          'Invalid request body: Validation error: Required at "actionId"',
        );
      }
      if (typeof body.approved !== 'string' || !DECISIONS.has(body.approved)) {
        return apiError(
          c,
          400,
          'invalid_request_error',
          'Invalid request body: Validation error: Invalid enum value at "approved"',
        );
      }
      const message = service.store.message(found.conversation, c.req.param('mId'));
      const action =
        message?.type === 'agent_message'
          ? message.actions.find((a) => a.sId === body.actionId)
          : undefined;
      const outcome = service.approvals.validate(
        body.actionId,
        c.req.param('mId'),
        principal.kind === 'user' ? principal.user.sId : null,
        body.approved as 'approved' | 'rejected' | 'always_approved',
        action?.status ?? null,
      );
      if (outcome.kind === 'error')
        return apiError(c, outcome.status, outcome.type, outcome.message);
      return c.json({ success: true });
    },
  );

  app.get(`${BASE}/actions/blocked`, faultGate(ctx, 'actions-blocked'), (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const found = findConversation(c, service);
    if (!found.ok) return found.response;
    const blockedActions = service.approvals.blockedFor(found.conversation.sId).map((blocked) => ({
      actionId: blocked.actionId,
      messageId: blocked.messageId,
      conversationId: blocked.conversationId,
      status: 'blocked_validation_required',
      inputs: structuredClone(blocked.inputs),
      stake: 'low',
      metadata: {
        toolName: blocked.toolName,
        mcpServerName: blocked.serverName,
        agentName: 'agent',
        mcpServerId: blocked.serverId,
        mcpServerDisplayName: blocked.serverName,
      },
      argumentsRequiringApproval: [],
    }));
    return c.json({ blockedActions });
  });

  app.post(`${BASE}/cancel`, faultGate(ctx, 'cancel'), async (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const found = findConversation(c, service);
    if (!found.ok) return found.response;
    const read = await readJson(c);
    if (!read.ok) return read.response;
    const ids = isRecord(read.body) ? read.body.messageIds : undefined;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return apiError(
        c,
        400,
        'invalid_request_error',
        'Invalid request body: Validation error: Required at "messageIds"',
      );
    }
    service.cancel(found.conversation, ids);
    return c.json({ success: true });
  });
}
