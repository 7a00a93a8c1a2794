import { describe, expect, it } from 'vitest';

import { LineSplitter, type OversizedLine } from './line-splitter.js';
import { oversizedMessageId } from './oversized-message.js';

describe('LineSplitter', () => {
  it('joins chunks, strips CRLF, keeps multi-byte characters split across chunks', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('héllo\r\nwörld 🔑\npartial');
    for (let i = 0; i < bytes.length; i++) splitter.push(bytes.subarray(i, i + 1));
    expect(lines).toEqual(['héllo', 'wörld 🔑']);
    splitter.end();
    expect(lines).toEqual(['héllo', 'wörld 🔑', 'partial']);
  });

  it('cuts a line that never ends at the limit', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), 8);
    splitter.push('0123456789');
    splitter.push('ab\n');
    expect(lines).toEqual(['0123456789', 'ab']);
  });

  it('splits a 20 MB stream of long lines quickly', () => {
    const lines: number[] = [];
    const splitter = new LineSplitter((line) => lines.push(line.length), 32 * 1024 * 1024);
    const line = Buffer.from(`${'x'.repeat(5 * 1024 * 1024 - 1)}\n`);
    const started = performance.now();
    for (let n = 0; n < 4; n++)
      for (let i = 0; i < line.length; i += 65_536) splitter.push(line.subarray(i, i + 65_536));
    expect(lines).toEqual(Array(4).fill(5 * 1024 * 1024 - 1));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('counts the limit in bytes, not characters', () => {
    const lines: string[] = [];
    const dropped: OversizedLine[] = [];
    const splitter = new LineSplitter(
      (line) => lines.push(line),
      8,
      (line) => dropped.push(line),
    );
    splitter.push('éééé\n');
    splitter.push('ééééé\n');
    expect(lines).toEqual(['éééé']);
    expect(dropped).toEqual([{ head: 'ééééé', tail: 'ééééé', bytes: 10 }]);
  });

  it('drops an oversized line whole, keeping its edges, and goes on with the next line', () => {
    const lines: string[] = [];
    const dropped: OversizedLine[] = [];
    const splitter = new LineSplitter(
      (line) => lines.push(line),
      1_000,
      (line) => dropped.push(line),
    );
    const big = `{"result":{"text":"${'y'.repeat(5_000)}"},"jsonrpc":"2.0","id":42}`;
    for (let i = 0; i < big.length; i += 100) splitter.push(Buffer.from(big.slice(i, i + 100)));
    expect(dropped).toEqual([]);
    splitter.push('\r\n{"ok":1}\n');
    expect(lines).toEqual(['{"ok":1}']);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.bytes).toBe(big.length + 1);
    expect(dropped[0]!.head.startsWith('{"result":{"text":"yyy')).toBe(true);
    expect(dropped[0]!.tail.endsWith('"jsonrpc":"2.0","id":42}')).toBe(true);
    expect(oversizedMessageId(dropped[0]!)).toBe(42);
  });

  it('reports an oversized line still open when the stream ends', () => {
    const dropped: OversizedLine[] = [];
    const splitter = new LineSplitter(
      () => undefined,
      4,
      (line) => dropped.push(line),
    );
    splitter.push('0123456789');
    splitter.end();
    expect(dropped).toEqual([{ head: '0123456789', tail: '0123456789', bytes: 10 }]);
  });
});

describe('oversizedMessageId', () => {
  const edges = (head: string, tail: string): OversizedLine => ({ head, tail, bytes: 1 });

  it('reads the id at the end (MCP SDK order) or at the start', () => {
    expect(oversizedMessageId(edges('{"result":{', 'xx"}]},"jsonrpc":"2.0","id":7}'))).toBe(7);
    expect(oversizedMessageId(edges('{"result":{', '"jsonrpc":"2.0","id":"a\\"b"} '))).toBe('a"b');
    expect(oversizedMessageId(edges('{"jsonrpc":"2.0","id":"req-1","result":{', 'xx"}]}}'))).toBe(
      'req-1',
    );
    expect(oversizedMessageId(edges('{"id":3,"jsonrpc":"2.0","result":{', 'xx"}]}}'))).toBe(3);
  });

  it('does not take a nested id, an id inside a string, or a request from the server', () => {
    expect(
      oversizedMessageId(edges('{"result":{', '"jsonrpc":"2.0","data":{"id":5}}')),
    ).toBeUndefined();
    expect(oversizedMessageId(edges('{"result":{', 'text \\"id\\":5}"}]}}'))).toBeUndefined();
    expect(
      oversizedMessageId(
        edges('{"jsonrpc":"2.0","method":"sampling/createMessage","id":4,', '"id":4}'),
      ),
    ).toBeUndefined();
  });
});
