import { errorMessage } from '../error-message.js';
import { problemOf, type ServerState } from './state.js';

/**
 * Why a local server is not working, in words a person can act on.
 *
 * These strings reach the tray, the window and Dust's tool errors, so they name the cause
 * ("exited with code 1: Error: API_KEY is not set") instead of a state name.
 */

/** "10 s", "1.5 s", "250 ms", "2 min". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Number((ms / 1_000).toFixed(1))} s`;
  return `${Number((ms / 60_000).toFixed(1))} min`;
}

/** "exited with code 1: <last stderr line>", "was killed by SIGKILL", … */
export function describeExit(
  exit: { code: number | null; signal: string | null },
  lastStderrLine?: string,
): string {
  const how =
    exit.signal !== null
      ? `was killed by ${exit.signal}`
      : exit.code !== null
        ? `exited with code ${exit.code}`
        : 'exited';
  const tail = lastStderrLine?.trim();
  return tail ? `${how}: ${clip(tail)}` : how;
}

export function describeHandshakeTimeout(ms: number): string {
  return `did not answer the handshake within ${formatDuration(ms)}`;
}

export function describePingTimeout(ms: number, method = 'ping', attempts = 1): string {
  if (attempts === 1)
    return `stopped answering (no reply to ${method} within ${formatDuration(ms)})`;
  return `stopped answering (no reply to ${attempts} ${method} requests in a row, ${formatDuration(ms)} each)`;
}

export function describeHandshakeError(error: { code: number; message: string }): string {
  return `refused the handshake: ${clip(error.message)} (code ${error.code})`;
}

/**
 * `Could not start "npx": it was not found on your PATH.` → `could not start: it was not found on
 * your PATH`.
 */
export function describeSpawnError(error: unknown): string {
  const message = errorMessage(error);
  const reason = message.replace(/^Could not start "[^"]*":\s*/, '').replace(/\.$/, '');
  return `could not start: ${reason}`;
}

/**
 * A state in words for the UI and Dust: `The local server "github" exited with code 1: …`, or
 * for a remote server `The remote server "wiki" is unreachable: …; it retries in 4 s.`
 */
export function describeState(
  name: string,
  state: ServerState,
  where: 'local' | 'remote' = 'local',
): string {
  const subject = `The ${where} server "${name}"`;
  const problem = problemOf(state);
  const remote = where === 'remote';
  switch (state.kind) {
    case 'ready':
      return `${subject} is ready.`;
    case 'starting':
      if (remote)
        return problem
          ? `${subject} is reconnecting; it last ${problem}.`
          : `${subject} is connecting.`;
      return problem ? `${subject} is restarting; it last ${problem}.` : `${subject} is starting.`;
    case 'backoff':
      return `${subject} ${problem}; it ${remote ? 'retries' : 'restarts'} in ${formatDuration(Math.ceil(state.delayMs / 1_000) * 1_000)}.`;
    case 'crashed':
    case 'hung':
      return `${subject} ${problem}.`;
    case 'failed':
      return `${subject} ${problem}. It was tried ${state.attempts} times and is no longer retried; press Retry once it is fixed.`;
    case 'stopping':
    case 'stopped':
      return problem ? `${subject} ${problem}.` : `${subject} is ${state.kind}.`;
  }
}

/** Keeps one line readable in a tray menu or a notification. */
function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
