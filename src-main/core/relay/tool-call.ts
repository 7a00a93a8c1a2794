import type { CancellationToken } from '../cancellation.js';
import { errorMessage } from '../error-message.js';
import { isRecord } from '../is-record.js';
import {
  errorResponseFor,
  isJsonRpcErrorResponse,
  JsonRpcErrorCode,
  type JsonRpcRequest,
  type JsonRpcResponse,
  makeResultResponse,
} from '../jsonrpc.js';
import type { IDisposable } from '../lifecycle.js';
import type { Clock } from '../ports.js';
import { parseDustRequestId } from './dust-request-id.js';
import type { CallGate, GatedCall, RelayObserver, RelayTarget } from './relay-ports.js';

export interface ToolCallDeps {
  target: RelayTarget;
  gate: CallGate;
  clock: Clock;
  observer: RelayObserver;
  cancellation: CancellationToken;
  /** The person stopped the call from the window (Dust still waits for an answer). */
  stop?: CancellationToken;
  budgetMs: number;
  toolsWaitMs: number;
  publishedAt?: number | undefined;
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
export async function runToolCall(
  request: JsonRpcRequest,
  deps: ToolCallDeps,
): Promise<JsonRpcResponse | undefined> {
  const started = deps.clock.monotonic();
  const params = (request.params ?? {}) as Record<string, unknown>;
  const name = params['name'];
  if (typeof name !== 'string')
    return errorResponseFor(
      request,
      JsonRpcErrorCode.InvalidParams,
      'tools/call needs a tool name.',
    );
  const rawArguments = params['arguments'];
  const args = isRecord(rawArguments) ? rawArguments : {};

  if (deps.target.isSwitchedOff?.(name)) return refuseSwitchedOff(request, name, deps);
  await deps.target.whenReady(deps.toolsWaitMs);
  const tool = deps.target.tools()?.find((candidate) => candidate.name === name);
  if (!tool) {
    const why = deps.target.tools()
      ? `it has no tool named "${name}"`
      : deps.target.describeProblem();
    return errorResponseFor(
      request,
      JsonRpcErrorCode.InvalidParams,
      `The local server "${deps.target.serverName}" cannot run this call: ${why}.`,
    );
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
    publishedAt: deps.publishedAt,
  };
  deps.onDescribed?.(call);
  deps.observer.onCallReceived(call);
  const finish = (
    kind: 'result' | 'tool_error' | 'failed' | 'cancelled' | 'denied',
    detail: string,
  ) => deps.observer.onCallFinished(call, { kind, detail, ms: deps.clock.monotonic() - started });

  const decision = await deps.gate.decide(call, deps.cancellation);
  deps.observer.onCallDecided(call, decision);
  if (deps.cancellation.isCancelled) {
    finish('cancelled', 'Dust cancelled the call.');
    return undefined;
  }
  if (!decision.allow) {
    finish('denied', decision.reason);
    // A result the model can read and relay to the person, rather than an opaque failure.
    return makeResultResponse(request.id, {
      content: [{ type: 'text', text: `This call was not run: ${decision.reason}` }],
      isError: true,
    });
  }

  const stopped = () => {
    finish('cancelled', STOPPED_DETAIL);
    return makeResultResponse(request.id, {
      content: [{ type: 'text', text: STOPPED_FOR_AGENT }],
      isError: true,
    });
  };
  if (deps.stop?.isCancelled) return stopped();
  const remainingMs = Math.max(1_000, deps.budgetMs - (deps.clock.monotonic() - started));
  const cancellation = deps.stop
    ? eitherCancelled(deps.cancellation, deps.stop)
    : deps.cancellation;
  const forwarded = {
    ...params,
    arguments: decision.arguments ?? args,
    ...withProgressToken(params['_meta'], deps.progressToken),
  };
  deps.onForwarded?.();
  let response: JsonRpcResponse;
  try {
    response = await deps.target.request('tools/call', forwarded, {
      timeoutMs: remainingMs,
      cancellation,
    });
    if (deps.stop?.isCancelled && !deps.cancellation.isCancelled) return stopped();
  } catch (error) {
    if (deps.stop?.isCancelled && !deps.cancellation.isCancelled) return stopped();
    if (deps.cancellation.isCancelled) {
      finish('cancelled', 'Dust cancelled the call.');
      return undefined;
    }
    const reason = errorMessage(error);
    finish('failed', reason);
    return errorResponseFor(
      request,
      JsonRpcErrorCode.InternalError,
      `The local server "${deps.target.serverName}" failed: ${reason}`,
    );
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
  finish(
    result?.isError === true ? 'tool_error' : 'result',
    result?.isError === true ? 'The tool reported an error.' : 'Done.',
  );
  return makeResultResponse(
    request.id,
    decision.arguments ? withEditNotice(response.result, decision.arguments) : response.result,
  );
}

export const STOPPED_DETAIL = 'Stopped by you while it ran.';
export const STOPPED_FOR_AGENT =
  'The person stopped this call while it was running, so it did not finish; it may have done part of its work. Ask them before trying again.';

/**
 * The result with a first line saying the person changed the arguments: the model asked for one
 * thing and got the result of another, and should not assume its own arguments were used.
 */
export function withEditNotice(result: unknown, edited: Record<string, unknown>): unknown {
  const notice = {
    type: 'text',
    text: `Note: the person changed the arguments before approving; the tool ran with ${JSON.stringify(edited)}.`,
  };
  if (typeof result !== 'object' || result === null) return { content: [notice] };
  const content = (result as { content?: unknown }).content;
  return {
    ...result,
    content: [notice, ...(Array.isArray(content) ? (content as unknown[]) : [])],
  };
}

/** Cancelled as soon as either token is (Dust gave up, or the person stopped the call). */
function eitherCancelled(first: CancellationToken, second: CancellationToken): CancellationToken {
  return new EitherCancelled(first, second);
}

/** A class rather than an object literal with a getter, which is slow to create (one per call). */
class EitherCancelled implements CancellationToken {
  constructor(
    private readonly first: CancellationToken,
    private readonly second: CancellationToken,
  ) {}

  get isCancelled(): boolean {
    return this.first.isCancelled || this.second.isCancelled;
  }

  onCancelled(listener: () => void): IDisposable {
    let fired = false;
    const once = () => {
      if (fired) return;
      fired = true;
      listener();
    };
    const a = this.first.onCancelled(once);
    const b = this.second.onCancelled(once);
    return { dispose: () => (a.dispose(), b.dispose()) };
  }
}

/**
 * A call to a tool the person switched off (the agent may have listed the tools before): not
 * asked about, not run, and the agent reads why. Recorded in Activity like a denial.
 */
function refuseSwitchedOff(
  request: JsonRpcRequest,
  name: string,
  deps: ToolCallDeps,
): JsonRpcResponse {
  const reason = `The tool "${name}" of "${deps.target.serverName}" is switched off in Dust MCP Tray.`;
  const ids = parseDustRequestId(request.id);
  const params = (request.params ?? {}) as Record<string, unknown>;
  const rawArguments = params['arguments'];
  const call: GatedCall = {
    requestId: request.id,
    serverName: deps.target.serverName,
    tool: { name },
    arguments: isRecord(rawArguments) ? rawArguments : {},
    conversationId: ids?.conversationId,
    messageId: ids?.messageId,
    receivedAt: deps.clock.now(),
  };
  deps.observer.onCallReceived(call);
  deps.observer.onCallDecided(call, { allow: false, reason, by: 'policy' });
  deps.observer.onCallFinished(call, { kind: 'denied', detail: reason, ms: 0 });
  const words = `the tool "${name}" of "${deps.target.serverName}" is switched off in Dust MCP Tray.`;
  return makeResultResponse(request.id, {
    content: [{ type: 'text', text: `This call was not run: ${words}` }],
    isError: true,
  });
}

/**
 * `_meta` with our own progress token: Dust's token means nothing to us, and ours tells which call
 * a `notifications/progress` from the local server is about. Dust's other `_meta` keys are kept.
 */
function withProgressToken(
  meta: unknown,
  token: string | undefined,
): { _meta?: Record<string, unknown> } {
  if (token === undefined) return {};
  const base = isRecord(meta) ? meta : {};
  return { _meta: { ...base, progressToken: token } };
}
