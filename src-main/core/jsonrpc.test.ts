import { describe, expect, it } from 'vitest';

import type { JsonRpcMessage } from './jsonrpc.js';
import {
  errorResponseFor,
  isErrorResponse,
  isJsonRpcErrorResponse,
  isJsonRpcId,
  isJsonRpcMessage,
  isJsonRpcNotification,
  isJsonRpcRequest,
  isJsonRpcResponse,
  JsonRpcErrorCode,
  type JsonRpcRequest,
  makeErrorResponse,
  makeResultResponse,
  methodNotFound,
  parseJsonRpc,
  parseJsonRpcText,
} from './jsonrpc.js';

const dustId = 'mcp_req_Ob2c5Cy4BE_8kLqW2xYzA_1752488430120_0';

describe('parseJsonRpc', () => {
  it.each([
    ['request with a Dust id', { method: 'tools/list', jsonrpc: '2.0', id: dustId }, 'request'],
    [
      'request with a numeric id',
      { jsonrpc: '2.0', id: 0, method: 'initialize', params: {} },
      'request',
    ],
    [
      'request with array params',
      { jsonrpc: '2.0', id: 'a', method: 'x', params: [1, 2] },
      'request',
    ],
    ['request with an empty-string id', { jsonrpc: '2.0', id: '', method: 'x' }, 'request'],
    ['notification', { method: 'notifications/initialized', jsonrpc: '2.0' }, 'notification'],
    ['result response', { jsonrpc: '2.0', id: dustId, result: { content: [] } }, 'result'],
    ['result response with a null result', { jsonrpc: '2.0', id: 1, result: null }, 'result'],
    [
      'error response',
      { jsonrpc: '2.0', id: 7, error: { code: -32601, message: 'nope' } },
      'error',
    ],
    [
      'error response with a null id',
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'x' } },
      'error',
    ],
  ])('classifies a %s', (_name, value, kind) => {
    const parsed = parseJsonRpc(value);
    expect(parsed).toMatchObject({ ok: true, kind });
    expect(parsed.ok && parsed.message).toBe(value);
  });

  it.each([
    ['a string', 'hello', 'must be a JSON object'],
    ['null', null, 'must be a JSON object'],
    ['a batch', [{ jsonrpc: '2.0', method: 'x' }], 'batches are not supported'],
    ['version 1.0', { jsonrpc: '1.0', id: 1, method: 'x' }, '"jsonrpc" member'],
    ['no version', { id: 1, method: 'x' }, '"jsonrpc" member'],
    ['a numeric method', { jsonrpc: '2.0', id: 1, method: 3 }, '"method" member must be a string'],
    ['method and result', { jsonrpc: '2.0', id: 1, method: 'x', result: 1 }, 'both "method"'],
    ['scalar params', { jsonrpc: '2.0', id: 1, method: 'x', params: 'p' }, '"params" member'],
    ['null params', { jsonrpc: '2.0', method: 'x', params: null }, '"params" member'],
    ['an object id', { jsonrpc: '2.0', id: { a: 1 }, method: 'x' }, 'request "id"'],
    ['a null request id', { jsonrpc: '2.0', id: null, method: 'x' }, 'request "id"'],
    ['a NaN id', { jsonrpc: '2.0', id: Number.NaN, method: 'x' }, 'request "id"'],
    ['neither result nor error', { jsonrpc: '2.0', id: 1 }, 'exactly one of'],
    [
      'both result and error',
      { jsonrpc: '2.0', id: 1, result: 1, error: { code: 1, message: 'm' } },
      'exactly one of',
    ],
    ['a result without id', { jsonrpc: '2.0', result: 1 }, 'response "id"'],
    ['a result with a null id', { jsonrpc: '2.0', id: null, result: 1 }, 'response "id"'],
    [
      'an error with a boolean id',
      { jsonrpc: '2.0', id: true, error: { code: 1, message: 'm' } },
      'error response "id"',
    ],
    ['an error without code', { jsonrpc: '2.0', id: 1, error: { message: 'm' } }, 'integer "code"'],
    [
      'an error with a fractional code',
      { jsonrpc: '2.0', id: 1, error: { code: 1.5, message: 'm' } },
      'integer "code"',
    ],
    ['an error without message', { jsonrpc: '2.0', id: 1, error: { code: 1 } }, 'string "message"'],
  ])('rejects %s with a clear error', (_name, value, fragment) => {
    const parsed = parseJsonRpc(value);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(fragment);
  });

  it('keeps unknown members and the id untouched (same object)', () => {
    const value = {
      jsonrpc: '2.0',
      id: '007',
      method: 'tools/call',
      params: { name: 't' },
      _extra: 1,
    };
    const parsed = parseJsonRpc(value);
    expect(parsed.ok && parsed.kind === 'request' && parsed.message.id).toBe('007');
    expect(parsed.ok && parsed.message).toBe(value);
  });
});

