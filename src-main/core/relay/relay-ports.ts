import type { CancellationToken } from '../cancellation.js';
import type { JsonRpcResponse } from '../jsonrpc.js';

/** A tool as the local server listed it (MCP `Tool`), kept whole so nothing is lost in relay. */
export interface LocalTool {
  name: string;
  description?: string;
  inputSchema?: unknown;
  annotations?: {
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    title?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * What the relay needs from a supervised local MCP server (implemented over the supervisor).
 *
 * Kept this small so the relay can be tested without processes, and so the supervisor's own
 * state machine stays its business.
 */
export interface RelayTarget {
  readonly serverName: string;
  /** The local server's tools (every page), or undefined while it is not ready. */
  tools(): readonly LocalTool[] | undefined;
  /** `instructions` and `serverInfo` from the local server's own initialize answer, if known. */
  initializeInfo():
    { instructions?: string; serverInfo?: { name: string; version: string } } | undefined;
  /** Resolves true once ready, false if not ready within `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<boolean>;
  /** Why it is not ready, in words ("exited with code 1: …"). */
  describeProblem(): string;
  /** A tool the person switched off: hidden from Dust's tools/list and refused if called. */
  isSwitchedOff?(tool: string): boolean;
  /** Sends a request to the local server with its own id; resolves with the response. */
  request(
    method: string,
    params: unknown,
    options: { timeoutMs: number; cancellation: CancellationToken },
  ): Promise<JsonRpcResponse>;
}

/** Sends one answer back to Dust, on the registration its request came from. */
export type Reply = (response: JsonRpcResponse) => Promise<void>;

/** What comes with each message from Dust's request stream, besides the message itself. */
export interface RequestContext {
  /** Where this request's answer goes (a repeat of it is answered through its own reply). */
  reply: Reply;
  /** When Dust published a replayed request, so its approval deadline counts from then. */
  publishedAt?: number | undefined;
}

/** One tools/call waiting for a decision. */
export interface GatedCall {
  /** The id Dust gave the request, exactly as received. */
  requestId: string | number;
  serverName: string;
  tool: LocalTool;
  arguments: Record<string, unknown>;
  /** Parsed from Dust's `mcp_req_<conversation>_<message>_…` id when it has that shape. */
  conversationId: string | undefined;
  messageId: string | undefined;
  receivedAt: number;
  /** When Dust published the request (from its eventId), so a replayed call gets less time. */
  publishedAt?: number | undefined;
}

/** Who decided: the policy (rules, grants, trusted hints) or a person, or the clock ran out. */
export type DecidedBy = 'policy' | 'user' | 'deadline' | 'cancelled' | 'shutdown';

export type GateDecision =
  | { allow: true; reason: string; by: DecidedBy; arguments?: Record<string, unknown> }
  | { allow: false; reason: string; by: DecidedBy };

/** The approval gate: policy first, then a person if the policy says ask. */
export interface CallGate {
  decide(call: GatedCall, cancellation: CancellationToken): Promise<GateDecision>;
}

/** Where the relay reports what happened to each request (the activity log). */
export interface RelayObserver {
  onCallReceived(call: GatedCall): void;
  onCallDecided(call: GatedCall, decision: GateDecision): void;
  onCallFinished(
    call: GatedCall,
    outcome: {
      kind: 'result' | 'tool_error' | 'failed' | 'cancelled' | 'denied';
      detail: string;
      ms: number;
    },
  ): void;
  onRequestAnswered(method: string, ms: number): void;
  /** The local server reported progress on a running call (`notifications/progress`). */
  onCallProgress?(call: GatedCall, progress: CallProgress): void;
}

/** A running call's progress: `ratio` when the server gave a total, and its words if any. */
export interface CallProgress {
  ratio?: number;
  message?: string;
}
