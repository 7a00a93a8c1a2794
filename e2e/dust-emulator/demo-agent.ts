/**
 * A scripted Dust agent for demo mode: every so often it calls a tool of the most recently
 * registered local server, as a real agent would mid-conversation, so a newcomer watching the
 * app sees approval requests arrive without a Dust account. Uses only the emulator's controls.
 */
import type { CallToolOutcome } from './mcp/agent-types.js';
import type { RunningEmulator } from './server.js';

export interface DemoAgentOptions {
  /** Time between calls (the demo uses ~20 s: long enough to read a request, short enough to wait for). */
  intervalMs: number;
  /** Delay before the first call; short, so the first request shows up soon after sign-in. */
  firstCallMs?: number;
  toolName?: string;
  arguments?: (n: number) => Record<string, unknown>;
  /** No new call while this many wait for a person (nobody is watching: do not pile them up). */
  maxInFlight?: number;
  log?: (line: string) => void;
}

export interface DemoAgent {
  /** Calls made so far. */
  readonly calls: number;
  stop(): void;
}

export function startDemoAgent(emulator: RunningEmulator, options: DemoAgentOptions): DemoAgent {
  const log = options.log ?? (() => undefined);
  const toolName = options.toolName ?? 'echo';
  const args = options.arguments ?? ((n: number) => ({ message: `Hello from the demo agent (call ${n})` }));
  let calls = 0;
  let inFlight = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = (): void => {
    if (stopped) return;
    timer = setTimeout(tick, options.intervalMs);
    if (inFlight >= (options.maxInFlight ?? 2)) return;
    const registration = emulator.mcp.registrations().sort((a, b) => b.registeredAt - a.registeredAt)[0];
    if (!registration) {
      log('Demo agent: no local server is registered yet; waiting.');
      return;
    }
    const n = ++calls;
    inFlight++;
    log(`Demo agent: calling ${toolName} on "${registration.serverName}" (call ${n}); approve or deny it in the app.`);
    emulator.agent
      .callTool({
        workspaceId: registration.workspaceSId,
        userId: registration.userSId,
        serverId: registration.serverId,
        conversationId: 'demo-conversation',
        messageId: `demo-message-${n}`,
        toolName,
        arguments: args(n),
      })
      .then((outcome) => log(`Demo agent: call ${n} → ${describe(outcome)}`))
      .catch((error: unknown) => log(`Demo agent: call ${n} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => inFlight--);
  };

  timer = setTimeout(tick, options.firstCallMs ?? 2000);
  return {
    get calls() {
      return calls;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function describe(outcome: CallToolOutcome): string {
  if (!outcome.ok) return `${outcome.reason}: ${outcome.message}`;
  const text = outcome.result.content
    .map((item) => (typeof item === 'object' && item !== null && 'text' in item ? String((item).text) : ''))
    .join(' ')
    .slice(0, 200);
  return outcome.result.isError ? `error: ${text}` : `result: ${text}`;
}
