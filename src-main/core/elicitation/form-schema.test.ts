import { describe, expect, it } from 'vitest';

import { checkFormContent, readFormSchema } from './form-schema.js';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', minLength: 2 },
    email: { type: 'string', format: 'email' },
    age: { type: 'integer', minimum: 0, maximum: 150, default: 30 },
    ok: { type: 'boolean' },
    pet: { type: 'string', enum: ['cat', 'dog'], enumNames: ['Cats', 'Dogs'] },
    hero: { type: 'string', oneOf: [{ const: 'h1', title: 'Superman' }] },
    fish: {
      type: 'array',
      items: {
        anyOf: [
          { const: 'f1', title: 'Tuna' },
          { const: 'f2', title: 'Trout' },
        ],
      },
      maxItems: 1,
    },
  },
  required: ['name'],
};

describe('readFormSchema (MCP elicitation, restricted types)', () => {
  it('reads every restricted type, with titles, formats, bounds, defaults and choice labels', () => {
    const form = readFormSchema(schema);
    expect(form.ok).toBe(true);
    const fields = form.ok ? form.fields : [];
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['name', 'string', true],
      ['email', 'string', false],
      ['age', 'number', false],
      ['ok', 'boolean', false],
      ['pet', 'choice', false],
      ['hero', 'choice', false],
      ['fish', 'choices', false],
    ]);
    expect(fields[2]).toMatchObject({ integer: true, minimum: 0, maximum: 150, default: 30 });
    expect(fields[4]).toMatchObject({
      options: [
        { value: 'cat', label: 'Cats' },
        { value: 'dog', label: 'Dogs' },
      ],
    });
  });

  it('refuses what a flat form cannot show, in words', () => {
    expect(readFormSchema({ type: 'string' })).toEqual({
      ok: false,
      problem: 'requestedSchema must be an object schema with properties',
    });
    expect(
      readFormSchema({ type: 'object', properties: { a: { type: 'object', properties: {} } } }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('field "a": type "object"') });
    expect(
      readFormSchema({ type: 'object', properties: { a: { type: 'string', format: 'password' } } }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('format "password"') });
    expect(
      readFormSchema({
        type: 'object',
        properties: { a: { type: 'array', items: { type: 'string' } } },
      }),
    ).toMatchObject({ ok: false });
  });
});

describe('checkFormContent (what came back from the window)', () => {
  const fields = (() => {
    const form = readFormSchema(schema);
    return form.ok ? form.fields : [];
  })();

  it('accepts values of the right type within bounds, dropping empty optional ones', () => {
    expect(
      checkFormContent(fields, {
        name: 'Ada',
        email: 'ada@example.com',
        age: 36,
        ok: true,
        pet: 'dog',
        fish: ['f2'],
        hero: '',
      }),
    ).toEqual({
      ok: true,
      content: {
        name: 'Ada',
        email: 'ada@example.com',
        age: 36,
        ok: true,
        pet: 'dog',
        fish: ['f2'],
      },
    });
  });

  it('refuses unknown fields, missing required ones, wrong types, bounds and choices', () => {
    const problem = (content: Record<string, unknown>) => {
      const checked = checkFormContent(fields, content);
      return checked.ok ? 'ok' : checked.problem;
    };
    expect(problem({ name: 'Ada', extra: 1 })).toBe('"extra" is not a field of this form');
    expect(problem({})).toBe('Name is required');
    expect(problem({ name: 'A' })).toBe('Name must be at least 2 characters');
    expect(problem({ name: 'Ada', email: 'nope' })).toBe('email must be an email address');
    expect(problem({ name: 'Ada', age: 2.5 })).toBe('age must be a whole number');
    expect(problem({ name: 'Ada', age: 200 })).toBe('age must be at most 150');
    expect(problem({ name: 'Ada', ok: 'yes' })).toBe('ok must be yes or no');
    expect(problem({ name: 'Ada', pet: 'cow' })).toBe('pet must be one of the choices');
    expect(problem({ name: 'Ada', fish: ['f1', 'f2'] })).toBe('fish allows at most 1 choices');
  });
});
