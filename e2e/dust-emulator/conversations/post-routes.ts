/**
 * Creating conversations, posting messages and reading a conversation
 * (docs/protocol/conversations.md#create-conversation, #post-message;
 * docs/protocol/emulator.md#chat-7 … #chat-9).
 */
import type { Hono } from 'hono';

import { catalogueOf } from '../catalogue/state.js';
import type { EmulatorContext } from '../context.js';
import { faultGate } from '../control/fault-gate.js';
import { authenticate } from '../http/auth.js';
import { apiError, sendError } from '../http/errors.js';
import { isRecord } from '../values.js';
import { findConversation, readJson } from './http-helpers.js';
import { toConversationJson } from './model.js';
import { post, type PostingDeps, precheck } from './posting.js';
import { conversationsOf } from './state.js';
import { checkConversationFields, parseMessage, parseOptions } from './validation.js';

const BASE = '/api/v1/w/:wId/assistant/conversations';

export function registerPostRoutes(app: Hono, ctx: EmulatorContext): void {
  const service = conversationsOf(ctx);
  const deps: PostingDeps = { service, registry: ctx.mcp.registry, catalogue: catalogueOf(ctx) };
  const bad = (c: Parameters<typeof apiError>[0], message: string): Response =>
    apiError(c, 400, 'invalid_request_error', message);
  /** Dust's `getConversationRoute` is opaque to clients; this keeps the web-app shape. */
  const baseUrl = (): string => ctx.baseUrl();

  app.post(BASE, faultGate(ctx, 'conversations.create'), async (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const read = await readJson(c);
    if (!read.ok) return read.response;
    const body = isRecord(read.body) ? read.body : {};
    const fields = checkConversationFields(body);
    if (!fields.ok) return bad(c, fields.message);
    const { visibility } = fields.value;
    const options = parseOptions(body);
    if (!options.ok) return bad(c, options.message);
    const message =
      body.message === undefined || body.message === null
        ? null
        : parseMessage(body.message, 'message');
    if (message && !message.ok) return apiError(c, 400, message.type, message.message);
    const posted = message?.value ?? null;
    const spaceId = typeof body.spaceId === 'string' ? body.spaceId : undefined;
    const checked = precheck(deps, principal, posted, 'conversations', spaceId);
    if (!checked.ok) return sendError(c, checked.error);
    const conversation = service.store.create({
      workspace: workspaceJson(principal),
      title: typeof body.title === 'string' ? body.title : null,
      visibility,
      ownerUserSId: principal.kind === 'user' ? principal.user.sId : null,
      now: service.now(),
    });
    if (posted === null)
      return c.json({ conversation: toConversationJson(conversation, baseUrl()) });
    const result = await post(deps, c, principal, conversation, {
      posted,
      options: options.value,
      servers: checked.servers,
    });
    if (!result.ok) return sendError(c, result.error);
    const userMessage = structuredClone(result.value.userMessage);
    return c.json({
      conversation: toConversationJson(conversation, baseUrl()),
      message: userMessage,
    });
  });

  app.post(`${BASE}/:cId/messages`, faultGate(ctx, 'conversations.messages'), async (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const found = findConversation(c, service);
    if (!found.ok) return found.response;
    const read = await readJson(c);
    if (!read.ok) return read.response;
    const body = isRecord(read.body) ? read.body : {};
    const parsed = parseMessage(body, '');
    if (!parsed.ok) return apiError(c, 400, parsed.type, parsed.message);
    const options = parseOptions(body);
    if (!options.ok) return bad(c, options.message);
    const checked = precheck(deps, principal, parsed.value, 'messages');
    if (!checked.ok) return sendError(c, checked.error);
    const input = { posted: parsed.value, options: options.value, servers: checked.servers };
    const result = await post(deps, c, principal, found.conversation, input);
    if (!result.ok) return sendError(c, result.error);
    const { userMessage, agentMessage } = result.value;
    return c.json({
      message: structuredClone(userMessage),
      agentMessages: agentMessage ? [structuredClone(agentMessage)] : [],
    });
  });

  app.get(`${BASE}/:cId`, faultGate(ctx, 'conversations.get'), (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const found = findConversation(c, service);
    if (!found.ok) return found.response;
    return c.json({ conversation: toConversationJson(found.conversation, baseUrl()) });
  });
}

/** `conversation.owner`: Dust's `WorkspaceSchema`, with the caller's role. */
function workspaceJson(principal: Exclude<ReturnType<typeof authenticate>, Response>) {
  const role = principal.kind === 'user' ? principal.role : 'none';
  const { id, sId, name } = principal.workspace;
  return {
    id,
    sId,
    name,
    role,
    segmentation: null,
    whiteListedProviders: null,
    defaultEmbeddingProvider: null,
    regionalModelsOnly: false,
  };
}
