import { CancellationTokenSource } from '../cancellation.js';
import {
  errorResponseFor,
  isJsonRpcNotification,
  isJsonRpcRequest,
  type JsonRpcAnyMessage,
  JsonRpcErrorCode,
  type JsonRpcRequest,
  type JsonRpcResponse,
  makeErrorResponse,
  makeResultResponse,
} from '../jsonrpc.js';
import { OldestFirstMap } from '../oldest-first-map.js';
import type { Clock } from '../ports.js';
import { textSize } from '../text-size.js';
import { activityId } from './dust-request-id.js';
import { InFlightCalls } from './in-flight-calls.js';
import { buildInitializeResult } from './initialize-answer.js';
import type { CallGate, RelayObserver, RelayTarget, Reply, RequestContext } from './relay-ports.js';
import { runToolCall } from './tool-call.js';

export interface RelayOptions {
  appVersion: string;
  /** How long tools/list waits for a local server that is still starting (Dust waits 60 s). */
  toolsListWaitMs: number;
  /** Dust cancels a tools/call after 3 min (docs/protocol/client-side-mcp.md#timeouts). */
  dustCallBudgetMs: number;
}

/** How many answers are kept to re-post on a replay (Dust replays what is still pending). */
const ANSWERED_CAPACITY = 2_000;
/** And how much text they may hold in all: a few 16 MiB results must not pin hundreds of MiB. */
const ANSWERED_BUDGET_CHARS = 48 * 1024 * 1024;

export const DEFAULT_RELAY_OPTIONS: Omit<RelayOptions, 'appVersion'> = {
  toolsListWaitMs: 20_000,
  dustCallBudgetMs: 180_000,
};

/**
 * Answers Dust's MCP messages for one local server.
 *
 * - `initialize` is answered at once from what we know (never late: Dust waits 5 s).
 * - `tools/list` returns every tool in one page, with no `nextCursor` (older Dust code looped
 *   on the first page when a cursor was set).
 * - `tools/call` goes through the gate, then to the local server; a tool failure stays an
 *   `isError` result, a local failure becomes a JSON-RPC error.
 * - Every answer carries Dust's id exactly as received; a request id is executed at most once
 *   (a replay gets the cached answer re-posted).
 * - Each answer goes out through the reply that came with its request (a replay's through its
 *   own), so the relay needs no memory of where requests came from.
 */
export class McpRelay {
  private readonly inFlight = new InFlightCalls();
  /** Answers by request id, oldest first, at most ANSWERED_CAPACITY. */
  private readonly answered = new OldestFirstMap<
    string,
    { response: JsonRpcResponse; chars: number }
  >();
  private answeredChars = 0;
  private readonly running = new Set<Promise<void>>();
  /** The person's stop, by Dust's request id as the activity log keys it. */
  private readonly stops = new Map<string, CancellationTokenSource>();
  private progressTokens = 0;

  constructor(
    private readonly target: RelayTarget,
    private readonly gate: CallGate,
    private readonly clock: Clock,
    private readonly observer: RelayObserver,
    private readonly options: RelayOptions,
  ) {}

  get pendingCallCount(): number {
    return this.inFlight.size;
  }

  /**
   * Handles one message from Dust's request stream; a request is answered through
   * `context.reply`. Never throws.
   */
  handle(message: JsonRpcAnyMessage, context: RequestContext): void {
    if (isJsonRpcRequest(message)) {
      const work = this.handleRequest(message, context).finally(() => this.running.delete(work));
      this.running.add(work);
    } else if (isJsonRpcNotification(message) && message.method === 'notifications/cancelled') {
      this.inFlight.cancelMatching(message.params);
    }
    // notifications/initialized and stray responses need no answer.
  }

  /**
   * The person stops a call (by the activity log's id): the local server is told to cancel, and
   * the agent gets a result saying the person stopped it. False if no such call is in flight.
   */
  stopCall(activityId: string): boolean {
    const stop = this.stops.get(activityId);
    if (!stop) return false;
    stop.cancel();
    return true;
  }

  /** A `notifications/progress` from the local server: shown on the call it belongs to. */
  handleLocalProgress(params: unknown): void {
    if (typeof params !== 'object' || params === null) return;
    const { progressToken, progress, total, message } = params as Record<string, unknown>;
    const call = this.inFlight.byProgressToken(progressToken);
    if (!call || typeof progress !== 'number' || !Number.isFinite(progress)) return;
    const ratio =
      typeof total === 'number' && total > 0
        ? Math.min(1, Math.max(0, progress / total))
        : undefined;
    this.observer.onCallProgress?.(call, {
      ...(ratio === undefined ? {} : { ratio }),
      ...(typeof message === 'string' && message.trim() !== '' ? { message } : {}),
    });
  }

