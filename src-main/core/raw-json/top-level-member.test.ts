import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { prng, writeJson as emit } from '../testing/json-writer.js';
import { topLevelMember } from './top-level-member.js';

const valueOf = (text: string, key: string) => {
  const range = topLevelMember(text, key);
  return range === undefined
    ? undefined
    : (JSON.parse(text.slice(range.start, range.end)) as unknown);
};

const keyArb = fc.oneof(
  fc.constantFrom('id', 'result', 'jsonrpc', 'error', '"id"', 'i\\d', '', '\u00e9', '\ud83d\ude00'),
  fc.string(),
);
const objectArb = fc.dictionary(keyArb, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });

describe('topLevelMember', () => {
  it('finds every member of any object, however it is written (property)', () => {
    fc.assert(
      fc.property(objectArb, fc.integer(), (object, seed) => {
        const text = `${emit(object, prng(seed))}`;
        const parsed = JSON.parse(text) as Record<string, unknown>;
        for (const key of Object.keys(parsed)) expect(valueOf(text, key)).toEqual(parsed[key]);
        expect(topLevelMember(text, '\u0000absent')).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('the slice is exactly the written value: splicing it back gives the same text (property)', () => {
    fc.assert(
      fc.property(objectArb, fc.jsonValue(), fc.integer(), (object, id, seed) => {
        const text = emit({ ...object, id }, prng(seed));
        const range = topLevelMember(text, 'id')!;
        const spliced = `${text.slice(0, range.start)}"dust"${text.slice(range.end)}`;
        const expected = { ...(JSON.parse(text) as Record<string, unknown>), id: 'dust' };
        expect(JSON.parse(spliced)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('only the top level counts: nested and quoted "id"s are skipped', () => {
    const text =
      '{"result":{"id":1,"content":[{"text":"\\"id\\":2 }"},{"id":[3]}]},"note":"{\\"id\\":4}","id":5}';
    expect(valueOf(text, 'id')).toBe(5);
    expect(valueOf('{"a":{"id":1}}', 'id')).toBeUndefined();
    expect(valueOf('{"a":"\\\\","id":"x\\\\"}', 'id')).toBe('x\\');
    expect(valueOf('{"a":["]","}"],"id":true}', 'id')).toBe(true);
  });

  it('keeps the id exactly as written, whatever its type', () => {
    for (const id of ['7', '-0', '1e400', '12345678901234567890', '"7"', 'null', '"\\u00e9"']) {
      const text = `{"jsonrpc":"2.0","id":${id},"result":{}}`;
      const range = topLevelMember(text, 'id')!;
      expect(text.slice(range.start, range.end)).toBe(id);
    }
  });

  it('takes the last of duplicate keys, as JSON.parse does, and decodes escaped keys', () => {
    expect(valueOf('{"id":1,"id":2}', 'id')).toBe(2);
    expect(valueOf('{"\\u0069d":3}', 'id')).toBe(3);
    expect(valueOf('{ "id" : 4 , "x" : [ ] }', 'id')).toBe(4);
    expect(valueOf('\n\t{\r\n"id"\n:\n"s"\n}\n', 'id')).toBe('s');
  });

  it('says undefined for anything that is not an object with that member', () => {
    for (const text of [
      '',
      '[{"id":1}]',
      '"id"',
      '1',
      'null',
      '{}',
      '{"id"',
      '{"id":',
      '{"id":"x',
      '{"id":1',
    ])
      expect(topLevelMember(text, 'id')).toBeUndefined();
    expect(topLevelMember('{"a":{"b":1}', 'a')).toBeUndefined();
  });

  it('finds its way past a large string full of escaped quotes', () => {
    const big = 'x\\"\\\\'.repeat(500_000);
    const result = `{"content":[{"type":"text","text":"${big}"}]}`;
    const text = `{"result":${result},"jsonrpc":"2.0","id":9}`;
    expect(valueOf(text, 'id')).toBe(9);
    const range = topLevelMember(text, 'result')!;
    expect(text.slice(range.start, range.end)).toBe(result);
  });
});
