/**
 * The emulator's own polling helper for its tests (the emulator shares no code with the app, so
 * it does not borrow the app's). Same contract: polls `probe` until it returns something other
 * than `undefined` or `false`, resolves with it, or fails naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false,
  timeoutMs = 5_000,
): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  let value = probe();
  while (value === undefined || value === false) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = probe();
  }
  return value;
}
