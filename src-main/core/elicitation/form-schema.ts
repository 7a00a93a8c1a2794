/**
 * MCP elicitation's `requestedSchema`, narrowed to the flat form the spec allows (2025-11-25):
 * an object of primitive fields: string (with `format` email, uri, date, date-time), number or
 * integer (with bounds), boolean, and enums (single choice: `enum`, `enum`+`enumNames`, `oneOf`;
 * several choices: an array whose `items` are an `enum` or an `anyOf`). Anything else is refused,
 * so the window never has to render a schema it does not understand.
 */
import { isRecord } from '../is-record.js';

export type FormField =
  | {
      kind: 'string';
      name: string;
      title: string;
      description?: string;
      required: boolean;
      format?: 'email' | 'uri' | 'date' | 'date-time';
      minLength?: number;
      maxLength?: number;
      default?: string;
    }
  | {
      kind: 'number';
      name: string;
      title: string;
      description?: string;
      required: boolean;
      integer: boolean;
      minimum?: number;
      maximum?: number;
      default?: number;
    }
  | {
      kind: 'boolean';
      name: string;
      title: string;
      description?: string;
      required: boolean;
      default?: boolean;
    }
  | {
      kind: 'choice';
      name: string;
      title: string;
      description?: string;
      required: boolean;
      options: Array<{ value: string; label: string }>;
      default?: string;
    }
  | {
      kind: 'choices';
      name: string;
      title: string;
      description?: string;
      required: boolean;
      options: Array<{ value: string; label: string }>;
      minItems?: number;
      maxItems?: number;
      default?: string[];
    };

export type FormValue = string | number | boolean | string[];

const FORMATS = ['email', 'uri', 'date', 'date-time'] as const;
const MAX_FIELDS = 50;

type Json = Record<string, unknown>;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });

/** The form's fields, or why the schema cannot be shown (in words). */
export function readFormSchema(
  schema: unknown,
): { ok: true; fields: FormField[] } | { ok: false; problem: string } {
  if (!isRecord(schema) || schema['type'] !== 'object' || !isRecord(schema['properties'])) {
    return { ok: false, problem: 'requestedSchema must be an object schema with properties' };
  }
  const required = new Set(
    Array.isArray(schema['required'])
      ? schema['required'].filter((name): name is string => typeof name === 'string')
      : [],
  );
  const entries = Object.entries(schema['properties']);
  if (entries.length > MAX_FIELDS)
    return { ok: false, problem: `requestedSchema has more than ${MAX_FIELDS} fields` };
  const fields: FormField[] = [];
  for (const [name, property] of entries) {
    const field = readField(name, property, required.has(name));
    if (typeof field === 'string') return { ok: false, problem: `field "${name}": ${field}` };
    fields.push(field);
  }
  return { ok: true, fields };
}

function readField(name: string, property: unknown, required: boolean): FormField | string {
  if (!isRecord(property)) return 'is not a schema';
  const base = {
    name,
    title: text(property['title']) ?? name,
    ...optional('description', text(property['description'])),
    required,
  };
  switch (property['type']) {
    case 'string': {
      const choices = readOptions(property);
      if (choices)
        return {
          kind: 'choice',
          ...base,
          options: choices,
          ...optional('default', text(property['default'])),
        };
      const format = property['format'];
      if (format !== undefined && !(FORMATS as readonly unknown[]).includes(format))
        return `format ${JSON.stringify(format)} is not one of ${FORMATS.join(', ')}`;
      return {
        kind: 'string',
        ...base,
        ...optional('format', format as (typeof FORMATS)[number] | undefined),
        ...optional('minLength', finite(property['minLength'])),
        ...optional('maxLength', finite(property['maxLength'])),
        ...optional('default', text(property['default'])),
      };
    }
    case 'number':
    case 'integer':
      return {
        kind: 'number',
        ...base,
        integer: property['type'] === 'integer',
        ...optional('minimum', finite(property['minimum'])),
        ...optional('maximum', finite(property['maximum'])),
        ...optional('default', finite(property['default'])),
      };
    case 'boolean':
      return {
        kind: 'boolean',
        ...base,
        ...optional(
          'default',
          typeof property['default'] === 'boolean' ? property['default'] : undefined,
        ),
      };
    case 'array': {
      const items = property['items'];
      const options = isRecord(items)
        ? (readOptions(items) ?? readTitledOptions(items['anyOf']))
        : undefined;
      if (!options) return 'an array must list its choices (items.enum or items.anyOf)';
      const defaults = Array.isArray(property['default'])
        ? property['default'].filter((v): v is string => typeof v === 'string')
        : undefined;
      return {
        kind: 'choices',
        ...base,
        options,
        ...optional('minItems', finite(property['minItems'])),
        ...optional('maxItems', finite(property['maxItems'])),
        ...optional('default', defaults),
      };
    }
    default:
      return `type ${JSON.stringify(property['type'])} is not one of string, number, integer, boolean, array`;
  }
}

