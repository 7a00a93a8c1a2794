/**
 * One short-lived MCP client session of the fake Dust agent, over the request hub: what Dust's
 * `Client` + `ClientSideRedisMCPTransport` pair does for one listing or one tool call.
 *
 * Ids are rewritten to `mcp_req_<convSId>_<msgSId>_<uuid>_<n>` with `n` starting at 0 for each
 * session (docs/protocol/client-side-mcp.md#request-ids); on timeout the MCP SDK sends
 * `notifications/cancelled` with the ORIGINAL numeric id
 * (docs/protocol/client-side-mcp.md#timeouts), which is therefore not the id the desktop app saw.
 */
import { randomUUID } from 'node:crypto';

import type { EmulatorClock } from '../clock.js';
import type { Counters } from '../control/counters.js';
import type { AgentOptions } from '../options.js';
import { isRecord } from '../values.js';
import type { JsonRpcMessage, RequestHub, ServerAddress } from './hub.js';

export type RequestOutcome =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'timeout'; originalId: number };

/** `String(new McpError(RequestTimeout, "Request timed out"))` as the SDK puts it in `reason`. */
export const TIMEOUT_REASON = 'McpError: MCP error -32001: Request timed out';

export type InitializeOutcome =
  | { ok: true; instructions?: string }
  | { ok: false; reason: 'initialize_timeout' | 'jsonrpc_error' | 'bad_response'; message: string };

export class McpSession {
  private nextId = 0;
  private readonly unique = randomUUID();
  private readonly stops = new Set<() => void>();

  constructor(
    private readonly hub: RequestHub,
    private readonly clock: EmulatorClock,
    private readonly counters: Counters,
    private readonly address: ServerAddress,
    private readonly conversationId: string,
    private readonly messageId: string,
  ) {}

  /** Sends a request and waits for the response with the same rewritten id, or the timeout. */
  request(method: string, params: unknown, timeoutMs: number): Promise<RequestOutcome> {
    const originalId = this.nextId++;
    const id = `mcp_req_${this.conversationId}_${this.messageId}_${this.unique}_${originalId}`;
    return new Promise<RequestOutcome>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        stop();
        // The SDK's `cancel()` builds this object literally: jsonrpc first, unlike other messages.
        this.hub.publish(this.address, {
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: originalId, reason: TIMEOUT_REASON },
        });
        this.counters.bump('cancellationsSent');
        resolve({ kind: 'timeout', originalId });
      }, timeoutMs);
      const unexpect = this.hub.expect(this.address, id, (response) => {
        stop();
        if ('error' in response) resolve({ kind: 'error', error: response.error });
        else resolve({ kind: 'result', result: response.result });
      });
      const stop = (): void => {
        timer.cancel();
        unexpect();
        this.stops.delete(stop);
      };
      this.stops.add(stop);
      // Key order as the MCP SDK writes it: method, params, jsonrpc, id.
      const message: JsonRpcMessage =
        params === undefined
          ? { method, jsonrpc: '2.0', id }
          : { method, params, jsonrpc: '2.0', id };
      this.hub.publish(this.address, message);
    });
  }

  notify(method: string, params?: unknown): void {
    this.hub.publish(
      this.address,
      params === undefined ? { method, jsonrpc: '2.0' } : { method, params, jsonrpc: '2.0' },
    );
  }

  /**
   * `Client.connect`: initialize within the budget, check the version, then
   * `notifications/initialized`.
   */
  async initialize(options: AgentOptions): Promise<InitializeOutcome> {
    const outcome = await this.request(
      'initialize',
      {
        protocolVersion: options.protocolVersion,
        capabilities: {},
        clientInfo: { name: 'dust-mcp-client', version: '1.0.0' },
      },
      options.initializeTimeoutMs,
    );
    if (outcome.kind === 'timeout') {
      this.counters.bump('initializeTimeouts');
      return {
        ok: false,
        reason: 'initialize_timeout',
        message: `initialize not answered within ${options.initializeTimeoutMs} ms`,
      };
    }
    if (outcome.kind === 'error') {
      return {
        ok: false,
        reason: 'jsonrpc_error',
        message: `initialize failed: ${JSON.stringify(outcome.error)}`,
      };
    }
    const result = outcome.result;
    const version = isRecord(result) ? result.protocolVersion : undefined;
    if (typeof version !== 'string' || !options.supportedProtocolVersions.includes(version)) {
      return {
        ok: false,
        reason: 'bad_response',
        message: `Server's protocol version is not supported: ${String(version)}`,
      };
    }
    this.notify('notifications/initialized');
    const instructions =
      isRecord(result) && typeof result.instructions === 'string' ? result.instructions : undefined;
    return instructions === undefined ? { ok: true } : { ok: true, instructions };
  }

  /** `client.close()`: stop waiting; nothing is sent to the desktop app. */
  close(): void {
    for (const stop of [...this.stops]) stop();
  }
}
