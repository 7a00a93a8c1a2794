import { backoffDelay, type BackoffOptions } from '../backoff.js';
import { errorMessage } from '../error-message.js';
import { JsonRpcErrorCode, type JsonRpcResponse, makeErrorResponse } from '../jsonrpc.js';
import type { Random, Timers } from '../ports.js';
import { forgetRawJson } from '../raw-json/raw-json.js';
import { textSize } from '../text-size.js';
import type { DustApi } from './dust-api.js';
import { DustApiError, isRetryable } from './dust-errors.js';
import { resultBody } from './result-body.js';

export type DeliveryOutcome =
  | { kind: 'delivered'; attempts: number }
  /** Dust refused the body as too large; a JSON-RPC error was delivered instead. */
  | { kind: 'too_large'; attempts: number }
  /** The registration is gone (403 `mcp_auth_error`): no one can receive this answer any more. */
  | { kind: 'registration_gone'; attempts: number }
  | { kind: 'gave_up'; attempts: number; reason: string };

export interface ResultPosterOptions {
  maxAttempts: number;
  backoff: BackoffOptions;
}

export const DEFAULT_RESULT_POSTER_OPTIONS: ResultPosterOptions = {
  maxAttempts: 6,
  backoff: { initialMs: 250, maxMs: 8_000, jitter: 'equal' },
};

/**
 * Posts answers to Dust's `/mcp/results`, with the retries Dust's SDK transport lacks.
 *
 * Network trouble, 5xx and 429 are retried with jittered backoff (Dust keeps waiting up to its
 * 3-minute budget, so a few seconds of retry are worth it). A 413 gets Dust's own fallback, a
 * JSON-RPC error for the same id, as its BrowserMCPTransport does
 * (docs/protocol/client-side-mcp.md#results), so the agent learns why instead of timing out.
 */
export class ResultPoster {
  constructor(
    private readonly api: DustApi,
    private readonly timers: Timers,
    private readonly random: Random,
    private readonly options: ResultPosterOptions = DEFAULT_RESULT_POSTER_OPTIONS,
  ) {}

  async post(serverId: string, response: JsonRpcResponse): Promise<DeliveryOutcome> {
    try {
      // Made once: a retry sends the same body rather than serialising a large result again.
      const body = resultBody(serverId, response);
      let attempts = 0;
      for (;;) {
        attempts++;
        try {
          await this.api.postResultBody(body);
          return { kind: 'delivered', attempts };
        } catch (error) {
          if (error instanceof DustApiError && error.status === 413) {
            return await this.postTooLargeFallback(serverId, response, attempts);
          }
          // Dust's `validateMCPServerAccess`: unknown or expired serverId. Another 403 (say, the
          // workspace may no longer use the API) is not cured by registering again.
          if (
            error instanceof DustApiError &&
            error.status === 403 &&
            error.type === 'mcp_auth_error'
          )
            return { kind: 'registration_gone', attempts };
          const reason = errorMessage(error);
          if (!isRetryable(error) || attempts >= this.options.maxAttempts)
            return { kind: 'gave_up', attempts, reason };
          const wait =
            error instanceof DustApiError && error.retryAfterMs !== undefined
              ? Math.min(error.retryAfterMs, this.options.backoff.maxMs)
              : backoffDelay(attempts - 1, this.options.backoff, this.random);
          await new Promise<void>((resolve) => this.timers.setTimeout(resolve, wait));
        }
      }
    } finally {
      // Delivered or not, the server's text of the result is not needed any more.
      if ('result' in response) forgetRawJson(response.result);
    }
  }

  private async postTooLargeFallback(
    serverId: string,
    response: JsonRpcResponse,
    attempts: number,
  ): Promise<DeliveryOutcome> {
    // Not JSON.stringify(response).length: that would copy a result Dust just refused for its size.
    const size = textSize(response);
    const fallback = makeErrorResponse(
      response.id,
      JsonRpcErrorCode.ConnectionClosed,
      `Tool result too large to send to Dust (${Math.round(size / 1024)} KB). Ask for a smaller result, for example a narrower query or fewer lines.`,
    );
    try {
      await this.api.postResult(serverId, fallback);
      return { kind: 'too_large', attempts: attempts + 1 };
    } catch (error) {
      return {
        kind: 'gave_up',
        attempts: attempts + 1,
        reason: errorMessage(error),
      };
    }
  }
}