/** `enum` (labels from the legacy `enumNames` when given) or `oneOf` of `{const, title}`. */
function readOptions(property: Json): Array<{ value: string; label: string }> | undefined {
  const values = property['enum'];
  if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string')) {
    const names = Array.isArray(property['enumNames']) ? property['enumNames'] : [];
    return values.map((value, index) => ({ value, label: text(names[index]) ?? value }));
  }
  return readTitledOptions(property['oneOf']);
}

function readTitledOptions(list: unknown): Array<{ value: string; label: string }> | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const options = list.map((item) =>
    isRecord(item) && typeof item['const'] === 'string'
      ? { value: item['const'], label: text(item['title']) ?? item['const'] }
      : undefined,
  );
  return options.every((option) => option !== undefined) ? options : undefined;
}

/**
 * Checks what the person sent (through the untrusted window) against the form: only known fields,
 * each of its type and within its bounds, every required one present. The content, or a problem.
 */
export function checkFormContent(
  fields: readonly FormField[],
  content: Record<string, unknown>,
): { ok: true; content: Record<string, FormValue> } | { ok: false; problem: string } {
  const known = new Map(fields.map((field) => [field.name, field]));
  for (const name of Object.keys(content))
    if (!known.has(name)) return { ok: false, problem: `"${name}" is not a field of this form` };
  const clean: Record<string, FormValue> = {};
  for (const field of fields) {
    const value = content[field.name];
    if (value === undefined || value === '') {
      if (field.required) return { ok: false, problem: `${field.title} is required` };
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) return { ok: false, problem: `${field.title} ${problem}` };
    clean[field.name] = value as FormValue;
  }
  return { ok: true, content: clean };
}

function checkValue(field: FormField, value: unknown): string | undefined {
  switch (field.kind) {
    case 'string':
      if (typeof value !== 'string') return 'must be text';
      if (field.minLength !== undefined && value.length < field.minLength)
        return `must be at least ${field.minLength} characters`;
      if (field.maxLength !== undefined && value.length > field.maxLength)
        return `must be at most ${field.maxLength} characters`;
      if (value.length > 10_000) return 'is too long';
      return checkFormat(field.format, value);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.integer && !Number.isInteger(value)) return 'must be a whole number';
      if (field.minimum !== undefined && value < field.minimum)
        return `must be at least ${field.minimum}`;
      if (field.maximum !== undefined && value > field.maximum)
        return `must be at most ${field.maximum}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be yes or no';
    case 'choice':
      return typeof value === 'string' && field.options.some((option) => option.value === value)
        ? undefined
        : 'must be one of the choices';
    case 'choices': {
      if (
        !Array.isArray(value) ||
        !value.every(
          (item) =>
            typeof item === 'string' && field.options.some((option) => option.value === item),
        )
      )
        return 'must be some of the choices';
      if (new Set(value).size !== value.length) return 'must not repeat a choice';
      if (field.minItems !== undefined && value.length < field.minItems)
        return `needs at least ${field.minItems} choices`;
      if (field.maxItems !== undefined && value.length > field.maxItems)
        return `allows at most ${field.maxItems} choices`;
      return undefined;
    }
  }
}

function checkFormat(
  format: Extract<FormField, { kind: 'string' }>['format'],
  value: string,
): string | undefined {
  switch (format) {
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : 'must be an email address';
    case 'uri':
      return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value) ? undefined : 'must be an address (https://…)';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be a date (YYYY-MM-DD)';
    case 'date-time':
      return !Number.isNaN(Date.parse(value)) ? undefined : 'must be a date and time';
    default:
      return undefined;
  }
}
