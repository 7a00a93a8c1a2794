import { z } from 'zod';

import { sentence } from './words';
import { errorMessage } from './words.js';

/** The window's CSP forbids eval; zod must not try its compiled fast path. */
z.config({ jitless: true });

export type ArgumentsCheck =
  { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

const compiled = new WeakMap<object, z.ZodType | null>();

/**
 * The tool's JSON Schema as a zod validator, or null when it cannot be read (then only JSON is
 * checked).
 */
function validatorFor(schema: unknown): z.ZodType | null {
  if (typeof schema !== 'object' || schema === null) return null;
  if (compiled.has(schema)) return compiled.get(schema)!;
  let validator: z.ZodType | null;
  try {
    validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    validator = null;
  }
  compiled.set(schema, validator);
  return validator;
}

function where(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? 'The arguments' : `"${path.map(String).join('.')}"`;
}

/**
 * Edited arguments, checked as the person types: valid JSON, an object, then the tool's own
 * `inputSchema` (types, required fields, enums, ranges). The problem in words, with where it is.
 */
export function checkArguments(text: string, inputSchema: unknown): ArgumentsCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `These arguments are not valid JSON: ${errorMessage(error)}`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The arguments must be a JSON object, like {"path": "…"}.' };
  }
  const validator = validatorFor(inputSchema);
  if (validator) {
    const result = validator.safeParse(value);
    if (!result.success) {
      const issues = result.error.issues
        .slice(0, 3)
        .map((issue) => `${where(issue.path)}: ${issue.message}`);
      const more =
        result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
      return {
        ok: false,
        message: sentence(`The tool would refuse these arguments. ${issues.join('; ')}${more}`),
      };
    }
  }
  return { ok: true, value: value as Record<string, unknown> };
}
