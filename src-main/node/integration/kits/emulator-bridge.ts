import { afterEach } from 'vitest';

import type { RunningEmulator } from '../../../../e2e/dust-emulator/index.js';
import { createBridgeKit } from '../bridge-kit.js';
import { agentInput, streaming } from '../fault-kit.js';
import { useEmulator } from './emulator.js';

export type BridgeKit = ReturnType<typeof createBridgeKit>;
type KitOptions = Parameters<typeof createBridgeKit>[1];

/**
 * The setup of the bridge integration tests, in one place: a fresh Dust emulator before each test,
 * and after it the bridge kit the test started (`start`), then what the test handed to `onClose`
 * (latest first), then the emulator. Call it once at the top of a test file.
 */
export function useEmulatorBridge(emulatorOptions?: Parameters<typeof useEmulator>[0]) {
  const dust = useEmulator(emulatorOptions);
  let kit: BridgeKit | undefined;
  afterEach(async () => {
    await kit?.close();
    kit = undefined;
  });
  const current = (): BridgeKit => {
    if (!kit) throw new Error('no bridge kit: call start() first');
    return kit;
  };
  return {
    /** This test's emulator. */
    get emulator(): RunningEmulator {
      return dust.emulator;
    },
    /** The kit this test started. */
    get kit(): BridgeKit {
      return current();
    },
    /** Starts the real core against the emulator (or `target`, e.g. the emulator behind a proxy). */
    start(options?: KitOptions, target?: RunningEmulator): BridgeKit {
      kit = createBridgeKit(target ?? dust.emulator, options);
      return kit;
    },
    /** Waits for `name`'s open stream (and, unless told, its ready local server): its serverId. */
    streaming(name: string, options?: Parameters<typeof streaming>[2]): Promise<string> {
      return streaming(current(), name, options);
    },
    /** Who the emulator's agent is and where it calls: Ada, in conversation conv1. */
    agentInput(serverId: string, messageId?: string) {
      return agentInput(dust.emulator, serverId, messageId);
    },
    /** Closes a resource after the test, after the kit and before the emulator. */
    onClose: dust.onClose,
  };
}