describe('parseJsonRpcText', () => {
  it('parses text into a message', () => {
    expect(parseJsonRpcText('{"jsonrpc":"2.0","id":"1","method":"ping"}')).toMatchObject({
      ok: true,
      kind: 'request',
      message: { id: '1' },
    });
  });

  it('reports invalid JSON', () => {
    expect(parseJsonRpcText('{"jsonrpc":')).toEqual({
      ok: false,
      error: 'The message is not valid JSON',
    });
  });
});

describe('guards', () => {
  const request = { jsonrpc: '2.0', id: 1, method: 'x' };
  const notification = { jsonrpc: '2.0', method: 'x' };
  const result = { jsonrpc: '2.0', id: 1, result: {} };
  const error = { jsonrpc: '2.0', id: 1, error: { code: 1, message: 'm' } };

  it.each([
    [request, [true, false, false, false]],
    [notification, [false, true, false, false]],
    [result, [false, false, true, false]],
    [error, [false, false, true, true]],
    [{ jsonrpc: '2.0' }, [false, false, false, false]],
  ])('classify %j', (value, expected) => {
    expect([
      isJsonRpcRequest(value),
      isJsonRpcNotification(value),
      isJsonRpcResponse(value),
      isJsonRpcErrorResponse(value),
    ]).toEqual(expected);
  });

  it.each([
    ['abc', true],
    ['', true],
    [0, true],
    [-3, true],
    [Number.POSITIVE_INFINITY, false],
    [null, false],
    [undefined, false],
    [{}, false],
  ])('isJsonRpcId(%j) is %s', (value, expected) => {
    expect(isJsonRpcId(value)).toBe(expected);
  });
});

describe('builders', () => {
  it('echoes the id of a result byte for byte', () => {
    const response = makeResultResponse(dustId, { content: [] });
    expect(response).toEqual({ jsonrpc: '2.0', id: dustId, result: { content: [] } });
    expect(JSON.stringify(response)).toContain(`"id":"${dustId}"`);
  });

  it('never turns a numeric-looking string id into a number', () => {
    expect(JSON.stringify(makeResultResponse('42', null))).toContain('"id":"42"');
  });

  it('leaves out data when there is none', () => {
    expect(makeErrorResponse(1, -32603, 'boom')).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32603, message: 'boom' },
    });
    expect('data' in makeErrorResponse(1, -32603, 'boom').error).toBe(false);
  });

  it('includes data when given', () => {
    expect(makeErrorResponse(null, -32700, 'bad', { at: 3 }).error).toEqual({
      code: -32700,
      message: 'bad',
      data: { at: 3 },
    });
  });

  it('answers a request with its own id', () => {
    const request: JsonRpcRequest = { jsonrpc: '2.0', id: dustId, method: 'resources/list' };
    expect(errorResponseFor(request, JsonRpcErrorCode.InvalidParams, 'x').id).toBe(dustId);
    expect(methodNotFound(request)).toEqual({
      jsonrpc: '2.0',
      id: dustId,
      error: { code: -32601, message: 'Method not found: resources/list' },
    });
  });

  it('builds messages the ports can carry', () => {
    const message: JsonRpcMessage = makeResultResponse(1, {});
    expect(parseJsonRpc(message)).toMatchObject({ ok: true, kind: 'result' });
  });

  it('uses the standard and MCP error codes', () => {
    expect(JsonRpcErrorCode).toMatchObject({
      ParseError: -32700,
      InvalidRequest: -32600,
      MethodNotFound: -32601,
      InvalidParams: -32602,
      InternalError: -32603,
      ConnectionClosed: -32000,
      RequestTimeout: -32001,
      RequestCancelled: -32800,
    });
  });
});

describe('messages off the wire', () => {
  it('takes any object saying "jsonrpc": "2.0", and nothing else', () => {
    expect(isJsonRpcMessage({ jsonrpc: '2.0', method: 'x', extra: 1 })).toBe(true);
    expect(isJsonRpcMessage({ jsonrpc: '2.0' })).toBe(true);
    for (const value of [null, [], 'x', { jsonrpc: '1.0' }, [{ jsonrpc: '2.0' }]])
      expect(isJsonRpcMessage(value)).toBe(false);
  });

  it('tells an error response from a result', () => {
    expect(isErrorResponse(makeErrorResponse(1, -32000, 'gone'))).toBe(true);
    expect(isErrorResponse(makeResultResponse(1, {}))).toBe(false);
  });
});
