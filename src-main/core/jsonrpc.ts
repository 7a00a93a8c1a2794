/**
 * JSON-RPC 2.0 message types, guards and builders for the relay.
 *
 * Dust rewrites every request id to an opaque `mcp_req_…` string and restores the original only
 * when the answer carries that exact string (docs/protocol/client-side-mcp.md#request-ids), so ids
 * here are `string | number` and are never converted, trimmed or renumbered. Parsing returns the
 * very object it was given (no copy), so fields we do not model travel on untouched.
 */
import { isRecord } from './is-record.js';

/** A request id exactly as received; compare with `===`, never coerce. */
export type JsonRpcId = string | number;

/** `params` is a structured value by the spec: an object or an array. */
export type JsonRpcParams = Record<string, unknown> | readonly unknown[];

export type JsonRpcRequest = {
  jsonrpc: '2.0';
  id: JsonRpcId;
  method: string;
  params?: JsonRpcParams;
};
export type JsonRpcNotification = { jsonrpc: '2.0'; method: string; params?: JsonRpcParams };
export type JsonRpcErrorObject = { code: number; message: string; data?: unknown };
export type JsonRpcResultResponse = { jsonrpc: '2.0'; id: JsonRpcId; result: unknown };
/** `id` is null only when the peer could not read the id of the message it answers. */
export type JsonRpcErrorResponse = {
  jsonrpc: '2.0';
  id: JsonRpcId | null;
  error: JsonRpcErrorObject;
};
export type JsonRpcResponse = JsonRpcResultResponse | JsonRpcErrorResponse;
export type JsonRpcAnyMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;

/**
 * A JSON-RPC 2.0 message as it travels between us and a server process (request, notification,
 * response or error), checked only for `"jsonrpc": "2.0"`: the supervisor and the relay look at
 * the members they need, and everything else passes through untouched.
 */
export type JsonRpcMessage = Record<string, unknown> & { jsonrpc: '2.0' };

interface KindMap {
  request: JsonRpcRequest;
  notification: JsonRpcNotification;
  result: JsonRpcResultResponse;
  error: JsonRpcErrorResponse;
}
export type JsonRpcKind = keyof KindMap;

export type JsonRpcParseResult =
  | { [K in JsonRpcKind]: { ok: true; kind: K; message: KindMap[K] } }[JsonRpcKind]
  | { ok: false; error: string };

/**
 * Error codes: the JSON-RPC 2.0 reserved ones, plus the two the MCP SDK defines
 * (`ConnectionClosed`, `RequestTimeout`); Dust's own 413 fallback also uses -32000.
 */
export const JsonRpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  ConnectionClosed: -32000,
  RequestTimeout: -32001,
  /** LSP's RequestCancelled, for a request we gave up on because the caller cancelled it. */
  RequestCancelled: -32800,
} as const;
export type JsonRpcErrorCode = (typeof JsonRpcErrorCode)[keyof typeof JsonRpcErrorCode];

export function isJsonRpcId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** The cheap check for a message off the wire: an object with `"jsonrpc": "2.0"`. */
export function isJsonRpcMessage(value: unknown): value is JsonRpcMessage {
  return isRecord(value) && value['jsonrpc'] === '2.0';
}

function isParams(value: unknown): value is JsonRpcParams {
  return typeof value === 'object' && value !== null;
}

function isErrorObject(value: unknown): value is JsonRpcErrorObject {
  return isRecord(value) && Number.isInteger(value['code']) && typeof value['message'] === 'string';
}

/**
 * Classifies an untrusted value as one of the four JSON-RPC message kinds.
 *
 * The error string says what is wrong in words, for the activity log. Batches (arrays) are
 * refused: MCP removed them in 2025-06-18 and Dust never sends them.
 */
