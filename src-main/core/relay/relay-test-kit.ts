/** The relay under test with a fake local server, gate and observer: shared by the relay tests. */
import type { CancellationToken } from '../cancellation.js';
import type { JsonRpcAnyMessage, JsonRpcResponse } from '../jsonrpc.js';
import { FakeClock } from '../testing/fake-clock.js';
import { DEFAULT_RELAY_OPTIONS, McpRelay } from './mcp-relay.js';
import type {
  CallGate,
  GateDecision,
  LocalTool,
  RelayObserver,
  RelayTarget,
} from './relay-ports.js';

export const echoTool: LocalTool = {
  name: 'echo',
  description: 'Echoes',
  inputSchema: { type: 'object' },
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function setup(
  options: { ready?: boolean; decide?: (token: CancellationToken) => Promise<GateDecision> } = {},
) {
  const clock = new FakeClock();
  const posted: JsonRpcResponse[] = [];
  const localCalls: Array<{ params: unknown; cancellation: CancellationToken }> = [];
  let localAnswer: (params: unknown) => Promise<JsonRpcResponse> = (params) =>
    Promise.resolve({
      jsonrpc: '2.0',
      id: 99,
      result: { content: [{ type: 'text', text: JSON.stringify(params) }] },
    });
  const target: RelayTarget = {
    serverName: 'everything',
    tools: () => (options.ready === false ? undefined : [echoTool, { name: 'other' }]),
    initializeInfo: () =>
      options.ready === false
        ? undefined
        : { instructions: 'Use echo.', serverInfo: { name: 'everything', version: '2.0.0' } },
    whenReady: () => Promise.resolve(options.ready !== false),
    describeProblem: () => 'exited with code 1: boom',
    request: (_method, params, requestOptions) => {
      localCalls.push({ params, cancellation: requestOptions.cancellation });
      return localAnswer(params);
    },
  };
  const gateCalls: unknown[] = [];
  const gate: CallGate = {
    decide: (call, cancellation) => {
      gateCalls.push(call);
      return options.decide
        ? options.decide(cancellation)
        : Promise.resolve({ allow: true, reason: 'test', by: 'policy' });
    },
  };
  const outcomes: string[] = [];
  const observer: RelayObserver = {
    onCallReceived: () => undefined,
    onCallDecided: () => undefined,
    onCallFinished: (_call, outcome) => outcomes.push(outcome.kind),
    onRequestAnswered: () => undefined,
  };
  const relay = new McpRelay(target, gate, clock, observer, {
    ...DEFAULT_RELAY_OPTIONS,
    appVersion: '1.0.0',
  });
  /** Dust's stream: every answer is collected in `posted`. */
  const fromDust = {
    reply: (response: JsonRpcResponse) => (posted.push(response), Promise.resolve()),
  };
  const handle = (message: JsonRpcAnyMessage) => relay.handle(message, fromDust);
  const settle = () => clock.advance(0);
  return {
    relay,
    handle,
    posted,
    localCalls,
    gateCalls,
    outcomes,
    settle,
    setLocalAnswer: (fn: typeof localAnswer) => (localAnswer = fn),
  };
}

export const dustId = (n: number, unique = 'a1b2-c3') => `mcp_req_conv1_msg1_${unique}_${n}`;
