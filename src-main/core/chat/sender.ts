import type { Me } from '../dust/dust-schemas.js';
import type { SenderContext } from './chat-api.js';

/**
 * Dust refuses a context field of 255 characters or more with a 400
 * (docs/protocol/conversations.md#create-conversation, step 3).
 */
const MAX_FIELD = 254;

/**
 * The `context` sender fields from `/api/v1/me`, as the Dust CLI fills them
 * (docs/protocol/conversations.md#cli-turn, startup step 2; docs/protocol/sign-in.md#workspaces).
 * `timezone` comes from the platform (`Intl…resolvedOptions().timeZone` in the Node shell), since
 * Dust checks it against the IANA list.
 */
export function senderFromMe(me: Me, timezone: string): SenderContext {
  const declared = typeof me.username === 'string' ? me.username.trim() : '';
  const username = declared || me.email.split('@')[0] || me.sId;
  return {
    username: clamp(username),
    timezone,
    fullName: me.fullName ? clamp(me.fullName) : null,
    email: clamp(me.email),
    profilePictureUrl: typeof me.image === 'string' ? me.image : null,
  };
}

function clamp(value: string): string {
  return value.length > MAX_FIELD ? value.slice(0, MAX_FIELD) : value;
}
