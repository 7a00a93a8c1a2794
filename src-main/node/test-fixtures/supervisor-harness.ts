import type { LocalServerSpec } from '../../core/ports.js';
import {
  ServerSupervisor,
  type ServerSupervisorOptions,
  type SupervisorPorts,
} from '../../core/servers/server-supervisor.js';
import type { ServerState } from '../../core/servers/state.js';
import { RecordingLogger } from '../../core/testing/recording-logger.js';
import { NodeRandom } from '../node-random.js';
import { StdioMcpProcesses } from '../stdio-mcp-processes.js';
import { SystemClock } from '../system-clock.js';

export const CLIENT_INFO = { name: 'dust-mcp-tray-tests', version: '0.0.0' };

/** Real ports: child processes, real timers, crypto randomness; a recording logger. */
export function realPorts(): SupervisorPorts & { logger: RecordingLogger } {
  const clock = new SystemClock();
  return {
    processes: new StdioMcpProcesses({ closeGraceMs: 500, killGraceMs: 500 }),
    timers: clock,
    clock,
    random: new NodeRandom(),
    logger: new RecordingLogger(),
  };
}

/** A supervisor over real processes that records every state it goes through. */
export function superviseForTest(
  spec: LocalServerSpec,
  options: Partial<ServerSupervisorOptions> = {},
) {
  const supervisor = new ServerSupervisor(
    { name: 'under-test', spec, clientInfo: CLIENT_INFO, handshakeTimeoutMs: 10_000, ...options },
    realPorts(),
  );
  const history: ServerState[] = [];
  supervisor.onDidChangeState((state) => history.push(state));
  const kinds = () => history.map((state) => state.kind);
  /** Resolves with the first state (from now on, or the current one) that matches. */
  const until = (predicate: (state: ServerState) => boolean, ms = 15_000) =>
    new Promise<ServerState>((resolve, reject) => {
      if (predicate(supervisor.state)) return resolve(supervisor.state);
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`state not reached in ${ms} ms; went through: ${kinds().join(' → ')}`));
      }, ms);
      const subscription = supervisor.onDidChangeState((state) => {
        if (!predicate(state)) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve(state);
      });
    });
  return { supervisor, history, kinds, until };
}

/** The text of the first content item of a tools/call result. */
export function firstText(response: unknown): string {
  const result = (response as { result?: { content?: { text?: string }[] } }).result;
  const text = result?.content?.[0]?.text;
  if (text === undefined) throw new Error(`no text in ${JSON.stringify(response)}`);
  return text;
}
