/**
 * Dust's usage refusals, in words.
 *
 * The app posts with `origin:"api"` (docs/protocol/conversations.md#origin-api), so Dust bills and
 * gates its messages as programmatic usage: a workspace without programmatic credits, or past a
 * cap, answers 429 `rate_limit_error` (credit pre-checks) or 403 (`credits_exhausted`,
 * `rate_limit_error` "Rate limit exceeded…", plan limits)
 * (docs/protocol/conversations.md#create-conversation steps 2 and 11, #rate-limits). A bare status
 * code helps no one: each refusal says what happened and what the person can do.
 */
import { DustApiError } from '../dust/dust-errors.js';
import { errorMessage } from '../error-message.js';

export type UsageProblemKind =
  | 'no_programmatic_credits'
  | 'spending_cap'
  | 'credits_exhausted'
  | 'rate_limited'
  | 'plan_limit'
  | 'no_seat';

export interface UsageProblem {
  kind: UsageProblemKind;
  /** One line: what happened. */
  title: string;
  /** What to do about it. */
  action: string;
  /** Dust's own words, kept for the details view. */
  dustMessage: string;
  /** When Dust said how long to wait. */
  retryAfterMs?: number;
}

const PLAN_LIMITS = new Set([
  'plan_message_limit_exceeded',
  'user_cap_reached',
  'group_shared_usage_limit_reached',
]);

/** The usage problem behind an error, or undefined when it is not one. */
export function toUsageProblem(error: unknown): UsageProblem | undefined {
  if (!(error instanceof DustApiError)) return undefined;
  if (error.status !== 429 && error.status !== 403) return undefined;
  const kind = classify(error);
  if (kind === undefined) return undefined;
  return {
    kind,
    ...WORDS[kind](error.retryAfterMs),
    dustMessage: error.message,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
  };
}

function classify(error: DustApiError): UsageProblemKind | undefined {
  const text = error.message.toLowerCase();
  if (error.type === 'credits_exhausted') return 'credits_exhausted';
  if (PLAN_LIMITS.has(error.type)) return 'plan_limit';
  if (error.type === 'no_seat') return 'no_seat';
  if (error.type !== 'rate_limit_error' && error.status !== 429) return undefined;
  if (/cap\b|spend(ing)? limit/.test(text)) return 'spending_cap';
  if (/credit/.test(text)) return 'no_programmatic_credits';
  return 'rate_limited';
}

const ADMIN_CREDITS =
  'Ask a workspace admin to add programmatic credits (Dust counts messages sent by apps as programmatic usage), then try again.';

const WORDS: Record<
  UsageProblemKind,
  (retryAfterMs?: number) => { title: string; action: string }
> = {
  no_programmatic_credits: () => ({
    title: 'Dust refused the message: your workspace has no programmatic credits left.',
    action: ADMIN_CREDITS,
  }),
  spending_cap: () => ({
    title: 'Dust refused the message: your workspace reached its programmatic spending cap.',
    action:
      'Ask a workspace admin to raise the programmatic spending cap, or wait until it resets.',
  }),
  credits_exhausted: () => ({
    title: "Dust refused the message: your workspace's programmatic usage credits are used up.",
    action: ADMIN_CREDITS,
  }),
  rate_limited: (retryAfterMs) => ({
    title: 'Dust refused the message: too many messages in a short time.',
    action:
      retryAfterMs === undefined
        ? 'Wait a minute, then send it again.'
        : `Wait ${Math.ceil(retryAfterMs / 1000)} s, then send it again.`,
  }),
  plan_limit: () => ({
    title: "Dust refused the message: your workspace's plan limit is reached.",
    action: 'Ask a workspace admin about the plan limits, or try again later.',
  }),
  no_seat: () => ({
    title: 'Dust refused the message: you have no seat in this workspace.',
    action: 'Ask a workspace admin to give you a seat.',
  }),
};

/**
 * Any chat error in words for the UI: usage problems with their advice, others with Dust's text.
 */
export function describeChatError(error: unknown): string {
  const usage = toUsageProblem(error);
  if (usage) return `${usage.title} ${usage.action}`;
  if (error instanceof DustApiError && error.status === 403 && /mcp server/i.test(error.message)) {
    return 'Dust refused the local servers for this message (their registration ended). Wait until they are connected again, then send it again.';
  }
  return errorMessage(error);
}
