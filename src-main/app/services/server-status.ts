import type { RegistrationState } from '../../core/registration/state.js';
import type { ServerState } from '../../core/servers/state.js';
import { problemOf } from '../../core/servers/state.js';

export type StatusTone = 'good' | 'warn' | 'bad' | 'idle';

/** One server's state in one sentence, for the top of its card; the tone colours it. */
export interface ServerStatusLine {
  tone: StatusTone;
  words: string;
  /** While waiting to try again: when (epoch ms), so the window can count down. */
  retryAt?: number;
}

export interface ServerStatusFacts {
  enabled: boolean;
  signedIn: boolean;
  /** Absent while signed out or before the bridge picked it up. */
  local: ServerState | undefined;
  dust: RegistrationState | undefined;
  toolCount: number;
}

const NOT_OFFERED = 'Agents cannot use it until it starts.';

/**
 * One consistent state in words, from the local server's and the registration's state machines.
 * "Here: crashed · Dust: not connected" made a person work out what that meant; this says it.
 * A server that has never started is not registered with Dust, and the words say so.
 */
export function serverStatusLine(facts: ServerStatusFacts): ServerStatusLine {
  const { local, dust } = facts;
  if (!facts.enabled) return { tone: 'idle', words: 'Off: agents cannot use it.' };
  if (!facts.signedIn || !local)
    return { tone: 'idle', words: 'Starts once you are signed in to Dust.' };
  const offered = dust !== undefined && dust.kind !== 'stopped';
  const problem = problemOf(local);
  switch (local.kind) {
    case 'starting':
      return {
        tone: 'warn',
        words: problem
          ? `Starting again (last time it ${problem}).${offered ? '' : ` ${NOT_OFFERED}`}`
          : 'Starting…',
      };
    case 'crashed':
    case 'hung':
      return { tone: 'bad', words: `It ${problem}.${offered ? '' : ` ${NOT_OFFERED}`}` };
    case 'backoff':
      return {
        tone: 'bad',
        words: `It ${problem}. It tries again by itself.${offered ? '' : ` ${NOT_OFFERED}`}`,
        retryAt: local.retryAt,
      };
    case 'failed':
      return {
        tone: 'bad',
        words: `It ${problem}. Tried ${local.attempts} times; no more tries until you press Retry.`,
      };
    case 'stopping':
    case 'stopped':
      return { tone: 'idle', words: problem ? `Stopped: it ${problem}.` : 'Stopped.' };
    case 'ready':
      return readyLine(dust, facts.toolCount);
  }
}

function readyLine(dust: RegistrationState | undefined, toolCount: number): ServerStatusLine {
  const tools = `${toolCount} ${toolCount === 1 ? 'tool' : 'tools'}`;
  switch (dust?.kind) {
    case 'streaming':
      return dust.stream === 'open'
        ? { tone: 'good', words: `Connected: agents can use its ${tools}.` }
        : { tone: 'warn', words: 'Running; connecting to Dust…' };
    case 'registering':
      return { tone: 'warn', words: 'Running; connecting to Dust…' };
    case 'reconnecting':
      return { tone: 'warn', words: `Running; reconnecting to Dust (${dust.lastError}).` };
    case 'registerBackoff':
      return {
        tone: 'warn',
        words: `Running, but Dust could not be reached (${dust.lastError}); trying again.`,
      };
    case 'failed':
      return { tone: 'bad', words: `Running, but Dust refused it: ${dust.reason}` };
    case 'unauthorized':
      return { tone: 'bad', words: `Running, but your Dust session ended (${dust.reason}).` };
    case 'stopped':
    case undefined:
      return { tone: 'warn', words: 'Running; connecting to Dust…' };
  }
}
