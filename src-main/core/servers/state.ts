/**
 * The life of one supervised local MCP server (ARCHITECTURE.md#state-machines).
 *
 * ```
 *                start                 handshake + tools/list
 *  ┌─────────┐ ──────▶ ┌──────────┐ ───────────────────────▶ ┌───────┐  stable: attempt → 0
 *  │ stopped │         │ starting │                          │ ready │  toolsChanged: new list
 *  └─────────┘         └──────────┘                          └───────┘
 *       ▲                ▲    │ exit, spawn or                   │ exit
 *       │                │    │ handshake error ─▶ ┌─────────┐ ◀─┘
 *       │                │    │                    │ crashed │ ─┐
 *       │                │    │ handshake timeout  └─────────┘  │ process gone:
 *       │                │    └──────────────────▶ ┌─────────┐  │ attempt + 1
 *       │                │ ping timeout (ready) ─▶ │  hung   │ ─┤ (stopped instead
 *       │       retryDue │                         └─────────┘  ▼  if autoRestart is off)
 *       │                │                              ┌─────────┐
 *       │                └───────────────────────────── │ backoff │
 *       │                                               └─────────┘
 *       │ process gone  ┌──────────┐   stop from starting, ready, crashed, hung
 *       └────────────── │ stopping │ ◀──────────────────────────────────────────
 *                       └──────────┘   stop in backoff or failed: straight to stopped
 * ```
 *
 * Restarts back off to a calm cadence (at most 5 min apart). After `maxAttempts` failures in a
 * row the process-gone step goes to `failed` instead of `backoff`: no more timers, the reason
 * kept, and only `start` (the card's Retry) tries again, from attempt 0.
 *
 * `crashed` and `hung` are passing states the UI sees with the reason in words; once the process
 * is gone they become `backoff` (or `stopped` when automatic restart is off, as in testServer).
 * `attempt` counts consecutive failures and picks the backoff delay; it resets only after the
 * server has stayed ready for a while, so a server that dies a second after each start backs
 * off instead of restarting in a tight loop.
 */

/** A tool exactly as the local server listed it; kept whole so the relay loses nothing. */
export type McpTool = Readonly<Record<string, unknown>> & { readonly name: string };

export interface ServerInfo {
  name: string;
  version: string;
}

/** What the server said in its `initialize` (or `server/discover`) answer that we care about. */
export interface HandshakeInfo {
  /** `modern` (2026-07-28) servers get `_meta` on every request and no `initialize`. */
  era: 'legacy' | 'modern';
  protocolVersion: string;
  serverInfo: ServerInfo | undefined;
  instructions: string | undefined;
  capabilities: Readonly<Record<string, unknown>>;
}

export type ServerState =
  | { kind: 'stopped'; lastError: string | undefined }
  | { kind: 'starting'; attempt: number; lastError: string | undefined }
  | {
      kind: 'ready';
      attempt: number;
      tools: readonly McpTool[];
      handshake: HandshakeInfo;
      readyAt: number;
    }
  | { kind: 'crashed'; attempt: number; error: string }
  | { kind: 'hung'; attempt: number; error: string }
  | { kind: 'backoff'; attempt: number; error: string; delayMs: number; retryAt: number }
  /** Gave up after `attempts` failed starts in a row; only Retry (start) tries again. */
  | { kind: 'failed'; attempts: number; error: string }
  | { kind: 'stopping'; lastError: string | undefined };

export const ServerState = {
  stopped: (lastError?: string): ServerState => ({ kind: 'stopped', lastError }),
  starting: (attempt: number, lastError?: string): ServerState => ({
    kind: 'starting',
    attempt,
    lastError,
  }),
  ready: (
    attempt: number,
    tools: readonly McpTool[],
    handshake: HandshakeInfo,
    readyAt: number,
  ): ServerState => ({
    kind: 'ready',
    attempt,
    tools,
    handshake,
    readyAt,
  }),
  crashed: (attempt: number, error: string): ServerState => ({ kind: 'crashed', attempt, error }),
  hung: (attempt: number, error: string): ServerState => ({ kind: 'hung', attempt, error }),
  backoff: (attempt: number, error: string, delayMs: number, retryAt: number): ServerState => ({
    kind: 'backoff',
    attempt,
    error,
    delayMs,
    retryAt,
  }),
  failed: (attempts: number, error: string): ServerState => ({ kind: 'failed', attempts, error }),
  stopping: (lastError?: string): ServerState => ({ kind: 'stopping', lastError }),
};

/** Whether a process may be running (so stopping must wait for it). */
export function hasProcess(state: ServerState): boolean {
  return (
    state.kind === 'starting' ||
    state.kind === 'ready' ||
    state.kind === 'crashed' ||
    state.kind === 'hung'
  );
}

/** The last problem in words, whatever the state ("" when there is none). */
export function problemOf(state: ServerState): string {
  switch (state.kind) {
    case 'crashed':
    case 'hung':
    case 'backoff':
    case 'failed':
      return state.error;
    case 'stopped':
    case 'starting':
    case 'stopping':
      return state.lastError ?? '';
    case 'ready':
      return '';
  }
}
