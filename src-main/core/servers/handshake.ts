/**
 * The MCP handshake we run as a client of the local server: initialize → initialized → every
 * page of tools/list.
 *
 * We speak the "legacy" era with `initialize` (docs/protocol/mcp-facts.md#versions). The version we
 * offer is the newest one the pinned SDK knows; a server answers with the one it picked, and we
 * accept any version of that era, since we only relay tools and never use version-specific
 * features. A server that refuses `initialize` as unknown gets the modern era instead
 * (modern-era.ts).
 */
import { isRecord } from '../is-record.js';
import { isErrorResponse, type JsonRpcResponse } from '../jsonrpc.js';
import {
  MODERN_PROTOCOL_VERSION,
  modernRequester,
  readDiscoverResult,
  suggestsModernServer,
} from './modern-era.js';
import type { RpcRequestOptions } from './rpc-session.js';
import type { ServerInfo } from './state.js';
import { type HandshakeInfo, type McpTool } from './state.js';
import { describeHandshakeError } from './wording.js';

export const OFFERED_PROTOCOL_VERSION = '2025-11-25';
export const LEGACY_PROTOCOL_VERSIONS = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
  '2024-10-07',
];

/** What the handshake needs from a session (RpcSession, or a fake in unit tests). */
export interface RpcChannel {
  request(method: string, params: unknown, options?: RpcRequestOptions): Promise<JsonRpcResponse>;
  notify(method: string, params?: unknown): Promise<void>;
}

export type HandshakeResult =
  { ok: true; handshake: HandshakeInfo; tools: McpTool[] } | { ok: false; error: string };

export async function performHandshake(
  channel: RpcChannel,
  clientInfo: ServerInfo,
  protocolVersion = OFFERED_PROTOCOL_VERSION,
  capabilities: Record<string, unknown> = {},
): Promise<HandshakeResult> {
  const answer = await channel.request('initialize', { protocolVersion, capabilities, clientInfo });
  if (isErrorResponse(answer)) {
    if (suggestsModernServer(answer.error))
      return discoverModern(channel, clientInfo, answer.error);
    return { ok: false, error: describeHandshakeError(answer.error) };
  }
  const handshake = readInitializeResult(answer.result);
  if (typeof handshake === 'string') return { ok: false, error: handshake };
  await channel.notify('notifications/initialized');
  if (!('tools' in handshake.capabilities)) return { ok: true, handshake, tools: [] };
  const tools = await listAllTools(channel);
  return tools.ok ? { ok: true, handshake, tools: tools.tools } : tools;
}

async function discoverModern(
  channel: RpcChannel,
  clientInfo: ServerInfo,
  initializeError: { code: number; message: string },
): Promise<HandshakeResult> {
  const request = modernRequester((m, p, o) => channel.request(m, p, o), clientInfo);
  const answer = await request('server/discover', {});
  if (isErrorResponse(answer)) return { ok: false, error: describeHandshakeError(initializeError) };
  const discovered = readDiscoverResult(answer.result);
  if (typeof discovered === 'string') return { ok: false, error: discovered };
  const handshake: HandshakeInfo = {
    era: 'modern',
    protocolVersion: MODERN_PROTOCOL_VERSION,
    ...discovered,
  };
  if (!('tools' in handshake.capabilities)) return { ok: true, handshake, tools: [] };
  const tools = await listAllTools({ request, notify: (m, p) => channel.notify(m, p) });
  return tools.ok ? { ok: true, handshake, tools: tools.tools } : tools;
}

/** The handshake info, or why the answer is unusable (in words). */
export function readInitializeResult(result: unknown): HandshakeInfo | string {
  if (!isRecord(result) || typeof result.protocolVersion !== 'string') {
    return 'answered the handshake without a protocol version';
  }
  if (!LEGACY_PROTOCOL_VERSIONS.includes(result.protocolVersion)) {
    return `answered the handshake with protocol version ${result.protocolVersion}, which we do not support`;
  }
  const info = result.serverInfo;
  const serverInfo =
    isRecord(info) && typeof info.name === 'string'
      ? { name: info.name, version: typeof info.version === 'string' ? info.version : '' }
      : undefined;
  return {
    era: 'legacy',
    protocolVersion: result.protocolVersion,
    serverInfo,
    instructions: typeof result.instructions === 'string' ? result.instructions : undefined,
    capabilities: isRecord(result.capabilities) ? result.capabilities : {},
  };
}

/** Servers may paginate; Dust wants every tool in one page. Stops on a repeated cursor. */
const MAX_PAGES = 100;

export async function listAllTools(
  channel: RpcChannel,
  options: RpcRequestOptions = {},
): Promise<{ ok: true; tools: McpTool[] } | { ok: false; error: string }> {
  const tools: McpTool[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await channel.request(
      'tools/list',
      cursor === undefined ? {} : { cursor },
      options,
    );
    if (isErrorResponse(answer))
      return { ok: false, error: `could not list its tools: ${answer.error.message}` };
    const result = answer.result;
    if (!isRecord(result) || !Array.isArray(result.tools)) {
      return { ok: false, error: 'answered tools/list without a list of tools' };
    }
    for (const tool of result.tools)
      if (isRecord(tool) && typeof tool.name === 'string') tools.push(tool as McpTool);
    const next = result.nextCursor;
    if (typeof next !== 'string' || next === '' || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return { ok: true, tools };
}
