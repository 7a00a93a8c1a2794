/**
 * Merged approvals: for a call of one of OUR tools, the person decides once.
 *
 * Dust asks (`tool_approve_execution`, stake "low" for every client-side tool) before it sends
 * the `tools/call`; our policy gate asks again when the call arrives on the requests stream.
 * Two prompts for one call teach people to click through both. Two designs answer both layers
 * with one decision:
 *
 *  A. Approve at Dust's layer automatically (`approved`) and let our gate be the one place the
 *     person decides, when the call arrives.
 *  B. Show one prompt on the Dust event, send its answer to `validate-action`, and pre-grant the
 *     gate for that exact call.
 *
 * We take **A**: - Our gate sees the call that will actually run (the `tools/call` arguments, after
 * Dust's rewriting), not Dust's description of it; rules, grants ("allow for this conversation")
 * and the deadline inside Dust's 3-minute budget all keep working unchanged. - A denial reaches the
 * agent exactly once, *with the reason*: the relay answers the call with an `isError` result that
 * says why ("This call was not run: …"), and the model reads it. `validate-action` has no field for
 * a reason; B's `rejected` would tell the model only "the user rejected this specific action". -
 * Nothing is lost when no window is open: Dust's side never waits on the UI. - We send `approved`,
 * never `always_approved`: the latter is stored in the user's Dust account per base server id
 * (docs/protocol/conversations.md#validate-action) and would silently drop Dust's prompt for that
 * server name in every other client too. One extra request per call is cheap.
 *
 * Only approvals that are surely ours are answered automatically. Dust's event names the server by
 * `mcpServerName`, which a remote server could share; so we also require stake "low" (every
 * client-side tool has it, docs/protocol/client-side-mcp.md#tool-names), and, when Dust gives
 * `mcpServerId` (`actions/blocked` does), that the id is one the triggering message carried.
 * Anything else goes to the person as a Dust-side approval (approve / deny → `validate-action`).
 */
import type { ApprovalRequestInfo } from './agent-events.js';

/** The servers one user message carried: registered name → the id it was sent with. */
export type AttachedServers = ReadonlyMap<string, { name: string; serverId: string }>;

/** The local server an approval is about, or undefined when it is not surely ours. */
export function ownServerFor(
  approval: ApprovalRequestInfo,
  attached: AttachedServers,
): { name: string; serverId: string } | undefined {
  if (approval.stake !== 'low') return undefined;
  const server = attached.get(approval.serverName);
  if (!server) return undefined;
  if (
    approval.serverId !== undefined &&
    approval.serverId !== server.serverId &&
    approval.serverId !== baseServerId(server.serverId)
  ) {
    return undefined;
  }
  return server;
}

/** Dust's `getBaseServerId`: the id without its random per-registration suffix. */
function baseServerId(serverId: string): string {
  return serverId.replace(/\.[0-9a-f]+$/, '');
}
