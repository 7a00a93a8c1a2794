import type { CancellationToken } from '../cancellation.js';
import type { JsonRpcResponse } from '../jsonrpc.js';
import type { ServerSupervisor } from '../servers/server-supervisor.js';
import type { McpTool } from '../servers/state.js';
import type { LocalTool, RelayTarget } from './relay-ports.js';

const FAILING_SERVER_WAIT_MS = 3_000;

/** The relay's view of a supervised local server. */
export class SupervisorRelayTarget implements RelayTarget {
  private lastTools: readonly McpTool[] | undefined;
  private lastConverted: readonly LocalTool[] | undefined;

  constructor(
    private readonly supervisor: ServerSupervisor,
    /** The tools the person switched off, read at each request (the settings may change). */
    private readonly switchedOff: () => readonly string[] = () => [],
  ) {}

  isSwitchedOff(tool: string): boolean {
    return this.switchedOff().includes(tool);
  }

  get serverName(): string {
    return this.supervisor.serverName;
  }

  tools(): readonly LocalTool[] | undefined {
    const tools = this.supervisor.tools();
    if (tools !== this.lastTools) {
      this.lastTools = tools;
      this.lastConverted = tools?.map(toLocalTool);
    }
    return this.lastConverted;
  }

  initializeInfo() {
    const info = this.supervisor.initializeInfo();
    if (!info) return undefined;
    return {
      ...(info.instructions ? { instructions: info.instructions } : {}),
      ...(info.serverInfo ? { serverInfo: info.serverInfo } : {}),
    };
  }

  /**
   * A server that is starting gets the full wait; one that keeps failing gets a short one, so
   * the agent hears the reason in seconds rather than after Dust's whole listing timeout.
   */
  whenReady(timeoutMs: number): Promise<boolean> {
    const failing = ['crashed', 'hung', 'backoff', 'failed'].includes(this.supervisor.state.kind);
    return this.supervisor.whenReady(
      failing ? Math.min(timeoutMs, FAILING_SERVER_WAIT_MS) : timeoutMs,
    );
  }

  describeProblem(): string {
    return this.supervisor.describeProblem();
  }

  request(
    method: string,
    params: unknown,
    options: { timeoutMs: number; cancellation: CancellationToken },
  ): Promise<JsonRpcResponse> {
    return this.supervisor.request(method, params, options);
  }
}

/** Keeps every field the server sent; only narrows the ones the relay and policy read. */
function toLocalTool(tool: McpTool): LocalTool {
  const annotations = tool['annotations'];
  return {
    ...tool,
    name: tool.name,
    ...(typeof tool['description'] === 'string' ? { description: tool['description'] } : {}),
    ...(typeof annotations === 'object' && annotations !== null
      ? { annotations: annotations as LocalTool['annotations'] }
      : {}),
  };
}
