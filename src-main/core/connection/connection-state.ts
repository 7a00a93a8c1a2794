/**
 * One local server's registration with Dust and its request stream.
 *
 * ```
 *            start                  registered                 stream opened
 * ┌─────────┐ ───▶ ┌─────────────┐ ───────────▶ ┌────────────┐ ──────────▶ ┌───────────┐
 * │ stopped │      │ registering │              │ connecting │             │ streaming │
 * └─────────┘      └─────────────┘              └────────────┘ ◀────────── └───────────┘
 *      ▲             │   ▲     ▲ heartbeat 404,   ▲  │ error    done: now      │  │
 *      │   retryable │   │     │ stream 403       │  ▼                          │  │ error
 *      │     failure ▼   │     │              ┌──────────────┐ ◀────────────────┘  │
 *      │       ┌─────────┐     └───────────── │ reconnecting │  first retry at once,
 *      │       │ backoff │                    └──────────────┘  then jittered backoff
 *      │       └─────────┘
 *      │  stop (deregisters)    ┌──────────────┐ token refresh failed (401)
 *      └─────────────────────── │ unauthorized │ ◀── any state with Dust work
 *                               └──────────────┘
 *   failed: Dust refused for good (an API key, an invalid name) until settings change.
 * ```
 *
 * While registered (connecting, streaming, reconnecting) a heartbeat runs every
 * `heartbeatIntervalMs`, well inside Dust's 10-minute TTL. A new serverId (re-registration)
 * resets the cursor: the old one belongs to the old stream (architecture.md §4.7).
 */

export type ConnectionState =
  | { kind: 'stopped' }
  | { kind: 'registering'; attempt: number; previousServerId: string | undefined }
  | { kind: 'backoff'; attempt: number; retryAt: number; error: string; previousServerId: string | undefined }
  | { kind: 'connecting'; serverId: string; lastEventId: string | undefined; attempt: number }
  | { kind: 'streaming'; serverId: string; lastEventId: string | undefined; attempt: number; openedAt: number }
  | { kind: 'reconnecting'; serverId: string; lastEventId: string | undefined; attempt: number; retryAt: number; error: string }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'failed'; message: string };

export type ConnectionStateKind = ConnectionState['kind'];

/** The serverId Dust knows this server by now, if registered. */
export function serverIdOf(state: ConnectionState): string | undefined {
  return state.kind === 'connecting' || state.kind === 'streaming' || state.kind === 'reconnecting' ? state.serverId : undefined;
}

/** The state in words, for the window, the tray and headless logs. */
export function describeConnection(state: ConnectionState): string {
  switch (state.kind) {
    case 'stopped':
      return 'Not connected to Dust.';
    case 'registering':
      return state.previousServerId ? 'Registering again with Dust…' : 'Registering with Dust…';
    case 'backoff':
      return `Could not register with Dust (${state.error}); trying again soon.`;
    case 'connecting':
      return 'Connecting to Dust…';
    case 'streaming':
      return 'Connected to Dust.';
    case 'reconnecting':
      return `Reconnecting to Dust (${state.error})…`;
    case 'unauthorized':
      return state.message;
    case 'failed':
      return state.message;
  }
}
