import { afterEach, beforeEach } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../../e2e/dust-emulator/index.js';
import { createBridgeKit } from '../bridge-kit.js';
import { agentInput, streaming } from '../fault-kit.js';

export type BridgeKit = ReturnType<typeof createBridgeKit>;
type KitOptions = Parameters<typeof createBridgeKit>[1];

/**
 * The setup of the bridge integration tests, in one place: a fresh Dust emulator before each test,
 * and after it the bridge kit the test started (`start`), then what the test handed to `onClose`
 * (latest first), then the emulator. Call it once at the top of a test file.
 */
export function useEmulatorBridge(emulatorOptions?: Parameters<typeof startEmulator>[0]) {
  let emulator: RunningEmulator | undefined;
  let kit: BridgeKit | undefined;
  const closers: Array<() => unknown> = [];
  beforeEach(async () => {
    emulator = await startEmulator(emulatorOptions);
  });
  afterEach(async () => {
    await kit?.close();
    kit = undefined;
    for (const close of closers.splice(0).reverse()) await close();
    await emulator?.close();
    emulator = undefined;
  });
  const current = (): RunningEmulator => {
    if (!emulator) throw new Error('no emulator: use it inside a test');
    return emulator;
  };
  return {
    /** This test's emulator. */
    get emulator(): RunningEmulator {
      return current();
    },
    /** The kit this test started. */
    get kit(): BridgeKit {
      if (!kit) throw new Error('no bridge kit: call start() first');
      return kit;
    },
    /** Starts the real core against the emulator (or `target`, e.g. the emulator behind a proxy). */
    start(options?: KitOptions, target?: RunningEmulator): BridgeKit {
      kit = createBridgeKit(target ?? current(), options);
      return kit;
    },
    /** Waits for `name`'s open stream (and, unless told, its ready local server): its serverId. */
    streaming(name: string, options?: Parameters<typeof streaming>[2]): Promise<string> {
      if (!kit) throw new Error('no bridge kit: call start() first');
      return streaming(kit, name, options);
    },
    /** Who the emulator's agent is and where it calls: Ada, in conversation conv1. */
    agentInput(serverId: string, messageId?: string) {
      return agentInput(current(), serverId, messageId);
    },
    /** Closes `resource` after the test, after the kit and before the emulator. */
    onClose(close: () => unknown): void {
      closers.push(close);
    },
  };
}
