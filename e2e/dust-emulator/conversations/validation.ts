/**
 * Request-body validation for the two posting routes
 * (docs/protocol/conversations.md#create-conversation, #post-message).
 *
 * Hand-written rather than zod so the emulator shares nothing with the app and so each rule maps
 * to one line of Dust's handler. Messages imitate Dust's wording where it is known.
 */
import { isRecord } from '../values.js';
import { coerceOrigin } from './origin.js';

export type Check<T> =
  { ok: true; value: T } | { ok: false; status: number; type: string; message: string };

export interface PostedMessage {
  content: string;
  mentions: { configurationId: string }[];
  context: {
    username: string;
    timezone: string;
    fullName: string | null;
    email: string | null;
    profilePictureUrl: string | null;
    origin: string;
    clientSideMCPServerIds: string[] | null;
  };
}

export interface PostOptions {
  blocking: boolean;
  skipToolsValidation: boolean;
}

const TIMEZONES = new Set([
  ...Intl.supportedValuesOf('timeZone'),
  'UTC',
  'Etc/UTC',
  'GMT',
  'Etc/GMT',
]);
const MAX_CONTEXT_FIELD = 255;

const bad = (message: string): Check<never> => ({
  ok: false,
  status: 400,
  type: 'invalid_request_error',
  message,
});
const optionalString = (value: unknown): value is string | null | undefined =>
  value === undefined || value === null || typeof value === 'string';

/** Dust's zod-validation-error wording for a body field. */
export const invalidBody = (issue: string, at: string): Check<never> =>
  bad(`Invalid request body: Validation error: ${issue} at "${at}"`);

/** Shape check of a message object (`message` of a new conversation, or the flat messages body). */
export function parseMessage(raw: unknown, path: string): Check<PostedMessage> {
  if (!isRecord(raw)) return invalidBody('Required', path || 'body');
  const at = (field: string): string => (path === '' ? field : `${path}.${field}`);
  if (typeof raw.content !== 'string') return invalidBody('Required', at('content'));
  if (raw.content.length < 1)
    return invalidBody('String must contain at least 1 character(s)', at('content'));
  if (!Array.isArray(raw.mentions)) return invalidBody('Required', at('mentions'));
  const mentions: { configurationId: string }[] = [];
  for (const mention of raw.mentions as unknown[]) {
    if (isRecord(mention) && typeof mention.configurationId === 'string') {
      mentions.push({ configurationId: mention.configurationId });
    } else if (!(isRecord(mention) && mention.type === 'user')) {
      return invalidBody('Invalid input', at('mentions'));
    }
  }
  const context = raw.context;
  if (!isRecord(context)) return invalidBody('Required', at('context'));
  if (typeof context.username !== 'string') return invalidBody('Required', at('context.username'));
  if (typeof context.timezone !== 'string') return invalidBody('Required', at('context.timezone'));
  if (!TIMEZONES.has(context.timezone))
    return invalidBody('Invalid timezone', at('context.timezone'));
  for (const field of ['fullName', 'email', 'profilePictureUrl'] as const) {
    if (!optionalString(context[field]))
      return invalidBody('Expected string', at(`context.${field}`));
  }
  const ids = context.clientSideMCPServerIds;
  if (
    ids !== undefined &&
    ids !== null &&
    !(Array.isArray(ids) && ids.every((id) => typeof id === 'string'))
  ) {
    return invalidBody('Expected array', at('context.clientSideMCPServerIds'));
  }
  return {
    ok: true,
    value: {
      content: raw.content,
      mentions,
      context: {
        username: context.username,
        timezone: context.timezone,
        fullName: (context.fullName as string | null | undefined) ?? null,
        email: (context.email as string | null | undefined) ?? null,
        profilePictureUrl: (context.profilePictureUrl as string | null | undefined) ?? null,
        origin: coerceOrigin(context.origin),
        clientSideMCPServerIds: ids ?? null,
      },
    },
  };
}

/** The handler's own checks after zod: field lengths, then a non-empty username. */
export function checkContextFields(context: PostedMessage['context']): Check<true> {
  for (const field of ['username', 'timezone', 'fullName', 'email'] as const) {
    const value = context[field];
    if (value !== null && value.length >= MAX_CONTEXT_FIELD) {
      return bad(`The message.context.${field} must be less than ${MAX_CONTEXT_FIELD} characters.`);
    }
  }
  if (context.username.trim() === '')
    return bad('The message.context.username must be a non-empty string.');
  return { ok: true, value: true };
}

/** Exactly one agent mention: more is a 400; none means "no agent message" (we reject it too). */
export function checkMentions(mentions: PostedMessage['mentions']): Check<string | null> {
  if (mentions.length > 1) return bad('Only one agent can be mentioned per message.');
  return { ok: true, value: mentions[0]?.configurationId ?? null };
}

const VISIBILITIES = new Set(['unlisted', 'workspace', 'deleted', 'test']);

/** `title`, `visibility` and `spaceId` of `PublicPostConversationsRequestBodySchema`. */
export function checkConversationFields(
  body: Record<string, unknown>,
): Check<{ visibility: string }> {
  if (!optionalString(body.title)) return invalidBody('Expected string', 'title');
  const visibility = body.visibility ?? 'unlisted';
  if (typeof visibility !== 'string' || !VISIBILITIES.has(visibility))
    return invalidBody('Invalid enum value', 'visibility');
  if (!optionalString(body.spaceId)) return invalidBody('Expected string', 'spaceId');
  return { ok: true, value: { visibility } };
}

export function parseOptions(raw: Record<string, unknown>): Check<PostOptions> {
  for (const field of ['blocking', 'skipToolsValidation'] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== 'boolean')
      return invalidBody('Expected boolean', field);
  }
  return {
    ok: true,
    value: {
      blocking: raw.blocking === true,
      skipToolsValidation: raw.skipToolsValidation === true,
    },
  };
}
