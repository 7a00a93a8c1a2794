/**
 * The fake Dust agent's MCP client (docs/protocol/client-side-mcp.md#agent-step,
 * docs/protocol/emulator.md#mcp-25 … #mcp-29), by hand over the
 * request hub so every id and every byte stays under the emulator's control.
 */
import type { EmulatorClock } from '../clock.js';
import type { Counters } from '../control/counters.js';
import type { AgentOptions } from '../options.js';
import { isRecord } from '../values.js';
import type {
  AgentMcpClient,
  AgentTool,
  CallToolInput,
  CallToolOutcome,
  ListToolsInput,
  ListToolsOutcome,
} from './agent-types.js';
import type { RequestHub } from './hub.js';
import { McpSession } from './mcp-session.js';
import type { McpRegistry } from './registry.js';
import { checkToolName } from './tool-names.js';

export type { AgentMcpClient } from './agent-types.js';

/** "Too many output items" above this many content items (Dust's check on tool output). */
export const MAX_CONTENT_ITEMS = 128;

export interface AgentDeps {
  readonly hub: RequestHub;
  readonly registry: McpRegistry;
  readonly clock: EmulatorClock;
  readonly counters: Counters;
  readonly options: () => AgentOptions;
}

export function createAgentClient(deps: AgentDeps): AgentMcpClient {
  let progressTokens = 9000;

  const open = (input: ListToolsInput): { session: McpSession; serverName: string } | undefined => {
    const registration = deps.registry.get(input.workspaceId, input.userId, input.serverId);
    if (!registration) return undefined;
    const address = {
      workspaceSId: input.workspaceId,
      userSId: input.userId,
      serverId: input.serverId,
    };
    const session = new McpSession(
      deps.hub,
      deps.clock,
      deps.counters,
      address,
      input.conversationId,
      input.messageId,
    );
    return { session, serverName: registration.serverName };
  };

  const notRegistered = (serverId: string) =>
    ({
      ok: false,
      reason: 'not_registered',
      message: `MCP server ${serverId} is not registered or expired`,
    }) as const;

  return {
    async listTools(input) {
      const opened = open(input);
      if (!opened) return notRegistered(input.serverId);
      const { session, serverName } = opened;
      try {
        const init = await session.initialize(deps.options());
        if (!init.ok) return init;
        const listed = await listAllTools(session, deps);
        if (!listed.ok) return listed;
        const tools: AgentTool[] = [];
        const skipped: Array<{ name: string; reason: string }> = [];
        for (const tool of listed.tools) {
          const check = checkToolName(serverName, tool.name, tool.inputSchema);
          if (!check.ok) {
            skipped.push({ name: tool.name, reason: check.reason });
            continue;
          }
          tools.push({
            name: tool.name,
            prefixedName: check.prefixedName,
            ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
            inputSchema: tool.inputSchema,
            ...(tool.annotations !== undefined ? { annotations: tool.annotations } : {}),
            stake: 'low',
          });
        }
        const outcome: ListToolsOutcome = { ok: true, serverName, tools, skipped };
        return init.instructions === undefined
          ? outcome
          : { ...outcome, instructions: init.instructions };
      } finally {
        session.close();
      }
    },

    async callTool(input: CallToolInput): Promise<CallToolOutcome> {
      const opened = open(input);
      if (!opened) return notRegistered(input.serverId);
      const { session } = opened;
      try {
        const init = await session.initialize(deps.options());
        if (!init.ok) {
          return init.reason === 'initialize_timeout'
            ? init
            : { ok: false, reason: init.reason, message: init.message };
        }
        const timeoutMs = input.timeoutMs ?? deps.options().callTimeoutMs;
        const params = {
          name: input.toolName,
          arguments: input.arguments,
          _meta: { progressToken: input.progressToken ?? progressTokens++ },
        };
        const outcome = await session.request('tools/call', params, timeoutMs);
        if (outcome.kind === 'timeout') {
          deps.counters.bump('callTimeouts');
          return {
            ok: false,
            reason: 'timeout',
            message: `MCP error -32001: Request timed out (${timeoutMs} ms)`,
          };
        }
        if (outcome.kind === 'error') {
          return {
            ok: false,
            reason: 'jsonrpc_error',
            message: 'The tool call returned a JSON-RPC error',
            error: outcome.error,
          };
        }
        const result = outcome.result;
        if (!isRecord(result))
          return {
            ok: false,
            reason: 'bad_response',
            message: 'tools/call result is not an object',
          };
        const content = result.content ?? [];
        if (!Array.isArray(content))
          return {
            ok: false,
            reason: 'bad_response',
            message: 'tools/call content is not an array',
          };
        if (content.length > MAX_CONTENT_ITEMS) {
          return { ok: false, reason: 'too_many_content_items', message: 'Too many output items' };
        }
        return { ok: true, result: { ...result, content: content as unknown[] } };
      } finally {
        session.close();
      }
    },
  };
}

interface RawTool {
  readonly name: string;
  readonly description?: unknown;
  readonly inputSchema: unknown;
  readonly annotations?: unknown;
}

type ListFailure = Extract<ListToolsOutcome, { ok: false }>;

/**
 * `listAllMCPTools`: follows `nextCursor`, fails on a repeated cursor, and fails (no truncated
 * list) when `nextCursor` is still set after `MCP_LIST_TOOLS_MAX_PAGES` pages. In
 * legacy mode it repeats the first-page request while `nextCursor` is set (the old bug).
 */
async function listAllTools(
  session: McpSession,
  deps: AgentDeps,
): Promise<{ ok: true; tools: RawTool[] } | ListFailure> {
  const options = deps.options();
  const tools: RawTool[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < options.maxListPages; page++) {
    const params = cursor === undefined || options.legacyPagination ? undefined : { cursor };
    const outcome = await session.request('tools/list', params, options.listTimeoutMs);
    if (outcome.kind === 'timeout') {
      deps.counters.bump('listTimeouts');
      return {
        ok: false,
        reason: 'list_timeout',
        message: `tools/list not answered within ${options.listTimeoutMs} ms`,
      };
    }
    if (outcome.kind === 'error') {
      return {
        ok: false,
        reason: 'jsonrpc_error',
        message: `tools/list failed: ${JSON.stringify(outcome.error)}`,
      };
    }
    const result = outcome.result;
    if (!isRecord(result) || !Array.isArray(result.tools)) {
      return { ok: false, reason: 'bad_response', message: 'tools/list result has no tools array' };
    }
    for (const tool of result.tools as unknown[]) {
      if (
        !isRecord(tool) ||
        typeof tool.name !== 'string' ||
        !isRecord(tool.inputSchema) ||
        tool.inputSchema.type !== 'object'
      ) {
        return {
          ok: false,
          reason: 'bad_response',
          message: `invalid tool in tools/list: ${JSON.stringify(tool)}`,
        };
      }
      tools.push(tool as unknown as RawTool);
    }
    const next = result.nextCursor;
    if (typeof next !== 'string') break;
    if (!options.legacyPagination) {
      if (seen.has(next))
        return { ok: false, reason: 'bad_response', message: `tools/list repeated cursor ${next}` };
      seen.add(next);
    }
    cursor = next;
    if (page + 1 === options.maxListPages && !options.legacyPagination) {
      return {
        ok: false,
        reason: 'bad_response',
        message: `tools/list still had more tools after ${options.maxListPages} pages`,
      };
    }
  }
  return { ok: true, tools };
}
