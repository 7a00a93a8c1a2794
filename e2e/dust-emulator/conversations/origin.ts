/**
 * `context.origin`: coercion, gating and billing class (docs/protocol/conversations.md#origin).
 *
 * Unknown values never fail: the SDK schema is `enum.catch("api")`, so any unknown string, a
 * missing value or null becomes `api`. Gating (`isUserMessageContextValid`) then decides whether
 * this caller may use the origin it asked for.
 */

export const USER_MESSAGE_ORIGINS = [
  'api',
  'cli',
  'cli_programmatic',
  'email',
  'excel',
  'extension',
  'gsheet',
  'make',
  'n8n',
  'powerpoint',
  'raycast',
  'slack',
  'slack_workflow',
  'teams',
  'transcript',
  'triggered_programmatic',
  'triggered',
  'wakeup',
  'web',
  'zapier',
  'zendesk',
  'onboarding_conversation',
  'agent_sidekick',
  'project_kickoff',
  'reinforced_skill_notification',
  'reinforcement',
  'branch_anchor',
] as const;

const KEY_ONLY = new Set(['excel', 'gsheet', 'make', 'n8n', 'powerpoint', 'zapier']);

/** Origins billed as programmatic usage (`USAGE_ORIGINS_CLASSIFICATION`). */
const PROGRAMMATIC = new Set([
  'api',
  'cli_programmatic',
  'excel',
  'gsheet',
  'make',
  'n8n',
  'powerpoint',
  'zapier',
  'slack_workflow',
  'triggered_programmatic',
  'reinforcement',
]);

export function coerceOrigin(raw: unknown): string {
  return typeof raw === 'string' && (USER_MESSAGE_ORIGINS as readonly string[]).includes(raw)
    ? raw
    : 'api';
}

/** What gating looks at: the kind of credential and three request headers. */
export interface OriginCaller {
  isKey: boolean;
  userAgent: string | undefined;
  extensionVersion: string | undefined;
  zendeskUserId: string | undefined;
}

/** `isUserMessageContextValid`: may this caller post with this (already coerced) origin? */
export function isOriginAllowed(origin: string, caller: OriginCaller): boolean {
  const oauth = !caller.isKey;
  switch (origin) {
    case 'api':
      return true;
    case 'cli':
    case 'cli_programmatic':
      return oauth && caller.userAgent === 'Dust CLI';
    case 'extension':
      return oauth && caller.extensionVersion !== undefined;
    case 'raycast':
      return oauth && caller.userAgent === 'undici';
    case 'zendesk':
      return caller.zendeskUserId !== undefined;
    default:
      return KEY_ONLY.has(origin) && caller.isKey;
  }
}

/** Programmatic usage is gated by credits; API-key requests always count as programmatic. */
export function isProgrammaticUsage(origin: string, isKey: boolean): boolean {
  return isKey || PROGRAMMATIC.has(origin);
}

export const ORIGIN_NOT_ALLOWED =
  'This origin is not allowed. Remove the origin from the context property.';
