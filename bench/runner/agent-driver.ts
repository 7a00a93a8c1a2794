/**
 * Drives the emulator's fake Dust agent, in the runner's process: each call is what Dust does for
 * one tool call (a NEW MCP client: initialize within 5 s, notifications/initialized, tools/call).
 */
import type { CallToolOutcome, RunningEmulator } from '../../e2e/dust-emulator/index.js';

export interface Target {
  emulator: RunningEmulator;
  serverId: string;
}

let conversation = 0;

export function callTool(
  target: Target,
  toolName: string,
  args: Record<string, unknown>,
  timeoutMs?: number,
): Promise<CallToolOutcome> {
  const { emulator } = target;
  return emulator.agent.callTool({
    workspaceId: emulator.seeds.workspaceId,
    userId: emulator.seeds.users.ada.sId,
    serverId: target.serverId,
    conversationId: `bench${conversation++ % 1000}`,
    messageId: 'msg',
    toolName,
    arguments: args,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

export function listTools(target: Target) {
  const { emulator } = target;
  return emulator.agent.listTools({
    workspaceId: emulator.seeds.workspaceId,
    userId: emulator.seeds.users.ada.sId,
    serverId: target.serverId,
    conversationId: 'benchlist',
    messageId: 'msg',
  });
}

export interface LoadResult {
  calls: number;
  ok: number;
  failed: number;
  /** Failure reasons seen, with counts. */
  failures: Record<string, number>;
  durationMs: number;
}

/**
 * Runs `calls` echo calls with at most `concurrency` in flight (1 = sequential). `next` may
 * replace the default echo call (recovery uses sleep); `until` stops issuing new calls early.
 */
export async function runLoad(
  target: Target,
  options: {
    calls: number;
    concurrency: number;
    call?: (n: number) => Promise<CallToolOutcome>;
    until?: () => boolean;
  },
): Promise<LoadResult> {
  const call = options.call ?? ((n: number) => callTool(target, 'echo', { text: `c${n}` }));
  const result: LoadResult = { calls: 0, ok: 0, failed: 0, failures: {}, durationMs: 0 };
  let issued = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (issued < options.calls && !(options.until?.() ?? false)) {
      const n = issued++;
      const outcome = await call(n);
      result.calls++;
      // A denied or failed tool is an `isError` result: not a completed call either.
      const reason = !outcome.ok
        ? outcome.reason
        : outcome.result.isError === true
          ? 'tool_error'
          : undefined;
      if (reason === undefined) result.ok++;
      else {
        result.failed++;
        result.failures[reason] = (result.failures[reason] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  result.durationMs = performance.now() - started;
  return result;
}
