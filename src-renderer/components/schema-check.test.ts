import { describe, expect, it } from 'vitest';

import { checkArguments } from './schema-check';

const writeFileSchema = {
  type: 'object',
  properties: {
    path: { type: 'string' },
    content: { type: 'string' },
    mode: { type: 'string', enum: ['overwrite', 'append'] },
  },
  required: ['path', 'content'],
};

describe('checkArguments', () => {
  it('accepts arguments the schema accepts', () => {
    expect(checkArguments('{"path": "/tmp/a", "content": "x"}', writeFileSchema)).toEqual({
      ok: true,
      value: { path: '/tmp/a', content: 'x' },
    });
  });

  it('says what is wrong and where: bad JSON, not an object, a missing field, a wrong type, an enum', () => {
    expect(checkArguments('{"path": ', writeFileSchema)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not valid JSON') as string,
    });
    expect(checkArguments('[1]', writeFileSchema)).toMatchObject({
      ok: false,
      message: expect.stringContaining('must be a JSON object') as string,
    });
    const missing = checkArguments('{"path": "/tmp/a"}', writeFileSchema);
    expect(missing).toMatchObject({
      ok: false,
      message: expect.stringContaining('"content"') as string,
    });
    const wrongType = checkArguments('{"path": 3, "content": "x"}', writeFileSchema);
    expect(wrongType).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"path": .*string/i) as string,
    });
    expect(
      checkArguments('{"path": "a", "content": "x", "mode": "replace"}', writeFileSchema),
    ).toMatchObject({ ok: false, message: expect.stringContaining('"mode"') as string });
  });

  it('checks JSON only when the tool has no schema, or one that cannot be read', () => {
    expect(checkArguments('{"anything": 1}', undefined)).toMatchObject({ ok: true });
    expect(checkArguments('{"anything": 1}', { type: 'object', $ref: '#/nowhere' })).toMatchObject({
      ok: true,
    });
  });
});
