import { oneLine } from './tray-model.js';

/**
 * When to notify about a pending approval, and what it says (ARCHITECTURE.md#tray-conventions, from
 * what people ask of Claude Desktop / Cursor: name the agent and tool, open that exact request on
 * click, never steal focus, stay quiet while the window is in front, respect Do Not Disturb).
 */
export interface NotifyContext {
  /** The app window is focused: the person already sees the request. */
  windowFocused: boolean;
  /** The OS says Do Not Disturb / Focus is on, where the shell can tell. */
  doNotDisturb: boolean;
  /** The person turned approval notifications off in settings. */
  notificationsEnabled: boolean;
  /** Approvals are paused: calls are not waiting for the person right now. */
  approvalsPaused: boolean;
  /** This request was already announced (a re-sent snapshot must not notify twice). */
  alreadyNotified: boolean;
}

export function shouldNotify(context: NotifyContext): boolean {
  return (
    context.notificationsEnabled &&
    !context.windowFocused &&
    !context.doNotDisturb &&
    !context.approvalsPaused &&
    !context.alreadyNotified
  );
}

export interface PendingCallSummary {
  requestId: string;
  agentName: string;
  toolName: string;
  serverName: string;
}

export interface ApprovalNotification {
  title: string;
  body: string;
  /** What a click opens: this exact request, never just the window. */
  requestId: string;
}

/** Names come from the agent and the MCP server, so they are flattened and shortened. */
/** A local server's question (MCP elicitation) waiting in the window: it has a deadline too. */
export function elicitationNotification(form: {
  id: string;
  server: string;
  tool: string | undefined;
}): ApprovalNotification {
  return {
    title: `${oneLine(form.server, 40)} asks you a question`,
    body: `${form.tool ? `While running ${oneLine(form.tool, 60)}. ` : ''}Click to answer it in Dust MCP Tray.`,
    requestId: form.id,
  };
}

export function approvalNotification(call: PendingCallSummary): ApprovalNotification {
  return {
    title: `${oneLine(call.agentName, 40)} wants to use ${oneLine(call.toolName, 60)}`,
    body: `On ${oneLine(call.serverName, 40)}. Click to review and approve or deny.`,
    requestId: call.requestId,
  };
}

/**
 * One notification for many waiting calls ("5 calls waiting"): a burst of calls must not become
 * a burst of notifications. A click opens the oldest waiting request.
 */
export function waitingSummaryNotification(
  count: number,
  oldest: PendingCallSummary,
  latest: PendingCallSummary,
): ApprovalNotification {
  return {
    title: `${count} calls waiting for you`,
    body: `Latest: ${oneLine(latest.agentName, 30)} wants ${oneLine(latest.toolName, 40)} on ${oneLine(latest.serverName, 30)}. Click to review.`,
    requestId: oldest.requestId,
  };
}
