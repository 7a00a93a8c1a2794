import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

import type { JsonRpcMessage } from '../core/jsonrpc.js';

/**
 * Our message in the MCP SDK's type: the one cast where our JSON-RPC meets the SDK's. The SDK's
 * type is narrower than JSON-RPC (params and results must be objects, an error id cannot be
 * null), and its transports and `serializeMessage` only serialise what they are given, so a
 * check here would refuse nothing we send.
 */
export function forSdk(message: JsonRpcMessage): JSONRPCMessage {
  return message as JSONRPCMessage;
}
