/**
 * Which listed tools Dust keeps and what the model calls them
 * (docs/protocol/client-side-mcp.md#tool-names, `getPrefixedToolName`): `slug(serverName)`
 * truncated to fit + `__` + `slug(tool)`, at most 64 characters of `[a-zA-Z0-9_.-]`. A tool whose
 * own slug exceeds 64 characters, or with an argument name outside `^[a-zA-Z0-9_.-]{1,64}$`, is
 * skipped. When fewer than 3 characters of prefix would fit, the tool slug is used alone (as
 * recalled from Dust's code; unconfirmed).
 */
import { slugify } from './slugify.js';

export const MAX_TOOL_NAME_LENGTH = 64;
const SEPARATOR = '__';
const MIN_PREFIX_LENGTH = 3;
const ALLOWED = /[^a-zA-Z0-9_.-]/g;
const ARGUMENT_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;

export type NameCheck = { ok: true; prefixedName: string } | { ok: false; reason: string };

export function checkToolName(
  serverName: string,
  toolName: string,
  inputSchema: unknown,
): NameCheck {
  const toolSlug = slugify(toolName).replace(ALLOWED, '');
  if (toolSlug.length === 0) return { ok: false, reason: 'invalid_tool_name' };
  if (toolSlug.length > MAX_TOOL_NAME_LENGTH) return { ok: false, reason: 'tool_name_too_long' };
  const properties =
    typeof inputSchema === 'object' && inputSchema !== null && 'properties' in inputSchema
      ? inputSchema.properties
      : undefined;
  const argumentNames =
    typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
  const badArgument = argumentNames.find((name) => !ARGUMENT_NAME.test(name));
  if (badArgument !== undefined)
    return { ok: false, reason: `invalid_argument_name: ${badArgument}` };
  const room = MAX_TOOL_NAME_LENGTH - SEPARATOR.length - toolSlug.length;
  if (room < MIN_PREFIX_LENGTH) return { ok: true, prefixedName: toolSlug };
  const prefix = slugify(serverName).replace(ALLOWED, '').slice(0, room);
  return { ok: true, prefixedName: `${prefix}${SEPARATOR}${toolSlug}` };
}
