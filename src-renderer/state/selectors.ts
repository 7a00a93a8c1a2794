import type { ActivityEntryDto, PendingCallDto } from '../../src-main/shared/contract/approvals';
import type { ServerStatusDto } from '../../src-main/shared/contract/servers';
import { conversationTitle } from '../features/ask/ask-words';
import type { AppState } from './store';

/**
 * Plain selector functions, grouped here so components and tests read state the same way.
 *
 * Those that build arrays are used with `useShallow`, so a new array with the same items does not
 * re-render.
 */

/** What waits for the person: calls to approve and local servers' questions (elicitation forms). */
export const selectPendingCount = (state: AppState): number =>
  state.approvals.items.length + state.elicitations.items.length;

export const selectServerList = (state: AppState): ServerStatusDto[] =>
  state.servers.status === 'ready' ? state.servers.value : [];

/**
 * Whether a server's tool says it only reads (an annotation: a hint from the server, not a proof).
 */
export function isReadOnlyTool(servers: ServerStatusDto[], server: string, tool: string): boolean {
  return (
    servers.find((entry) => entry.name === server)?.tools.find((entry) => entry.name === tool)
      ?.readOnly === true
  );
}

/**
 * Pending calls to read-only tools, not already being decided: what "approve all read-only" sends.
 */
export function selectReadOnlyPending(state: AppState): PendingCallDto[] {
  const servers = selectServerList(state);
  return state.approvals.items.filter(
    (call) =>
      !state.approvals.deciding[call.callId] && isReadOnlyTool(servers, call.server, call.tool),
  );
}

export interface ConnectionSummary {
  total: number;
  online: number;
  failing: number;
}

/** Servers connected end to end (running locally and streaming from Dust), and those in trouble. */
export function selectConnection(state: AppState): ConnectionSummary {
  const servers = selectServerList(state).filter((server) => server.enabled);
  return {
    total: servers.length,
    online: servers.filter(
      (server) => server.local.state === 'ready' && server.dust.state === 'streaming',
    ).length,
    failing: servers.filter((server) => /crash|fail|error|hung|backoff/i.test(server.local.state))
      .length,
  };
}

/** Local servers Dust knows right now (they have a server id): what a message can carry. */
export function attachableServers(servers: ServerStatusDto[]): string[] {
  return servers
    .filter((server) => server.enabled && server.dust.serverId !== undefined)
    .map((server) => server.name);
}

export const selectAttachable = (state: AppState): string[] =>
  attachableServers(selectServerList(state));

/**
 * What the app knows about a conversation: its title (Dust's, or the first message) and the
 * agent's name, when this app started it or read it back. Undefined parts are unknown.
 */
export function selectConversationTitle(
  state: AppState,
  conversationId: string | undefined,
): string | undefined {
  if (!conversationId) return undefined;
  const live = state.conversations.byId[conversationId];
  if (live) return conversationTitle(live);
  return (
    state.history?.find((entry) => entry.conversationId === conversationId)?.title || undefined
  );
}

export function selectConversationAgentId(
  state: AppState,
  conversationId: string | undefined,
): string | undefined {
  if (!conversationId) return undefined;
  return (
    state.conversations.byId[conversationId]?.agentId ??
    state.history?.find((entry) => entry.conversationId === conversationId)?.agentId
  );
}

export function selectConversationAgentName(
  state: AppState,
  conversationId: string | undefined,
): string | undefined {
  const agentId = selectConversationAgentId(state, conversationId);
  if (!agentId || state.agents?.status !== 'ready') return undefined;
  return state.agents.value.find((agent) => agent.sId === agentId)?.name;
}

/**
 * The agent message in Dust's request id (`mcp_req_<conversation>_<message>_…`, as the core reads
 * it).
 */
function messageOfRequest(id: string): string | undefined {
  return /^mcp_req_[^_]+_([^_]+)_/.exec(id)?.[1];
}

/**
 * The activity entry of a tool call shown in a conversation: same conversation, same agent
 * message (when known), same tool, the `ordinal`-th such call. It says whether the call runs
 * now, since when, and how it ended (a result too large for Dust, a stop).
 */
export function selectCallActivity(
  state: AppState,
  call: {
    conversationId: string;
    messageId: string | undefined;
    toolName: string;
    ordinal: number;
  },
): ActivityEntryDto | undefined {
  if (state.activity.status !== 'ready') return undefined;
  const matches = state.activity.value
    .filter((entry) => entry.tool === call.toolName && entry.conversationId === call.conversationId)
    .filter(
      (entry) =>
        !call.messageId ||
        messageOfRequest(entry.id) === undefined ||
        messageOfRequest(entry.id) === call.messageId,
    )
    .sort((a, b) => a.receivedAt - b.receivedAt);
  return matches[call.ordinal];
}
