/**
 * The "modern" MCP era (protocol 2026-07-28) toward a local server: no `initialize`; every request
 * carries the protocol version, client info and client capabilities in `_meta`; `server/discover`
 * describes the server; `ping` is gone (docs/protocol/mcp-facts.md#modern-era; schema at
 * modelcontextprotocol/modelcontextprotocol `schema/2026-07-28/schema.ts`).
 *
 * We try `initialize` first and discover only when a server refuses it as unknown or for its
 * version. Probing `server/discover` first would be cheaper for modern servers, but older SDKs
 * (the Python one among them) treat any request before `initialize` as a fatal error, and those
 * are nearly every server people run today.
 */
import { isRecord } from '../is-record.js';
import type { JsonRpcResponse } from '../jsonrpc.js';
import type { RpcRequestOptions } from './rpc-session.js';
import type { ServerInfo } from './state.js';

export const MODERN_PROTOCOL_VERSION = '2026-07-28';

const VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
const CLIENT_INFO_KEY = 'io.modelcontextprotocol/clientInfo';
const CAPABILITIES_KEY = 'io.modelcontextprotocol/clientCapabilities';
const SERVER_INFO_KEY = 'io.modelcontextprotocol/serverInfo';

/** initialize refused as unknown (-32601) or for its version (-32022): worth a discover. */
export function suggestsModernServer(error: { code: number }): boolean {
  return error.code === -32601 || error.code === -32022;
}

/**
 * `params` with our per-request `_meta` added. Keys the caller set (Dust's `progressToken`)
 * are kept; ours win for the three protocol keys, which describe us, not Dust.
 */
export function withModernMeta(params: unknown, clientInfo: ServerInfo): Record<string, unknown> {
  const base = isRecord(params) ? params : {};
  const meta = isRecord(base._meta) ? base._meta : {};
  return {
    ...base,
    _meta: {
      ...meta,
      [VERSION_KEY]: MODERN_PROTOCOL_VERSION,
      [CLIENT_INFO_KEY]: clientInfo,
      [CAPABILITIES_KEY]: {},
    },
  };
}

/** A request function that decorates every call with the modern `_meta`. */
export function modernRequester(
  request: (
    method: string,
    params: unknown,
    options?: RpcRequestOptions,
  ) => Promise<JsonRpcResponse>,
  clientInfo: ServerInfo,
) {
  return (method: string, params: unknown, options?: RpcRequestOptions) =>
    request(method, withModernMeta(params, clientInfo), options);
}

/** What a server/discover result tells us, or why it is unusable. */
export function readDiscoverResult(result: unknown):
  | {
      serverInfo: ServerInfo | undefined;
      instructions: string | undefined;
      capabilities: Record<string, unknown>;
    }
  | string {
  if (!isRecord(result) || !Array.isArray(result.supportedVersions)) {
    return 'answered server/discover without a list of supported versions';
  }
  if (!result.supportedVersions.includes(MODERN_PROTOCOL_VERSION)) {
    const versions =
      result.supportedVersions.filter((v) => typeof v === 'string').join(', ') || 'none';
    return `supports protocol versions ${versions}, none of which we speak`;
  }
  const meta = isRecord(result._meta) ? result._meta : {};
  const info = meta[SERVER_INFO_KEY];
  return {
    serverInfo:
      isRecord(info) && typeof info.name === 'string'
        ? { name: info.name, version: typeof info.version === 'string' ? info.version : '' }
        : undefined,
    instructions: typeof result.instructions === 'string' ? result.instructions : undefined,
    capabilities: isRecord(result.capabilities) ? result.capabilities : {},
  };
}
