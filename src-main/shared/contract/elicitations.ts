import { z } from 'zod';

/**
 * A local server's form (MCP elicitation, form mode) as the window shows it. The server's words
 * are masked for known secrets before they cross; what the person types crosses once, on Accept.
 */
const base = {
  name: z.string(),
  title: z.string(),
  description: z.string().optional(),
  required: z.boolean(),
};
const option = z.object({ value: z.string(), label: z.string() });

export const FormFieldDto = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('string'),
    ...base,
    format: z.enum(['email', 'uri', 'date', 'date-time']).optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    default: z.string().optional(),
  }),
  z.object({
    kind: z.literal('number'),
    ...base,
    integer: z.boolean(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    default: z.number().optional(),
  }),
  z.object({ kind: z.literal('boolean'), ...base, default: z.boolean().optional() }),
  z.object({
    kind: z.literal('choice'),
    ...base,
    options: z.array(option),
    default: z.string().optional(),
  }),
  z.object({
    kind: z.literal('choices'),
    ...base,
    options: z.array(option),
    minItems: z.number().optional(),
    maxItems: z.number().optional(),
    default: z.array(z.string()).optional(),
  }),
]);
export type FormFieldDto = z.infer<typeof FormFieldDto>;

export const PendingElicitationDto = z.object({
  id: z.string(),
  /** Echoed back with the answer, so a page cannot answer a form it was not shown. */
  nonce: z.string(),
  server: z.string(),
  tool: z.string().optional(),
  message: z.string(),
  fields: z.array(FormFieldDto),
  receivedAt: z.number(),
  deadlineAt: z.number(),
});
export type PendingElicitationDto = z.infer<typeof PendingElicitationDto>;

export const ElicitationsDeltaDto = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), elicitation: PendingElicitationDto }),
  z.object({
    kind: z.literal('settled'),
    id: z.string(),
    action: z.enum(['accept', 'decline', 'cancel']),
    by: z.enum(['user', 'deadline', 'cancelled', 'shutdown']),
  }),
]);
export type ElicitationsDeltaDto = z.infer<typeof ElicitationsDeltaDto>;

const shortId = z.string().min(1).max(200);
const FormValueInput = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(1_000)).max(100),
]);

export const AnswerElicitationInput = z.discriminatedUnion('action', [
  z.object({
    id: shortId,
    nonce: shortId,
    action: z.literal('accept'),
    content: z.record(z.string().max(200), FormValueInput),
  }),
  z.object({ id: shortId, nonce: shortId, action: z.enum(['decline', 'cancel']) }),
]);
export type AnswerElicitationInput = z.infer<typeof AnswerElicitationInput>;
