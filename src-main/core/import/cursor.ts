/**
 * Cursor's `~/.cursor/mcp.json` (global) or `<project>/.cursor/mcp.json`: the `mcpServers` shape,
 * plus remote servers (`url`, skipped: we run local stdio servers only) and Cursor's config
 * interpolation (`${userHome}`, `${workspaceFolder}`, `${env:NAME}`), which we fill in where we
 * know the value and report otherwise.
 */
import { parseMcpServersText } from './mcp-servers-config.js';
import type { ImportVariables, ParseResult } from './types.js';

export function parseCursorConfig(text: string, variables: ImportVariables = {}): ParseResult {
  return parseMcpServersText(text, { source: 'cursor', expands: true, variables });
}
