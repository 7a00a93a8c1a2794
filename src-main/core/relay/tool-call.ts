import type { CancellationToken } from '../cancellation.js';
import {
  errorResponseFor,
  isJsonRpcErrorResponse,
  JsonRpcErrorCode,
  type JsonRpcRequest,
  type JsonRpcResponse,
  makeResultResponse,
} from '../jsonrpc.js';
import type { Clock } from '../ports.js';
import { parseDustRequestId } from './dust-request-id.js';
import type { CallGate, GatedCall, RelayObserver, RelayTarget } from './relay-ports.js';

export interface ToolCallDeps {
  target: RelayTarget;
  gate: CallGate;
  clock: Clock;
  observer: RelayObserver;
  cancellation: CancellationToken;
  budgetMs: number;
  toolsWaitMs: number;
  publishedAt?: number;
  /** Our progress token for this call, replacing Dust's in what the local server gets. */
  progressToken?: string;
  /** Told what the call is as soon as its tool is known. */
  onDescribed?: (call: GatedCall) => void;
  /** Told when the call is allowed and goes to the local server. */
  onForwarded?: () => void;
}

/**
 * One tools/call: find the tool, ask the gate, run it, and build Dust's answer.
 *
 * Returns undefined when Dust cancelled the call: the MCP spec says not to answer a cancelled
 * request, and Dust's client has stopped listening anyway.
 */
export async function runToolCall(request: JsonRpcRequest, deps: ToolCallDeps): Promise<JsonRpcResponse | undefined> {
  const started = deps.clock.monotonic();
  const params = (request.params ?? {}) as Record<string, unknown>;
  const name = params['name'];
  if (typeof name !== 'string') return errorResponseFor(request, JsonRpcErrorCode.InvalidParams, 'tools/call needs a tool name.');
  const rawArguments = params['arguments'];
  const args = typeof rawArguments === 'object' && rawArguments !== null && !Array.isArray(rawArguments) ? (rawArguments as Record<string, unknown>) : {};

  await deps.target.whenReady(deps.toolsWaitMs);
  const tool = deps.target.tools()?.find((candidate) => candidate.name === name);
  if (!tool) {
    const why = deps.target.tools() ? `it has no tool named "${name}"` : deps.target.describeProblem();
    return errorResponseFor(request, JsonRpcErrorCode.InvalidParams, `The local server "${deps.target.serverName}" cannot run this call: ${why}.`);
  }

  const ids = parseDustRequestId(request.id);
  const call: GatedCall = {
    requestId: request.id,
    serverName: deps.target.serverName,
    tool,
    arguments: args,
    conversationId: ids?.conversationId,
    messageId: ids?.messageId,
    receivedAt: deps.clock.now(),
    ...(deps.publishedAt === undefined ? {} : { publishedAt: deps.publishedAt }),
  };
  deps.onDescribed?.(call);
  deps.observer.onCallReceived(call);
  const finish = (kind: 'result' | 'tool_error' | 'failed' | 'cancelled' | 'denied', detail: string) =>
    deps.observer.onCallFinished(call, { kind, detail, ms: deps.clock.monotonic() - started });

  const decision = await deps.gate.decide(call, deps.cancellation);
  deps.observer.onCallDecided(call, decision);
  if (deps.cancellation.isCancelled) {
    finish('cancelled', 'Dust cancelled the call.');
    return undefined;
  }
  if (!decision.allow) {
    finish('denied', decision.reason);
    // A result the model can read and relay to the person, rather than an opaque failure.
    return makeResultResponse(request.id, { content: [{ type: 'text', text: `This call was not run: ${decision.reason}` }], isError: true });
  }

  const remainingMs = Math.max(1_000, deps.budgetMs - (deps.clock.monotonic() - started));
  const forwarded = { ...params, arguments: decision.arguments ?? args, ...withProgressToken(params['_meta'], deps.progressToken) };
  deps.onForwarded?.();
  let response: JsonRpcResponse;
  try {
    response = await deps.target.request('tools/call', forwarded, { timeoutMs: remainingMs, cancellation: deps.cancellation });
  } catch (error) {
    if (deps.cancellation.isCancelled) {
      finish('cancelled', 'Dust cancelled the call.');
      return undefined;
    }
    const reason = error instanceof Error ? error.message : String(error);
    finish('failed', reason);
    return errorResponseFor(request, JsonRpcErrorCode.InternalError, `The local server "${deps.target.serverName}" failed: ${reason}`);
  }
  // A cancelled request gets no response (MCP "Cancellation"), whatever the local server or our
  // own session made of it (a -32800 error, or a late result that raced the cancel).
  if (deps.cancellation.isCancelled) {
    finish('cancelled', 'Dust cancelled the call.');
    return undefined;
  }
  if (isJsonRpcErrorResponse(response)) {
    finish('failed', response.error.message);
    return { jsonrpc: '2.0', id: request.id, error: response.error };
  }
  const result = response.result as { isError?: unknown } | undefined;
  finish(result?.isError === true ? 'tool_error' : 'result', result?.isError === true ? 'The tool reported an error.' : 'Done.');
  return makeResultResponse(request.id, response.result);
}

/**
 * `_meta` with our own progress token: Dust's token means nothing to us, and ours tells which call
 * a `notifications/progress` from the local server is about. Dust's other `_meta` keys are kept.
 */
function withProgressToken(meta: unknown, token: string | undefined): { _meta?: Record<string, unknown> } {
  if (token === undefined) return {};
  const base = typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? (meta as Record<string, unknown>) : {};
  return { _meta: { ...base, progressToken: token } };
}
