import { z } from 'zod';

/** A call waiting for a person. The nonce must come back with the decision. */
export const PendingCallDto = z.object({
  callId: z.string(),
  nonce: z.string(),
  server: z.string(),
  tool: z.string(),
  arguments: z.unknown(),
  agent: z.string().optional(),
  conversationId: z.string().optional(),
  policyReason: z.string().optional(),
  receivedAt: z.number(),
  deadlineAt: z.number(),
  /** The tool's JSON Schema for its input: edited arguments are checked against it as typed. */
  inputSchema: z.unknown().optional(),
  /** The tool's own hints (MCP annotations): a claim by the server, shown as such. */
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  /** Dust's id of the call, which the activity log uses: follows the call once it runs. */
  requestId: z.string().optional(),
});
export type PendingCallDto = z.infer<typeof PendingCallDto>;

const Remember = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once') }),
  z.object({ kind: z.literal('conversation') }),
  z.object({
    kind: z.literal('hours'),
    hours: z
      .number()
      .positive()
      .max(24 * 365),
  }),
  z.object({ kind: z.literal('always') }),
]);

export const DecideInput = z.object({
  callId: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  decision: z.discriminatedUnion('verdict', [
    z.object({
      verdict: z.literal('approve'),
      remember: Remember,
      arguments: z.record(z.string(), z.unknown()).optional(),
    }),
    z.object({ verdict: z.literal('deny'), reason: z.string().max(500).optional() }),
  ]),
});
export type DecideInput = z.infer<typeof DecideInput>;

export const DecideOutput = z.object({ repeated: z.boolean() });

export const ApprovalsDeltaDto = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), call: PendingCallDto }),
  z.object({
    kind: z.literal('decided'),
    callId: z.string(),
    verdict: z.enum(['approve', 'deny']),
    by: z.string(),
    reason: z.string(),
  }),
]);
export type ApprovalsDeltaDto = z.infer<typeof ApprovalsDeltaDto>;

export const GrantDto = z.object({
  id: z.string(),
  server: z.string(),
  tool: z.string(),
  scope: z.string(),
  createdAt: z.number(),
  reason: z.string(),
  /**
   * The scope's facts, for words in the person's locale ("until 14:10", the conversation's title).
   */
  scopeKind: z.enum(['once', 'conversation', 'until', 'always']).optional(),
  expiresAt: z.number().optional(),
  conversationId: z.string().optional(),
  /** The tool or its command line changed since: the grant no longer matches, calls ask again. */
  stale: z.boolean().optional(),
});
export type GrantDto = z.infer<typeof GrantDto>;

export const ActivityEntryDto = z.object({
  id: z.string(),
  server: z.string(),
  tool: z.string().optional(),
  conversationId: z.string().optional(),
  arguments: z.unknown().optional(),
  receivedAt: z.number(),
  /** `decidedAt`: when it was allowed or denied (a running call's time counts from there). */
  decision: z
    .object({
      decision: z.enum(['allow', 'deny']),
      reason: z.string(),
      by: z.string(),
      decidedAt: z.number().optional(),
    })
    .optional(),
  outcome: z.object({ kind: z.string(), detail: z.string(), latencyMs: z.number() }).optional(),
  /** What the local server last said about the running call: `ratio` 0–1 when it gave a total. */
  progress: z
    .object({ ratio: z.number().min(0).max(1).optional(), message: z.string().optional() })
    .optional(),
});
export type ActivityEntryDto = z.infer<typeof ActivityEntryDto>;

export const SpaceDto = z.object({ sId: z.string(), name: z.string(), kind: z.string() });
export const ServerViewDto = z.object({
  sId: z.string(),
  name: z.string(),
  description: z.string().optional(),
  serverType: z.string(),
  tools: z.array(
    z.object({
      name: z.string(),
      description: z.string().optional(),
      inputSchema: z.unknown().optional(),
    }),
  ),
});
export type SpaceDto = z.infer<typeof SpaceDto>;
export type ServerViewDto = z.infer<typeof ServerViewDto>;