export function parseJsonRpc(value: unknown): JsonRpcParseResult {
  if (Array.isArray(value)) return { ok: false, error: 'JSON-RPC batches are not supported' };
  if (!isRecord(value)) return { ok: false, error: 'A JSON-RPC message must be a JSON object' };
  if (value['jsonrpc'] !== '2.0')
    return { ok: false, error: 'The "jsonrpc" member must be exactly "2.0"' };
  const hasId = 'id' in value;
  const id = value['id'];
  if ('method' in value) {
    if (typeof value['method'] !== 'string')
      return { ok: false, error: 'The "method" member must be a string' };
    if ('result' in value || 'error' in value) {
      return { ok: false, error: 'A message cannot have both "method" and "result" or "error"' };
    }
    if ('params' in value && !isParams(value['params'])) {
      return { ok: false, error: 'The "params" member must be an object or an array' };
    }
    if (!hasId) return { ok: true, kind: 'notification', message: value as JsonRpcNotification };
    if (!isJsonRpcId(id))
      return { ok: false, error: 'A request "id" must be a string or a number' };
    return { ok: true, kind: 'request', message: value as JsonRpcRequest };
  }
  const hasResult = 'result' in value;
  const hasError = 'error' in value;
  if (hasResult === hasError) {
    return { ok: false, error: 'A response must have exactly one of "result" or "error"' };
  }
  if (hasResult) {
    if (!isJsonRpcId(id))
      return { ok: false, error: 'A response "id" must be a string or a number' };
    return { ok: true, kind: 'result', message: value as JsonRpcResultResponse };
  }
  if (!isJsonRpcId(id) && id !== null) {
    return { ok: false, error: 'An error response "id" must be a string, a number or null' };
  }
  if (!isErrorObject(value['error'])) {
    return {
      ok: false,
      error: 'The "error" member must have an integer "code" and a string "message"',
    };
  }
  return { ok: true, kind: 'error', message: value as JsonRpcErrorResponse };
}

/** Parses JSON text, reporting unparsable text as a JSON-RPC parse error in words. */
export function parseJsonRpcText(text: string): JsonRpcParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The message is not valid JSON' };
  }
  return parseJsonRpc(value);
}

export function isJsonRpcRequest(value: unknown): value is JsonRpcRequest {
  return kindOf(value) === 'request';
}

export function isJsonRpcNotification(value: unknown): value is JsonRpcNotification {
  return kindOf(value) === 'notification';
}

export function isJsonRpcResponse(value: unknown): value is JsonRpcResponse {
  const kind = kindOf(value);
  return kind === 'result' || kind === 'error';
}

export function isJsonRpcErrorResponse(value: unknown): value is JsonRpcErrorResponse {
  return kindOf(value) === 'error';
}

function kindOf(value: unknown): JsonRpcKind | undefined {
  const parsed = parseJsonRpc(value);
  return parsed.ok ? parsed.kind : undefined;
}

/** Narrows a response already known to be one (no validation: use `parseJsonRpc` for that). */
export function isErrorResponse(response: JsonRpcResponse): response is JsonRpcErrorResponse {
  return 'error' in response;
}

/** A success response that echoes `id` as given (the same string Dust sent). */
export function makeResultResponse(id: JsonRpcId, result: unknown): JsonRpcResultResponse {
  return { jsonrpc: '2.0', id, result };
}

/** An error response; `data` is left out when undefined so the wire stays minimal. */
export function makeErrorResponse(
  id: JsonRpcId | null,
  code: number,
  message: string,
  data?: unknown,
): JsonRpcErrorResponse {
  const error: JsonRpcErrorObject =
    data === undefined ? { code, message } : { code, message, data };
  return { jsonrpc: '2.0', id, error };
}

/** The error answer to a specific request, carrying its id untouched. */
export function errorResponseFor(
  request: Pick<JsonRpcRequest, 'id'>,
  code: number,
  message: string,
  data?: unknown,
): JsonRpcErrorResponse {
  return makeErrorResponse(request.id, code, message, data);
}

/** The error answer to a method we do not serve (Dust sends no ping, resources or prompts). */
export function methodNotFound(request: JsonRpcRequest): JsonRpcErrorResponse {
  return errorResponseFor(
    request,
    JsonRpcErrorCode.MethodNotFound,
    `Method not found: ${request.method}`,
  );
}
