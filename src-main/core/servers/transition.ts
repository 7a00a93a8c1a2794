/**
 * The supervisor's pure transition: (state, input) → (state, effects). See state.ts.
 *
 * The imperative ServerSupervisor feeds inputs from the process, its timers and its callers,
 * and runs the effects. Keeping this pure lets the whole restart policy be tested as a table,
 * with no process and no clock.
 */
import { backoffDelay, type BackoffOptions } from '../backoff.js';
import type { Random } from '../ports.js';
import { type HandshakeInfo, hasProcess, type McpTool, ServerState } from './state.js';

export type SupervisorInput =
  | { type: 'start' }
  | { type: 'ready'; tools: readonly McpTool[]; handshake: HandshakeInfo }
  | { type: 'toolsChanged'; tools: readonly McpTool[] }
  | { type: 'stable' }
  /** The process exited, or could not start, or refused the handshake. */
  | { type: 'failed'; error: string }
  /** No handshake or no ping answer in time. */
  | { type: 'timedOut'; error: string }
  | { type: 'processGone' }
  | { type: 'retryDue' }
  | { type: 'stop' };

export type SupervisorEffect =
  | { type: 'spawn' }
  /** End the process (idempotent); `processGone` follows once it is gone. */
  | { type: 'closeProcess' }
  | { type: 'scheduleRetry'; delayMs: number }
  | { type: 'cancelRetry' }
  /** Answer every in-flight request with this error (the process will not). */
  | { type: 'failPending'; error: string };

export interface TransitionContext {
  now: number;
  random: Random;
  backoff: BackoffOptions;
  /** Off for one-shot checks (testServer) and after the user stopped the server. */
  autoRestart: boolean;
  /** Failed starts in a row before giving up (`failed`); undefined: never give up. */
  maxAttempts?: number;
}

export interface TransitionResult {
  state: ServerState;
  effects: SupervisorEffect[];
}

/**
 * Restart policy: 1 s, 2 s, 4 s … up to 5 min, never less than half of that (equal jitter). A
 * server that keeps failing settles into a calm cadence instead of a restart a minute.
 */
export const DEFAULT_RESTART_BACKOFF: BackoffOptions = {
  initialMs: 1_000,
  maxMs: 300_000,
  jitter: 'equal',
};

/** Then it stops retrying: with the backoff above, after roughly 15–25 minutes of failures. */
export const DEFAULT_MAX_START_ATTEMPTS = 12;

const stay = (state: ServerState): TransitionResult => ({ state, effects: [] });

export function transition(
  state: ServerState,
  input: SupervisorInput,
  context: TransitionContext,
): TransitionResult {
  switch (input.type) {
    case 'start':
      if (state.kind === 'stopped')
        return { state: ServerState.starting(0, state.lastError), effects: [{ type: 'spawn' }] };
      if (state.kind === 'backoff') {
        return {
          state: ServerState.starting(state.attempt, state.error),
          effects: [{ type: 'cancelRetry' }, { type: 'spawn' }],
        };
      }
      // Retry after giving up: afresh, so the next failures back off from the start again.
      if (state.kind === 'failed')
        return { state: ServerState.starting(0, state.error), effects: [{ type: 'spawn' }] };
      return stay(state);

    case 'retryDue':
      return state.kind === 'backoff'
        ? { state: ServerState.starting(state.attempt, state.error), effects: [{ type: 'spawn' }] }
        : stay(state);

    case 'ready':
      return state.kind === 'starting'
        ? stay(ServerState.ready(state.attempt, input.tools, input.handshake, context.now))
        : stay(state);

    case 'toolsChanged':
      return state.kind === 'ready' ? stay({ ...state, tools: input.tools }) : stay(state);

    case 'stable':
      return state.kind === 'ready' ? stay({ ...state, attempt: 0 }) : stay(state);

    case 'failed':
      if (state.kind !== 'starting' && state.kind !== 'ready') return stay(state);
      return {
        state: ServerState.crashed(state.attempt, input.error),
        effects: [{ type: 'failPending', error: input.error }, { type: 'closeProcess' }],
      };

    case 'timedOut':
      if (state.kind !== 'starting' && state.kind !== 'ready') return stay(state);
      return {
        state: ServerState.hung(state.attempt, input.error),
        effects: [{ type: 'failPending', error: input.error }, { type: 'closeProcess' }],
      };

    case 'processGone':
      return afterProcessGone(state, context);

    case 'stop':
      if (state.kind === 'backoff')
        return { state: ServerState.stopped(state.error), effects: [{ type: 'cancelRetry' }] };
      if (state.kind === 'failed') return stay(ServerState.stopped(state.error));
      if (!hasProcess(state)) return stay(state);
      return {
        state: ServerState.stopping(
          state.kind === 'crashed' || state.kind === 'hung' ? state.error : undefined,
        ),
        effects: [
          { type: 'failPending', error: 'the server is stopping' },
          { type: 'closeProcess' },
        ],
      };
  }
}

function afterProcessGone(state: ServerState, context: TransitionContext): TransitionResult {
  switch (state.kind) {
    case 'stopping':
      return stay(ServerState.stopped(state.lastError));
    case 'crashed':
    case 'hung': {
      if (!context.autoRestart) return stay(ServerState.stopped(state.error));
      if (context.maxAttempts !== undefined && state.attempt + 1 >= context.maxAttempts)
        return stay(ServerState.failed(state.attempt + 1, state.error));
      const delayMs = backoffDelay(state.attempt, context.backoff, context.random);
      return {
        state: ServerState.backoff(state.attempt + 1, state.error, delayMs, context.now + delayMs),
        effects: [{ type: 'scheduleRetry', delayMs }],
      };
    }
    case 'starting':
    case 'ready':
      // An exit the supervisor has not classified yet; it reports `failed` first, so this is
      // only reached if effects were run out of order. Treat it as a crash without words.
      return afterProcessGone(ServerState.crashed(state.attempt, 'the server exited'), context);
    case 'stopped':
    case 'backoff':
    case 'failed':
      return stay(state);
  }
}
