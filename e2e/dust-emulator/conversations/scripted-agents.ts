/**
 * The deterministic "model" behind the emulator's agents: pure helpers, no I/O.
 *
 * A scripted agent never guesses. The tool it calls comes from a ```json block in the user's
 * message (`{"tool": "<name or prefixed name>", "arguments": {…}}`, or `{"calls": [...]}` for
 * several calls in one step) or from its seed configuration, and its answer quotes the tool's real
 * result, so an end-to-end test can assert that the bytes a local MCP server produced reached the
 * conversation.
 */

export interface ToolRequest {
  /** Original or prefixed tool name; undefined = the first tool listed. */
  tool?: string;
  arguments: Record<string, unknown>;
}

/**
 * A tool as the agent's MCP client lists it, already filtered and prefixed
 * (docs/protocol/client-side-mcp.md#tool-names).
 */
export interface ListedTool {
  name: string;
  /** `slug(serverName)__slug(tool)`, what the model sees (`getPrefixedToolName`). */
  prefixedName: string;
}

export interface AvailableTool {
  serverId: string;
  serverName: string;
  tool: ListedTool;
  prefixedName: string;
}

const JSON_BLOCK = /```(?:json)?\s*\n([\s\S]*?)\n?```/;

/**
 * The calls a message asks for: `{"tool","arguments"}` for one, `{"calls":[…]}` for several in
 * the same step (parallel calls, each with its own approval). Null when there is no request.
 */
export function parseToolRequests(content: string): ToolRequest[] | null {
  const match = JSON_BLOCK.exec(content);
  if (!match?.[1]) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(match[1]);
  } catch {
    return null;
  }
  const calls = (parsed as { calls?: unknown } | null)?.calls;
  if (!Array.isArray(calls)) {
    const single = toRequest(parsed);
    return single === null ? null : [single];
  }
  const requests = calls.map(toRequest);
  return requests.length > 0 && requests.every((r) => r !== null) ? requests : null;
}

/**
 * Reads the first fenced JSON block of a message; null when absent or not a single tool request.
 */
export function parseToolRequest(content: string): ToolRequest | null {
  const match = JSON_BLOCK.exec(content);
  if (!match?.[1]) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(match[1]);
  } catch {
    return null;
  }
  return toRequest(parsed);
}

function toRequest(parsed: unknown): ToolRequest | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const args = record.arguments ?? record.args ?? {};
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return null;
  const tool = typeof record.tool === 'string' ? record.tool : undefined;
  const argumentsRecord = args as Record<string, unknown>;
  return tool === undefined ? { arguments: argumentsRecord } : { tool, arguments: argumentsRecord };
}

/** Picks the requested tool by original or prefixed name; the first one when none is named. */
export function findTool(
  tools: readonly AvailableTool[],
  wanted: string | undefined,
): AvailableTool | undefined {
  if (wanted === undefined) return tools[0];
  return tools.find((t) => t.tool.name === wanted || t.prefixedName === wanted);
}

/** The text Dust puts before the model when a server's listing failed (`tryListMCPTools`). */
export function listingErrorText(serverName: string): string {
  return (
    `An error occurred while listing the available tools for ${serverName}. ` +
    'Tools from this server are not available for this message.'
  );
}

/** Flattens MCP `content[]` into the text the agent quotes. */
export function contentToText(content: readonly unknown[]): string {
  return content
    .map((item) => {
      const entry = item as {
        type?: unknown;
        text?: unknown;
        resource?: { text?: unknown; uri?: unknown };
      };
      if (entry.type === 'text' && typeof entry.text === 'string') return entry.text;
      if (entry.type === 'resource' && typeof entry.resource?.text === 'string')
        return entry.resource.text;
      return `[${typeof entry.type === 'string' ? entry.type : 'unknown'} content]`;
    })
    .join('\n');
}

/** Splits an answer into `parts` chunks (at least two when possible) so clients see streaming. */
export function chunk(text: string, parts = 3): string[] {
  if (text.length < 2) return [text];
  const size = Math.ceil(text.length / Math.min(parts, text.length));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export const NO_SERVER_ANSWER =
  'No client-side MCP server is attached to this message, so I cannot call any tool.';
export const NO_TOOLS_ANSWER = 'Hello from the Dust emulator. I answered without using any tool.';
export const REJECTED_TEXT =
  'The user rejected this specific action execution, so I did not run it.';
