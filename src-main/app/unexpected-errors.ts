import { redactText } from '../core/activity/redact.js';
import type { Logger } from '../core/ports.js';
import { redactSecretPatterns } from '../core/secrets/redact-patterns.js';
import type { InvokeChannel } from '../shared/ipc-contract.js';

/**
 * The IPC router's `onUnexpectedError`: one log line per handler error nobody meant to throw,
 * with its stack, masked of known secrets (raw and encoded) and of anything secret-shaped, since
 * an error may quote a token or an env value.
 */
export function logUnexpectedIpcError(
  logger: Logger,
  knownSecrets: () => Iterable<string>,
): (channel: InvokeChannel, error: unknown) => void {
  return (channel, error) => {
    const text =
      error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    logger.log('error', 'An IPC handler failed unexpectedly', {
      channel,
      error: redactSecretPatterns(redactText(text, knownSecrets())),
    });
  };
}
