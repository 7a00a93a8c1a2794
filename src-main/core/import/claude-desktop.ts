/**
 * Claude Desktop's `claude_desktop_config.json`: `{"mcpServers": {name: {command, args, env}}}`
 * next to unrelated app preferences, which are ignored. Claude passes `${…}` text through
 * literally, so we do too (and warn).
 */
import { parseMcpServersText } from './mcp-servers-config.js';
import type { ParseResult } from './types.js';

export function parseClaudeDesktopConfig(text: string): ParseResult {
  return parseMcpServersText(text, { source: 'claude-desktop', expands: false });
}
