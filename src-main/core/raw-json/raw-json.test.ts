import { describe, expect, it } from 'vitest';

import {
  forgetRawJson,
  keepRawResult,
  RAW_JSON_MIN_CHARS,
  rawJsonOf,
  utf8Length,
} from './raw-json.js';

const big = 'a\\n"\u00e9\ud83d\ude00'.repeat(RAW_JSON_MIN_CHARS / 4);
const result = ` { "content" : [ { "type":"text", "text":${JSON.stringify(big)} } ], "isError":false }`;
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (raw: unknown) =>
  typeof raw === 'string' ? raw : new TextDecoder().decode(raw as Uint8Array);

describe('keepRawResult', () => {
  it('keeps the text of a large response result exactly as the server wrote it', () => {
    const line = `{"result":${result} ,"jsonrpc":"2.0","id":7}`;
    const message = JSON.parse(line) as { result: object };
    keepRawResult(message, line);
    expect(rawJsonOf(message.result)).toBe(result.trim());
    expect(JSON.parse(text(rawJsonOf(message.result)))).toEqual(message.result);
    forgetRawJson(message.result);
    expect(rawJsonOf(message.result)).toBeUndefined();
  });

  it('with the line as read, keeps a view of its bytes (multi-byte text before and after, a CR)', () => {
    for (const [before, after] of [
      ['{"result":', '}'],
      ['{"note":"\u00e9\u4e2d\ud83d\ude00", "result":', ',"id":"\u4e2d"}'],
      ['\t{ "result" :', ' , "id" : 1 }  '],
    ] as const) {
      const line = `${before}${result}${after}`;
      const message = JSON.parse(line) as { result: object };
      for (const bytes of [utf8(line), utf8(`${line}\r`)]) {
        keepRawResult(message, line, bytes);
        const raw = rawJsonOf(message.result);
        expect(raw).toBeInstanceOf(Uint8Array);
        expect((raw as Uint8Array).buffer).toBe(bytes.buffer);
        expect(text(raw)).toBe(result.trim());
      }
    }
  });

  it('keeps the string slice when the line had bytes that are not UTF-8', () => {
    const line = `{"result":${result},"id":"\ufffd"}`;
    const message = JSON.parse(line) as { result: object };
    const bytes = utf8(line);
    keepRawResult(message, line, bytes);
    expect(rawJsonOf(message.result)).toBe(result.trim());
  });

  it('keeps nothing for small lines, results that are not tool results, requests or batches', () => {
    const small = '{"jsonrpc":"2.0","id":1,"result":{"content":[]}}';
    const cases: Array<[unknown, string]> = [
      [JSON.parse(small), small],
      [{ jsonrpc: '2.0', id: 1, result: big }, `{"jsonrpc":"2.0","id":1,"result":"${big}"}`],
      [[{ result: {} }], `[{"result":${result}}]`],
      [{ method: 'x', params: {} }, `{"method":"x","params":${result}}`],
      [{ result: { tools: [] } }, `{"result":{"tools":[${result}]}}`],
    ];
    for (const [message, line] of cases) {
      keepRawResult(message, line, utf8(line));
      const value = (message as { result?: unknown }).result;
      expect(rawJsonOf(value)).toBeUndefined();
    }
  });
});

describe('utf8Length', () => {
  it('counts what TextEncoder writes, lone surrogates included', () => {
    for (const sample of ['', 'abc', '\u00e9', '\u4e2d', '\ud83d\ude00', '\ud83d', 'x\udc00y', big])
      expect(utf8Length(sample, 0, sample.length)).toBe(utf8(sample).length);
    expect(utf8Length('a\u00e9\u4e2d', 1, 2)).toBe(2);
  });
});
