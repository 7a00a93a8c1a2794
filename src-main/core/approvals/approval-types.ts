/**
 * The vocabulary of approvals, shared by the request book, the approval service and (as DTOs)
 * the IPC contract.
 */

/** What the person chose to remember along with "approve"; the gate turns it into a grant. */
export type RememberChoice =
  | { kind: 'once' }
  | { kind: 'conversation' }
  | { kind: 'hours'; hours: number }
  | { kind: 'always' };

/**
 * `arguments` on approve: the person edited them, and the tool runs with these instead.
 * `reason` on deny: the person's words, passed to the agent with the denial.
 */
export type ApprovalDecision =
  | { verdict: 'approve'; remember: RememberChoice; arguments?: Record<string, unknown> }
  | { verdict: 'deny'; reason?: string };

/**
 * Who settled a call: the person, a permission or rule that came after it started waiting
 * (`policy`), Dust's deadline, Dust cancelling the call, or shutdown.
 */
export type DecidedBy = 'user' | 'policy' | 'deadline' | 'cancelled' | 'shutdown';

export interface PendingCall {
  callId: string;
  /**
   * Minted by main; the renderer must echo it, so a compromised page cannot approve other calls.
   */
  nonce: string;
  server: string;
  tool: string;
  arguments: unknown;
  agent: string | undefined;
  conversationId: string | undefined;
  /** Why the policy asked ("No rule or permission covers fs/write_file…"). */
  policyReason: string | undefined;
  /** Epoch ms. */
  receivedAt: number;
  deadlineAt: number;
  /** What the tool says about itself, so the card can check edits and mark risk. */
  toolInfo?: ToolInfo;
  /** Dust's id of the call (the activity log's key), to follow it once it runs. */
  requestId?: string;
}

/** The tool's own description of its input and effects (MCP `inputSchema` and annotations). */
export interface ToolInfo {
  inputSchema?: unknown;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
}

export interface DecidedCall {
  callId: string;
  nonce: string;
  decision: ApprovalDecision;
  by: DecidedBy;
  reason: string;
  decidedAt: number;
}

export type ApprovalDelta =
  | { seq: number; kind: 'added'; call: PendingCall }
  | { seq: number; kind: 'decided'; decided: DecidedCall };

export interface ApprovalSnapshot {
  seq: number;
  pending: readonly PendingCall[];
}

export type DecideError = 'not_found' | 'forbidden' | 'expired' | 'already_decided';

export type DecideOutcome =
  { ok: true; decided: DecidedCall; repeated: boolean } | { ok: false; error: DecideError };

/** The words shown when the deadline denies a call. */
export const DEADLINE_REASON = "No one answered before Dust's deadline";

/** Dust gives up on a tools/call after 3 minutes (docs/protocol/client-side-mcp.md#timeouts). */
export const DUST_TOOL_CALL_BUDGET_MS = 180_000;

/** Time left after our deadline to post the denial and have Dust read it before its own timeout. */
export const DEADLINE_SAFETY_MARGIN_MS = 15_000;

/**
 * When a pending call is denied if nobody answers.
 *
 * Measured from when we received the request and, when known, from when Dust published it (a
 * request replayed after a reconnect has already used part of its budget): whichever is earlier.
 */
export function computeDeadline(
  receivedAt: number,
  configuredMs: number,
  publishedAt?: number,
): number {
  const budgetEnd =
    Math.min(receivedAt, publishedAt ?? receivedAt) +
    DUST_TOOL_CALL_BUDGET_MS -
    DEADLINE_SAFETY_MARGIN_MS;
  return Math.min(receivedAt + Math.max(0, configuredMs), budgetEnd);
}

export function sameDecision(a: ApprovalDecision, b: ApprovalDecision): boolean {
  if (a.verdict === 'deny' || b.verdict === 'deny') return a.verdict === b.verdict;
  if (JSON.stringify(a.arguments ?? null) !== JSON.stringify(b.arguments ?? null)) return false;
  const [x, y] = [a.remember, b.remember];
  if (x.kind === 'hours' && y.kind === 'hours') return x.hours === y.hours;
  return x.kind === y.kind;
}
