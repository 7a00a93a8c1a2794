import { z } from 'zod';

/**
 * "Ask an agent": the conversations this app starts, as the window sees them.
 *
 * Mirrors core/chat's `ConversationView`, minus what the window must not have: tool arguments and
 * outputs are redacted of keychain secrets (views.ts), and no picture URL crosses (the window
 * loads no remote content).
 */

export const AgentDto = z.object({
  sId: z.string(),
  name: z.string(),
  description: z.string().optional(),
});
export type AgentDto = z.infer<typeof AgentDto>;

export const ToolCallDto = z.object({
  key: z.string(),
  actionId: z.string().optional(),
  toolName: z.string(),
  serverName: z.string().optional(),
  /** One of our local servers: its approval is ours, answered with `localApproval`. */
  local: z.boolean(),
  params: z.unknown(),
  status: z.enum(['preparing', 'awaiting_approval', 'running', 'succeeded', 'errored', 'denied']),
  decision: z
    .object({
      verdict: z.enum(['approved', 'denied']),
      by: z.enum(['local-gate', 'person']),
      reason: z.string().optional(),
    })
    .optional(),
  /** While our gate asks: pass these to `approvals:decide` to answer inline. */
  localApproval: z.object({ callId: z.string(), nonce: z.string() }).optional(),
  output: z.unknown(),
});
export type ToolCallDto = z.infer<typeof ToolCallDto>;

export const UserTurnDto = z.object({
  role: z.literal('user'),
  messageId: z.string(),
  text: z.string(),
  servers: z.array(z.object({ name: z.string(), serverId: z.string() })),
});
export type UserTurnDto = z.infer<typeof UserTurnDto>;

export const AgentTurnDto = z.object({
  role: z.literal('agent'),
  messageId: z.string().optional(),
  agentId: z.string(),
  text: z.string(),
  thinking: z.string(),
  status: z.enum(['waiting', 'streaming', 'succeeded', 'failed', 'cancelled']),
  toolCalls: z.array(ToolCallDto),
  error: z.string().optional(),
  reconnecting: z.boolean(),
});
export type AgentTurnDto = z.infer<typeof AgentTurnDto>;

/** Dust asks the person about a tool that is not one of ours. */
export const DustApprovalDto = z.object({
  actionId: z.string(),
  toolName: z.string(),
  serverName: z.string(),
  inputs: z.unknown(),
  stake: z.string(),
});
export type DustApprovalDto = z.infer<typeof DustApprovalDto>;

export const UsageProblemDto = z.object({
  kind: z.enum([
    'no_programmatic_credits',
    'spending_cap',
    'credits_exhausted',
    'rate_limited',
    'plan_limit',
    'no_seat',
  ]),
  title: z.string(),
  action: z.string(),
  dustMessage: z.string(),
  retryAfterMs: z.number().optional(),
});
export type UsageProblemDto = z.infer<typeof UsageProblemDto>;

export const ConversationDto = z.object({
  conversationId: z.string(),
  agentId: z.string(),
  title: z.string().optional(),
  /** Dust's page for it; opened with `chat:openInDust`, which checks the link again in main. */
  url: z.string().optional(),
  status: z.enum(['sending', 'answering', 'awaiting_approval', 'idle', 'failed', 'cancelled']),
  turns: z.array(z.discriminatedUnion('role', [UserTurnDto, AgentTurnDto])),
  approvals: z.array(DustApprovalDto),
  /** Servers the last message carried whose registration changed or ended since. */
  lostServers: z.array(
    z.object({
      server: z.string(),
      serverId: z.string(),
      nextServerId: z.string().optional(),
      duringAnswer: z.boolean(),
    }),
  ),
  problem: z.object({ message: z.string(), usage: UsageProblemDto.optional() }).optional(),
  seq: z.number().int().nonnegative(),
});
export type ConversationDto = z.infer<typeof ConversationDto>;

/** A conversation started here, remembered across restarts ("Recent"). */
export const HistoryEntryDto = z.object({
  conversationId: z.string(),
  agentId: z.string(),
  title: z.string(),
  url: z.string().optional(),
  updatedAt: z.number(),
  /**
   * Loaded in this run (its snapshot is in `chat:snapshot`); otherwise `chat:open` reads it back.
   */
  live: z.boolean(),
});
export type HistoryEntryDto = z.infer<typeof HistoryEntryDto>;

const id = z.string().min(1).max(200);
/** Dust's own limit on a message is far higher; this bounds what one IPC call may carry. */
const messageText = z
  .string()
  .trim()
  .min(1, 'Write a message first.')
  .max(20_000, 'That message is too long (20,000 characters at most).');
const serverNames = z.array(z.string().min(1).max(64)).max(100);

export const AskInput = z.object({
  agentId: id,
  text: messageText,
  serverNames: serverNames.optional(),
});
export type AskInput = z.infer<typeof AskInput>;

export const FollowUpInput = z.object({
  conversationId: id,
  text: messageText,
  agentId: id.optional(),
  serverNames: serverNames.optional(),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const ConversationIdInput = z.object({ conversationId: id });

export const AnswerDustApprovalInput = z.object({
  conversationId: id,
  actionId: id,
  verdict: z.enum(['approve', 'deny']),
});

/**
 * The global shortcut that opens the composer. `status`: `registered`; `off` (none set);
 * `failed` (the OS or another app holds it: `message` says so); `unavailable` (no desktop shell,
 * e.g. headless or the test harness).
 */
export const ShortcutDto = z.object({
  accelerator: z.string().nullable(),
  status: z.enum(['registered', 'off', 'failed', 'unavailable']),
  message: z.string().optional(),
});
export type ShortcutDto = z.infer<typeof ShortcutDto>;

export const SetShortcutInput = z.object({ accelerator: z.string().max(100).nullable() });
