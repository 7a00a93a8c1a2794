/**
 * Request validation with Dust's exact 400 texts. Dust's Hono `validate()` wraps
 * `@hono/zod-validator` and formats with zod-validation-error:
 * `Invalid request body: Validation error: Required at "serverName"` (queries:
 * `Invalid query parameters: …`). Hand-written so the emulator depends on no zod version.
 */
import type { Context } from 'hono';

import { apiError } from './errors.js';

export type FieldRule =
  | {
      readonly kind: 'string';
      readonly min?: number;
      readonly max?: number;
      readonly optional?: boolean;
    }
  | { readonly kind: 'boolean'; readonly optional?: boolean }
  | { readonly kind: 'unknown' };

export type Schema = Readonly<Record<string, FieldRule>>;

const typeName = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** zod v3 issue texts for the few rules the MCP endpoints use; undefined when valid. */
export function validationMessage(value: unknown, schema: Schema): string | undefined {
  if (typeName(value) !== 'object')
    return `Validation error: Expected object, received ${typeName(value)}`;
  const record = value as Record<string, unknown>;
  const issues: string[] = [];
  for (const [name, rule] of Object.entries(schema)) {
    const field = record[name];
    if (rule.kind === 'unknown') continue;
    if (field === undefined) {
      if (!rule.optional) issues.push(`Required at "${name}"`);
      continue;
    }
    if (typeName(field) !== rule.kind) {
      issues.push(`Expected ${rule.kind}, received ${typeName(field)} at "${name}"`);
      continue;
    }
    if (rule.kind === 'string' && typeof field === 'string') {
      if (rule.min !== undefined && field.length < rule.min) {
        issues.push(`String must contain at least ${rule.min} character(s) at "${name}"`);
      } else if (rule.max !== undefined && field.length > rule.max) {
        issues.push(`String must contain at most ${rule.max} character(s) at "${name}"`);
      }
    }
  }
  return issues.length === 0 ? undefined : `Validation error: ${issues.join('; ')}`;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Hono's json validator: a body without a JSON `Content-Type` is `{}`; unparseable JSON is
 * 400 "Malformed JSON in request body".
 */
export async function readJsonBody(c: Context, raw?: string): Promise<Parsed<unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/.test(type))
    return { ok: true, value: {} };
  const text = raw ?? (await c.req.text());
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      response: apiError(c, 400, 'invalid_request_error', 'Malformed JSON in request body'),
    };
  }
}

export async function validBody<T>(c: Context, schema: Schema, raw?: string): Promise<Parsed<T>> {
  const body = await readJsonBody(c, raw);
  if (!body.ok) return body;
  const message = validationMessage(body.value, schema);
  if (message !== undefined) {
    return {
      ok: false,
      response: apiError(c, 400, 'invalid_request_error', `Invalid request body: ${message}`),
    };
  }
  return { ok: true, value: body.value as T };
}

export function validQuery<T>(c: Context, schema: Schema): Parsed<T> {
  const query = c.req.query();
  const message = validationMessage(query, schema);
  if (message !== undefined) {
    return {
      ok: false,
      response: apiError(c, 400, 'invalid_request_error', `Invalid query parameters: ${message}`),
    };
  }
  return { ok: true, value: query as T };
}
