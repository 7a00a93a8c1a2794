import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { JsonRpcResponse } from '../jsonrpc.js';
import { keepRawResult, RAW_JSON_MIN_CHARS } from '../raw-json/raw-json.js';
import { prng, writeJson } from '../testing/json-writer.js';
import { resultBody } from './result-body.js';

/** A response as the relay builds it from a local server's line: Dust's id, the server's result. */
function relayed(line: string, dustId: JsonRpcResponse['id']): JsonRpcResponse {
  const parsed = JSON.parse(line) as { result: unknown };
  keepRawResult(parsed, line);
  return { jsonrpc: '2.0', id: dustId, result: parsed.result } as JsonRpcResponse;
}

const padding = 'p'.repeat(RAW_JSON_MIN_CHARS);

describe('resultBody', () => {
  it('is the same JSON value as serialising the response, for any result and id (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
        fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        fc.integer(),
        fc.string(),
        (result, dustId, seed, serverId) => {
          const random = prng(seed);
          // The padding makes the line large enough to keep; it sits outside the result.
          const written = writeJson(
            { id: 3, result: { content: [], ...result }, jsonrpc: '2.0' },
            random,
          );
          const line = `{"padding":"${padding}",${written.slice(1)}`;
          const response = relayed(line, dustId);
          const body = resultBody(serverId, response);
          expect(body.parts).toHaveLength(3);
          expect(JSON.parse(body.parts.join(''))).toEqual(
            JSON.parse(JSON.stringify({ serverId, result: response })),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the type of Dust id exactly: a string stays a string, a number a number', () => {
    const line = `{"jsonrpc":"2.0","id":12,"result":{"content":[],"padding":"${padding}"}}`;
    for (const id of ['12', 12, 'mcp_req_a_b_c_1', -1.5]) {
      const body = JSON.parse(resultBody('s', relayed(line, id)).parts.join('')) as {
        result: { id: unknown };
      };
      expect(body.result.id).toBe(id);
    }
  });

  it("serialises again when the text as written would pass Dust's limit and the compact form may not", () => {
    const spaced = `{"content": [],  "padding":   "${padding}"}`;
    const response = relayed(`{"jsonrpc":"2.0","id":1,"result":${spaced}}`, 'd');
    const envelope = '{"serverId":"s","result":{"jsonrpc":"2.0","id":"d","result":}}'.length;
    expect(resultBody('s', response, envelope + spaced.length).parts).toHaveLength(3);
    const tight = resultBody('s', response, envelope + spaced.length - 1).parts;
    expect(tight).toEqual([JSON.stringify({ serverId: 's', result: response })]);
  });

  it('serialises as usual when the result was not kept, or the response is not the plain shape', () => {
    const small = relayed('{"jsonrpc":"2.0","id":1,"result":{"content":[]}}', 'd');
    expect(resultBody('s', small).parts).toEqual([
      JSON.stringify({ serverId: 's', result: small }),
    ]);
    const line = `{"jsonrpc":"2.0","id":1,"result":{"content":[],"padding":"${padding}"}}`;
    expect(resultBody('s', relayed(line, 'd')).parts).toHaveLength(3);
    const extra = { ...relayed(line, 'd'), extra: true } as unknown as JsonRpcResponse;
    expect(resultBody('s', extra).parts).toHaveLength(1);
    const error: JsonRpcResponse = { jsonrpc: '2.0', id: 'd', error: { code: 1, message: 'm' } };
    expect(resultBody('s', error).parts).toEqual([
      JSON.stringify({ serverId: 's', result: error }),
    ]);
  });
});
