/**
 * Small HTTP steps every conversation route repeats: JSON bodies the way Dust's Hono validator
 * reads them, and the conversation / message lookups with Dust's 404s.
 */
import type { Context } from 'hono';

import { apiError } from '../http/errors.js';
import type { AgentMessageJson, ConversationRecord } from './model.js';
import type { ConversationService } from './service.js';

/**
 * Hono's json validator: a body without `Content-Type: application/json` reads as `{}` (and then
 * fails with "Required"); malformed JSON is a 400 "Malformed JSON in request body".
 */
export async function readJson(
  c: Context,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().includes('application/json'))
    return { ok: true, body: {} };
  try {
    return { ok: true, body: await c.req.json<unknown>() };
  } catch {
    return {
      ok: false,
      response: apiError(c, 400, 'invalid_request_error', 'Malformed JSON in request body'),
    };
  }
}

export function findConversation(
  c: Context,
  service: ConversationService,
): { ok: true; conversation: ConversationRecord } | { ok: false; response: Response } {
  const conversation = service.store.get(c.req.param('wId') ?? '', c.req.param('cId') ?? '');
  if (conversation === undefined) {
    const message = "The conversation you're trying to access was not found.";
    return { ok: false, response: apiError(c, 404, 'conversation_not_found', message) };
  }
  return { ok: true, conversation };
}

/** The agent message `mId` of a conversation: 404 if unknown, 400 for a user message. */
export function findAgentMessage(
  c: Context,
  service: ConversationService,
  conversation: ConversationRecord,
): { ok: true; message: AgentMessageJson } | { ok: false; response: Response } {
  const message = service.store.message(conversation, c.req.param('mId') ?? '');
  if (message === undefined) {
    return {
      ok: false,
      response: apiError(
        c,
        404,
        'message_not_found',
        "The message you're trying to access was not found.",
      ),
    };
  }
  if (message.type !== 'agent_message') {
    return {
      ok: false,
      response: apiError(
        c,
        400,
        'invalid_request_error',
        'Events are only available for agent messages.',
      ),
    };
  }
  return { ok: true, message };
}

/** `redirectToSse`: the same path with `/api/` → `/api/sse/`, query string kept, 307. */
export function redirectToSse(c: Context): Response {
  const url = new URL(c.req.url);
  const location = `${url.pathname.replace(/^\/api\//, '/api/sse/')}${url.search}`;
  return new Response(null, { status: 307, headers: { Location: location } });
}
