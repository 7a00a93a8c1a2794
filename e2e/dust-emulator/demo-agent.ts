/**
 * A scripted Dust agent for demo mode: every so often it calls its tool on the most recently
 * registered local server that lists it (the person may add servers without it), as a real
 * agent would mid-conversation, so a newcomer watching the
 * app sees approval requests arrive without a Dust account. Uses only the emulator's controls.
 */
import type { CallToolOutcome } from './mcp/agent-types.js';
import type { Registration } from './mcp/registry.js';
import type { RunningEmulator } from './server.js';
import { errorMessage } from './values.js';

export interface DemoAgentOptions {
  /**
   * Time between calls (the demo uses ~20 s: long enough to read a request, short enough to wait
   * for).
   */
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

/**
 * While no registered server has the tool yet (servers start after sign-in), look again this soon.
 */
const LOOK_AGAIN_MS = 1_000;

export function startDemoAgent(emulator: RunningEmulator, options: DemoAgentOptions): DemoAgent {
  const log = options.log ?? (() => undefined);
  const toolName = options.toolName ?? 'echo';
  const args =
    options.arguments ?? ((n: number) => ({ message: `Hello from the demo agent (call ${n})` }));
  let calls = 0;
  let inFlight = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Which registrations list the tool: asked once per serverId, as an agent lists tools. */
  const hasTool = new Map<string, Promise<boolean>>();
  let waitingSaid = false;

  const listsTool = (registration: Registration): Promise<boolean> => {
    let known = hasTool.get(registration.serverId);
    if (!known) {
      known = emulator.agent
        .listTools({
          workspaceId: registration.workspaceSId,
          userId: registration.userSId,
          serverId: registration.serverId,
          conversationId: 'demo-conversation',
          messageId: 'demo-tools',
        })
        .then((outcome) => outcome.ok && outcome.tools.some((tool) => tool.name === toolName))
        .catch(() => false);
      hasTool.set(registration.serverId, known);
      // A server still starting answers with an error: ask again next time rather than remember
      // "no".
      void known.then((yes) => yes || hasTool.delete(registration.serverId));
    }
    return known;
  };

  /** The newest registration whose server lists the tool: the person may add servers without it. */
  const pick = async (): Promise<Registration | undefined> => {
    for (const registration of emulator.mcp
      .registrations()
      .sort((a, b) => b.registeredAt - a.registeredAt)) {
      if (await listsTool(registration)) return registration;
    }
    return undefined;
  };

  const tick = async (): Promise<void> => {
    if (stopped) return;
    if (inFlight >= (options.maxInFlight ?? 2)) {
      timer = setTimeout(() => void tick(), options.intervalMs);
      return;
    }
    const registration = await pick();
    if (stopped) return;
    if (!registration) {
      if (!waitingSaid)
        log(`Demo agent: no registered local server has a tool named "${toolName}" yet; waiting.`);
      waitingSaid = true;
      timer = setTimeout(() => void tick(), Math.min(LOOK_AGAIN_MS, options.intervalMs));
      return;
    }
    waitingSaid = false;
    timer = setTimeout(() => void tick(), options.intervalMs);
    const n = ++calls;
    inFlight++;
    log(
      `Demo agent: calling ${toolName} on "${registration.serverName}" (call ${n}); approve or deny it in the app.`,
    );
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
      .catch((error: unknown) => log(`Demo agent: call ${n} failed: ${errorMessage(error)}`))
      .finally(() => inFlight--);
  };

  timer = setTimeout(() => void tick(), options.firstCallMs ?? 2000);
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
    .map((item) =>
      typeof item === 'object' && item !== null && 'text' in item ? String(item.text) : '',
    )
    .join(' ')
    .slice(0, 200);
  return outcome.result.isError ? `error: ${text}` : `result: ${text}`;
}
