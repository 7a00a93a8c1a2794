/**
 * The fake Dust agent's MCP client, as the conversation runner (`conversations/turn.ts`) uses it
 * (docs/protocol/client-side-mcp.md#agent-step, docs/protocol/emulator.md#mcp-25 … #mcp-29).
 * Each call starts a NEW client, as Dust does per listing and per tool call.
 */
export interface ListToolsInput {
  readonly workspaceId: string;
  readonly userId: string;
  readonly serverId: string;
  readonly conversationId: string;
  readonly messageId: string;
}

export interface CallToolInput extends ListToolsInput {
  readonly toolName: string;
  readonly arguments: Record<string, unknown>;
  /** Default `callTimeoutMs` (180 s). */
  readonly timeoutMs?: number;
  /** `_meta.progressToken`; Dust uses the action's model id. Defaults to a counter. */
  readonly progressToken?: number;
}

export interface AgentTool {
  readonly name: string;
  /** `slug(serverName)__slug(tool)`, what the model sees. */
  readonly prefixedName: string;
  readonly description?: string;
  readonly inputSchema: unknown;
  readonly annotations?: unknown;
  /** Always "low" for client-side tools, whatever `_meta.dust.stake` says. */
  readonly stake: 'low';
}

export type ListToolsOutcome =
  | {
      ok: true;
      serverName: string;
      tools: AgentTool[];
      skipped: Array<{ name: string; reason: string }>;
      /** `instructions` from the `initialize` result, if any. */
      instructions?: string;
    }
  | {
      ok: false;
      reason:
        'initialize_timeout' | 'list_timeout' | 'jsonrpc_error' | 'bad_response' | 'not_registered';
      message: string;
    };

export type CallToolOutcome =
  | { ok: true; result: { content: unknown[]; isError?: boolean; [k: string]: unknown } }
  | {
      ok: false;
      reason:
        | 'initialize_timeout'
        | 'timeout'
        | 'jsonrpc_error'
        | 'too_many_content_items'
        | 'bad_response'
        | 'not_registered';
      message: string;
      error?: unknown;
    };

export interface AgentMcpClient {
  /**
   * A NEW client: initialize (5 s budget) → notifications/initialized → tools/list (60 s, follows
   * nextCursor, fails on repeated cursor, page cap).
   */
  listTools(input: ListToolsInput): Promise<ListToolsOutcome>;
  /**
   * A NEW client: initialize → notifications/initialized → tools/call {name, arguments,
   * _meta:{progressToken}}; timeout default 180 s, then notifications/cancelled with the ORIGINAL
   * numeric requestId.
   */
  callTool(input: CallToolInput): Promise<CallToolOutcome>;
}
