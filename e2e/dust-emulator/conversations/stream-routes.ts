/**
 * The agent-message and conversation event streams (docs/protocol/conversations.md#message-events,
 * #conversation-events; docs/protocol/emulator.md#chat-10, #chat-11, #chat-17).
 *
 * Public `…/events` answers 307 to `/api/sse/v1/…` with the query kept; the SSE route checks
 * auth and ids as JSON before any stream byte, then serves the channel with the shared `streamLog`
 * (handshake, history strictly after `lastEventId`, then live, no keep-alives).
 */
import type { Hono } from 'hono';

import type { EmulatorContext } from '../context.js';
import { faultGate } from '../control/fault-gate.js';
import { authenticate } from '../http/auth.js';
import { parseCursor, streamLog } from '../http/sse.js';
import { type AgentEvent, isTerminal } from './events.js';
import { takeStreamCut } from './faults.js';
import { findAgentMessage, findConversation, redirectToSse } from './http-helpers.js';
import { conversationsOf } from './state.js';

const MESSAGE_EVENTS = '/w/:wId/assistant/conversations/:cId/messages/:mId/events';
const CONVERSATION_EVENTS = '/w/:wId/assistant/conversations/:cId/events';
/** Older managers read up to 100 history entries per connection. */
const MESSAGE_HISTORY_PAGE = 100;

export function registerStreamRoutes(app: Hono, ctx: EmulatorContext): void {
  const service = conversationsOf(ctx);

  app.get(`/api/v1${MESSAGE_EVENTS}`, faultGate(ctx, 'message-events'), (c) => redirectToSse(c));
  app.get(`/api/v1${CONVERSATION_EVENTS}`, faultGate(ctx, 'conversation-events'), (c) =>
    redirectToSse(c),
  );

  app.get(`/api/sse/v1${MESSAGE_EVENTS}`, (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const conversation = findConversation(c, service);
    if (!conversation.ok) return conversation.response;
    const message = findAgentMessage(c, service, conversation.conversation);
    if (!message.ok) return message.response;
    const faults = service.faults;
    const cut = takeStreamCut(faults);
    const connectedAt = ctx.clock.now();
    let written = 0;
    const endAfter = (event: AgentEvent): boolean => {
      written += 1;
      if (isTerminal(event)) return true;
      if (
        cut !== null &&
        ((cut.afterEvents !== undefined && written >= cut.afterEvents) ||
          cut.afterType === event.type)
      )
        return true;
      // Dust's `TIMEOUT = 60000` in `getMessagesEvents`, checked only when an event arrives.
      return (
        faults.messageStreamTimeoutMs !== null &&
        ctx.clock.now() - connectedAt >= faults.messageStreamTimeoutMs
      );
    };
    return streamLog<AgentEvent>({
      log: service.messageLog,
      channel: message.message.sId,
      cursor: parseCursor(c.req.query('lastEventId')),
      clock: ctx.clock,
      registry: ctx.streams,
      kind: 'message-events',
      handshake: ctx.faults.settings.handshake,
      pageSize: MESSAGE_HISTORY_PAGE,
      idleMs: null,
      writeDone: faults.doneSentinel,
      endAfter,
    });
  });

  app.get(`/api/sse/v1${CONVERSATION_EVENTS}`, (c) => {
    const principal = authenticate(c, ctx);
    if (principal instanceof Response) return principal;
    const conversation = findConversation(c, service);
    if (!conversation.ok) return conversation.response;
    return streamLog({
      log: service.conversationLog,
      channel: conversation.conversation.sId,
      cursor: parseCursor(c.req.query('lastEventId')),
      clock: ctx.clock,
      registry: ctx.streams,
      kind: 'conversation-events',
      handshake: ctx.faults.settings.handshake,
      pageSize: MESSAGE_HISTORY_PAGE,
      idleMs: service.faults.conversationStreamIdleMs,
      writeDone: service.faults.doneSentinel,
    });
  });
}
