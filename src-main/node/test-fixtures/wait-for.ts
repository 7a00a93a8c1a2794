/** What `waitFor` keeps polling on: a value means done; `undefined` or `false` means not yet. */
export type Probe<T> = () => T | undefined | false | Promise<T | undefined | false>;

/**
 * The one polling helper of the app's tests (unit, integration, headless, harness): calls `probe`
 * every 20 ms until it returns a value other than `undefined` or `false`, and resolves with that
 * value. After `timeoutMs` it fails with "Timed out waiting for <what>"; `what` may be a function,
 * read only then, so the message can show the state the test was stuck in.
 */
export async function waitFor<T>(
  what: string | (() => string),
  probe: Probe<T>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${typeof what === 'function' ? what() : what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
