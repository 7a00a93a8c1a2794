import type { CancellationToken } from '../cancellation.js';
import type { Clock, Timers } from '../ports.js';
import type { DeviceAuthorization, TokenPair, WorkosClient } from './workos-client.js';

export type DeviceFlowResult =
  | { ok: true; tokens: TokenPair }
  /** `code` is 'cancelled', 'expired', or the sign-in service's own error code. */
  | { ok: false; code: string; message: string };

/** RFC 8628 §3.5: after `slow_down`, the interval grows by 5 s for the rest of the flow. */
const SLOW_DOWN_STEP_MS = 5_000;

/**
 * Polls until the person confirms the code in the browser, declines, or the code expires.
 *
 * Unlike Dust's CLI, a `slow_down` raises the interval for good (the RFC's rule), and network
 * errors while polling are not fatal: the code stays valid, so we keep trying until it expires.
 */
export async function waitForDeviceTokens(
  client: WorkosClient,
  authorization: DeviceAuthorization,
  deps: { clock: Clock; timers: Timers; cancellation: CancellationToken },
): Promise<DeviceFlowResult> {
  const deadline = deps.clock.now() + authorization.expiresInMs;
  let intervalMs = authorization.intervalMs;
  for (;;) {
    const waited = await sleep(intervalMs, deps.timers, deps.cancellation);
    if (!waited) return { ok: false, code: 'cancelled', message: 'Sign-in was cancelled.' };
    if (deps.clock.now() >= deadline) {
      return {
        ok: false,
        code: 'expired',
        message: 'The sign-in code expired before you confirmed it. Start again to get a new code.',
      };
    }
    let outcome;
    try {
      outcome = await client.pollOnce(authorization.deviceCode);
    } catch {
      continue;
    }
    if (deps.cancellation.isCancelled)
      return { ok: false, code: 'cancelled', message: 'Sign-in was cancelled.' };
    switch (outcome.kind) {
      case 'tokens':
        return { ok: true, tokens: outcome.tokens };
      case 'pending':
        continue;
      case 'slow_down':
        intervalMs += SLOW_DOWN_STEP_MS;
        continue;
      case 'failed':
        return { ok: false, code: outcome.code, message: outcome.message };
    }
  }
}

function sleep(ms: number, timers: Timers, cancellation: CancellationToken): Promise<boolean> {
  if (cancellation.isCancelled) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = timers.setTimeout(() => {
      listener.dispose();
      resolve(true);
    }, ms);
    const listener = cancellation.onCancelled(() => {
      timer.dispose();
      resolve(false);
    });
  });
}
