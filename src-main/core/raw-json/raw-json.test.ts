import { describe, expect, it } from 'vitest';

import { forgetRawJson, keepRawResult, RAW_JSON_MIN_CHARS, rawJsonOf } from './raw-json.js';

const big = 'a\\n"\u00e9'.repeat(RAW_JSON_MIN_CHARS / 4);
const result = ` { "content" : [ { "type":"text", "text":${JSON.stringify(big)} } ], "isError":false }`;

describe('keepRawResult', () => {
  it('keeps the text of a large response result exactly as the server wrote it', () => {
    const line = `{"result":${result} ,"jsonrpc":"2.0","id":7}`;
    const message = JSON.parse(line) as { result: object };
    keepRawResult(message, line);
    expect(rawJsonOf(message.result)).toBe(result.trim());
    expect(JSON.parse(rawJsonOf(message.result)!)).toEqual(message.result);
    forgetRawJson(message.result);
    expect(rawJsonOf(message.result)).toBeUndefined();
  });

  it('keeps nothing for small lines, results that are not objects, requests or batches', () => {
    const small = '{"jsonrpc":"2.0","id":1,"result":{"content":[]}}';
    const cases: Array<[unknown, string]> = [
      [JSON.parse(small), small],
      [{ jsonrpc: '2.0', id: 1, result: big }, `{"jsonrpc":"2.0","id":1,"result":"${big}"}`],
      [[{ result: {} }], `[{"result":${result}}]`],
      [{ method: 'x', params: {} }, `{"method":"x","params":${result}}`],
    ];
    for (const [message, line] of cases) {
      keepRawResult(message, line);
      const value = (message as { result?: unknown }).result;
      expect(rawJsonOf(value)).toBeUndefined();
    }
  });
});
