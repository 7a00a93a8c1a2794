/**
 * What every scenario gets: the emulator (in the runner's process), the timing recorder, the
 * counts, and the three long-lived clients, each with the one server it registered.
 */
import type { RunningEmulator } from '../../e2e/dust-emulator/index.js';
import { channelOf } from '../../e2e/dust-emulator/mcp/hub.js';
import type { ClientKind } from '../clients/protocol.js';
import type { BuildOutput } from '../runner/build-clients.js';
import type { ClientProcess } from '../runner/client-process.js';
import type { BenchConfig } from '../runner/config.js';
import type { SampleRecorder } from '../runner/timings.js';

export interface LiveClient {
  kind: ClientKind;
  process: ClientProcess;
  serverId: string;
}

export interface BenchContext {
  emulator: RunningEmulator;
  recorder: SampleRecorder;
  config: BenchConfig;
  clients: LiveClient[];
  built: BuildOutput;
  log(line: string): void;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a live requests stream is subscribed to this registration's channel right now. */
export function isStreaming(emulator: RunningEmulator, serverId: string): boolean {
  const address = {
    workspaceSId: emulator.seeds.workspaceId,
    userSId: emulator.seeds.users.ada.sId,
    serverId,
  };
  return emulator.context.mcp.hub.log.subscriberCount(channelOf(address)) > 0;
}

/** Polls until every server streams; throws after `timeoutMs`. */
export async function waitStreaming(
  emulator: RunningEmulator,
  serverIds: readonly string[],
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!serverIds.every((id) => isStreaming(emulator, id))) {
    if (performance.now() > deadline) throw new Error(`streams not back within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Per-client results keyed by kind. */
export type PerClient<T> = Partial<Record<ClientKind, T>>;
