import { afterEach, beforeEach } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../../e2e/dust-emulator/index.js';

/** What a test hands over to be closed after it: run latest first, before the emulator closes. */
export interface Closes {
  onClose(close: () => unknown): void;
}

/**
 * A fresh Dust emulator before each test, closed after it, once what the test handed to
 * `onClose` is closed (latest first). The kits below build on it; call one of them once at the
 * top of a test file. Vitest runs after-hooks in reverse order, so a hook a test file registers
 * after this call runs before the emulator closes.
 */
export function useEmulator(options?: Parameters<typeof startEmulator>[0]) {
  let emulator: RunningEmulator | undefined;
  const closers: Array<() => unknown> = [];
  beforeEach(async () => {
    emulator = await startEmulator(options);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await emulator?.close();
    emulator = undefined;
  });
  return {
    /** This test's emulator. */
    get emulator(): RunningEmulator {
      if (!emulator) throw new Error('no emulator: use it inside a test');
      return emulator;
    },
    onClose: (close: () => unknown): void => {
      closers.push(close);
    },
  };
}