  /** The calls running now on this server (tool known), oldest first, with their cancellation. */
  runningCalls() {
    return this.inFlight.running();
  }

  /** Cancels every call in flight: Dust is told nothing more about them. */
  cancelAll(): void {
    this.inFlight.cancelAll();
  }

  /** Resolves when every request being handled has been answered (or given up). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async handleRequest(request: JsonRpcRequest, context: RequestContext): Promise<void> {
    const key = idKey(request.id);
    // A repeat while the call runs: the running call answers, through its own request's reply.
    if (this.inFlight.has(key)) return;
    const cached = this.answered.get(key);
    if (cached) {
      await send(context.reply, cached.response);
      return;
    }
    const started = this.clock.monotonic();
    const response = await this.answer(request, key, context.publishedAt);
    if (!response) return;
    this.remember(key, response);
    this.observer.onRequestAnswered(request.method, this.clock.monotonic() - started);
    await send(context.reply, response);
  }

  private async answer(
    request: JsonRpcRequest,
    key: string,
    publishedAt: number | undefined,
  ): Promise<JsonRpcResponse | undefined> {
    switch (request.method) {
      case 'initialize':
        return makeResultResponse(
          request.id,
          buildInitializeResult(request.params, this.target, this.options.appVersion),
        );
      case 'ping':
        return makeResultResponse(request.id, {});
      case 'tools/list':
        return this.listTools(request);
      case 'tools/call': {
        const source = new CancellationTokenSource();
        const stop = new CancellationTokenSource();
        const stopKey = activityId(request.id);
        this.stops.set(stopKey, stop);
        const progressToken = `dust-mcp-tray-${++this.progressTokens}`;
        this.inFlight.add(key, request.id, source, this.clock.now(), progressToken);
        try {
          return await runToolCall(request, {
            target: this.target,
            gate: this.gate,
            clock: this.clock,
            observer: this.observer,
            cancellation: source.token,
            stop: stop.token,
            budgetMs: this.options.dustCallBudgetMs,
            toolsWaitMs: this.options.toolsListWaitMs,
            progressToken,
            onDescribed: (call) => this.inFlight.describe(key, call),
            onForwarded: () => this.inFlight.markForwarded(key),
            publishedAt,
          });
        } finally {
          this.inFlight.delete(key);
          this.stops.delete(stopKey);
          source.dispose();
          stop.dispose();
        }
      }
      default:
        return makeErrorResponse(
          request.id,
          JsonRpcErrorCode.MethodNotFound,
          `Method not supported by Dust MCP Tray: ${request.method}`,
        );
    }
  }

  private async listTools(request: JsonRpcRequest): Promise<JsonRpcResponse> {
    const ready = await this.target.whenReady(this.options.toolsListWaitMs);
    const tools = this.target.tools();
    if (!ready || !tools) {
      return errorResponseFor(
        request,
        JsonRpcErrorCode.InternalError,
        `The local server "${this.target.serverName}" is not available: ${this.target.describeProblem()}`,
      );
    }
    const off = this.target.isSwitchedOff?.bind(this.target);
    return makeResultResponse(request.id, {
      tools: off ? tools.filter((tool) => !off(tool.name)) : tools,
    });
  }

  /** Keeps the answer for replays, forgetting the oldest past the capacity in O(1). */
  private remember(key: string, response: JsonRpcResponse): void {
    this.forget(key);
    const chars = textSize(response, ANSWERED_BUDGET_CHARS + 1);
    this.answered.set(key, { response, chars });
    this.answeredChars += chars;
    while (this.answered.size > ANSWERED_CAPACITY || this.answeredChars > ANSWERED_BUDGET_CHARS) {
      const oldest = this.answered.shift();
      if (!oldest) break;
      this.answeredChars -= oldest[1].chars;
    }
  }

  private forget(key: string): void {
    const entry = this.answered.get(key);
    if (!entry) return;
    this.answered.delete(key);
    this.answeredChars -= entry.chars;
  }
}

async function send(reply: Reply, response: JsonRpcResponse): Promise<void> {
  try {
    await reply(response);
  } catch {
    // The poster retries and reports delivery failures itself.
  }
}

function idKey(id: string | number): string {
  return `${typeof id}:${String(id)}`;
}
