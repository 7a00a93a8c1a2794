/**
 * The checks and effects shared by "create a conversation" and "post a message", in the order
 * of Dust's handlers (docs/protocol/conversations.md#create-conversation steps 2–11,
 * #post-message; docs/protocol/emulator.md#chat-7 … #chat-9).
 *
 * Split in two so the conversation route can create the conversation between them, as Dust does
 * (a later failure then leaves an empty conversation behind, which is Dust's real behaviour):
 * `precheck` runs everything before creation, `post` everything after.
 */
import type { Context } from 'hono';

import type { Catalogue } from '../catalogue/seed.js';
import { canReadSpace } from '../catalogue/spaces.js';
import type { DustError } from '../http/errors.js';
import type { Principal } from '../identity/identity.js';
import type { SeedUser } from '../identity/seed.js';
import type { McpRegistry } from '../mcp/registry.js';
import { DUST_MESSAGE_LIMIT_PER_MINUTE, programmaticRefusal } from './faults.js';
import type { AgentMessageJson, ConversationRecord, UserJson, UserMessageJson } from './model.js';
import { isOriginAllowed, isProgrammaticUsage, ORIGIN_NOT_ALLOWED } from './origin.js';
import type { ConversationService } from './service.js';
import type { AttachedServer } from './turn.js';
import {
  checkContextFields,
  checkMentions,
  type PostedMessage,
  type PostOptions,
} from './validation.js';

export interface PostingDeps {
  service: ConversationService;
  registry: McpRegistry;
  catalogue: Catalogue;
}

export type Route = 'conversations' | 'messages';

const ACCESS_DENIED: Record<Route, string> = {
  conversations: 'User does not have access to the local MCP servers.',
  messages: 'User does not have access to the client-side MCP servers.',
};

const err = (
  status: DustError['status'],
  type: string,
  message: string,
): { ok: false; error: DustError } => ({
  ok: false,
  error: { status, type, message },
});

/** Everything checked before a conversation exists; returns the attached servers on success. */
export function precheck(
  deps: PostingDeps,
  principal: Principal,
  posted: PostedMessage | null,
  route: Route,
  spaceId?: string,
): { ok: true; servers: AttachedServer[] } | { ok: false; error: DustError } {
  const servers: AttachedServer[] = [];
  if (posted !== null) {
    const checked = precheckMessage(deps, principal, posted, route, servers);
    if (checked !== null) return checked;
  }
  if (spaceId !== undefined) {
    const space = deps.catalogue.spaces.find((s) => s.sId === spaceId);
    if (
      space === undefined ||
      !canReadSpace(space, principal.kind === 'user' ? principal.user.sId : null)
    ) {
      return err(404, 'space_not_found', 'The space you requested was not found.');
    }
  }
  return { ok: true, servers };
}

/** Steps 2–4: programmatic gating, context fields, mentions, client-side server access. */
function precheckMessage(
  deps: PostingDeps,
  principal: Principal,
  posted: PostedMessage,
  route: Route,
  servers: AttachedServer[],
): { ok: false; error: DustError } | null {
  const isKey = principal.kind === 'key';
  if (isProgrammaticUsage(posted.context.origin, isKey)) {
    const refusal = programmaticRefusal(deps.service.faults.programmatic);
    if (refusal) return err(refusal.status, refusal.type, refusal.message);
  }
  const fields = checkContextFields(posted.context);
  if (!fields.ok) return err(400, fields.type, fields.message);
  const mentions = checkMentions(posted.mentions);
  if (!mentions.ok) return err(400, mentions.type, mentions.message);
  const ids = posted.context.clientSideMCPServerIds;
  if (ids !== null) {
    if (principal.kind === 'key') {
      return err(
        401,
        'invalid_request_error',
        'Local MCP servers are only available to authenticated users.',
      );
    }
    for (const serverId of ids) {
      // `validateMCPServerAccess`: EXPIRE (refreshes the TTL) and "did it exist for this user".
      const alive = deps.registry.touch(principal.workspace.sId, principal.user.sId, serverId);
      const registration = alive
        ? deps.registry.get(principal.workspace.sId, principal.user.sId, serverId)
        : undefined;
      if (registration === undefined)
        return err(403, 'invalid_request_error', ACCESS_DENIED[route]);
      servers.push({ serverId, serverName: registration.serverName });
    }
  }
  return null;
}

export interface Posted {
  userMessage: UserMessageJson;
  agentMessage: AgentMessageJson | null;
}

/** Everything after creation: origin gating, agent, rate limit, then both rows and the run. */
export async function post(
  deps: PostingDeps,
  c: Context,
  principal: Principal,
  conversation: ConversationRecord,
  input: { posted: PostedMessage; options: PostOptions; servers: AttachedServer[] },
): Promise<{ ok: true; value: Posted } | { ok: false; error: DustError }> {
  const { posted, options } = input;
  const caller = {
    isKey: principal.kind === 'key',
    userAgent: c.req.header('user-agent'),
    extensionVersion: c.req.header('x-dust-extension-version'),
    zendeskUserId: c.req.header('x-zendesk-user-id'),
  };
  if (!isOriginAllowed(posted.context.origin, caller))
    return err(400, 'invalid_request_error', ORIGIN_NOT_ALLOWED);
  const agentId = posted.mentions[0]?.configurationId;
  const agent =
    agentId === undefined
      ? null
      : deps.catalogue.agents.find((a) => a.sId === agentId && a.status === 'active');
  if (agent === undefined) {
    return err(
      400,
      'agent_inaccessible',
      `The agent ${agentId ?? ''} does not exist or is not accessible.`,
    );
  }
  const actor = principal.kind === 'user' ? principal.user.sId : `key:${principal.workspace.sId}`;
  if (
    !deps.service.allowMessage(
      actor,
      deps.service.faults.messagesPerMinute ?? DUST_MESSAGE_LIMIT_PER_MINUTE,
    )
  ) {
    return err(403, 'rate_limit_error', 'Rate limit exceeded. Please retry later.');
  }
  const { service } = deps;
  const user = principal.kind === 'user' ? toUserJson(principal.user) : null;
  // Steering: the same agent is still running here, so this message waits as `pending`.
  const steering =
    agent !== null &&
    service.faults.steering &&
    service.store.runningAgentMessage(conversation, agent.sId) !== undefined;
  const userMessage = service.store.addUserMessage(conversation, {
    user,
    posted,
    pending: steering,
    now: service.now(),
  });
  service.announceUserMessage(conversation, userMessage);
  if (agent === null) return { ok: true, value: { userMessage, agentMessage: null } };
  const turn = {
    conversation,
    userMessage,
    agent,
    servers: input.servers,
    skipToolsValidation: options.skipToolsValidation,
  };
  if (steering) {
    service.queueSteering(turn);
    return { ok: true, value: { userMessage, agentMessage: null } };
  }
  const agentMessage = service.startTurn(turn);
  if (options.blocking)
    await service.waitForTerminal(agentMessage, service.faults.blockingTimeoutMs);
  return { ok: true, value: { userMessage, agentMessage } };
}

/** Exactly Dust's `UserSchema` fields (the seed user carries more, e.g. its WorkOS id). */
function toUserJson(user: SeedUser): UserJson {
  const { sId, id, createdAt, provider, username, email, firstName, lastName, fullName } = user;
  return {
    sId,
    id,
    createdAt,
    provider,
    username,
    email,
    firstName,
    lastName,
    fullName,
    image: null,
  };
}
