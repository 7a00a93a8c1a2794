/**
 * Grants: permissions the user gave while answering an approval ("allow once", "for this
 * conversation", "for N hours", "always").
 *
 * Each grant names one tool of one server and carries the tool's fingerprint at the time, so a
 * changed tool or command line no longer matches (see fingerprint.ts). All functions are pure:
 * they return a new array when something changed and the same array when nothing did, so callers
 * can tell whether to persist.
 */
import type { ToolFacet } from './fingerprint.js';

export type GrantScope =
  | { kind: 'once' }
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'until'; expiresAt: number }
  | { kind: 'always' };

export interface Grant {
  id: string;
  server: string;
  tool: string;
  scope: GrantScope;
  fingerprint: string;
  /**
   * The fingerprint's parts when granted, so a re-ask can say what changed (absent on old grants).
   */
  facets?: Partial<Record<ToolFacet, string>>;
  /** Epoch ms. */
  createdAt: number;
  /** Why the grant exists, in words ("Approved from the tray"). */
  reason: string;
}

/** What a grant is checked against. */
export interface GrantSubject {
  server: string;
  tool: string;
  conversationId?: string | undefined;
  fingerprint: string;
  now: number;
}

/** An `until` scope `hours` from `now` (the "allow for N hours" button). */
export function scopeForHours(now: number, hours: number): GrantScope {
  if (!(hours > 0))
    throw new RangeError(`A grant must last a positive number of hours, not ${hours}`);
  return { kind: 'until', expiresAt: now + hours * 3_600_000 };
}

/** Whether `grant` allows this call right now. */
export function grantApplies(grant: Grant, subject: GrantSubject): boolean {
  if (grant.server !== subject.server || grant.tool !== subject.tool) return false;
  if (grant.fingerprint !== subject.fingerprint) return false;
  return scopeApplies(grant.scope, subject);
}

function scopeApplies(scope: GrantScope, subject: GrantSubject): boolean {
  switch (scope.kind) {
    case 'once':
    case 'always':
      return true;
    case 'conversation':
      return (
        subject.conversationId !== undefined && scope.conversationId === subject.conversationId
      );
    case 'until':
      return subject.now < scope.expiresAt;
  }
}

/** Longer-lived grants are used first, so a one-shot grant is not spent when another applies. */
const DURABILITY: Record<GrantScope['kind'], number> = {
  always: 0,
  until: 1,
  conversation: 2,
  once: 3,
};

/** The grant to use for this call, if any. */
export function findGrant(grants: readonly Grant[], subject: GrantSubject): Grant | undefined {
  let best: Grant | undefined;
  for (const grant of grants) {
    if (!grantApplies(grant, subject)) continue;
    if (!best || DURABILITY[grant.scope.kind] < DURABILITY[best.scope.kind]) best = grant;
  }
  return best;
}

function sameScope(a: GrantScope, b: GrantScope): boolean {
  if (a.kind === 'conversation' && b.kind === 'conversation')
    return a.conversationId === b.conversationId;
  return a.kind === b.kind && a.kind !== 'once';
}

/**
 * Adds a grant. A grant with the same id, or the same tool, fingerprint and durable scope, is
 * replaced, so clicking "always" twice keeps one grant (and "for N hours" extends).
 */
export function addGrant(grants: readonly Grant[], grant: Grant): readonly Grant[] {
  const kept = grants.filter(
    (g) =>
      g.id !== grant.id &&
      !(
        g.server === grant.server &&
        g.tool === grant.tool &&
        g.fingerprint === grant.fingerprint &&
        sameScope(g.scope, grant.scope)
      ),
  );
  return [...kept, grant];
}

/** Marks a grant used: a `once` grant disappears; others stay. */
export function consumeGrant(grants: readonly Grant[], id: string): readonly Grant[] {
  const grant = grants.find((g) => g.id === id);
  if (!grant || grant.scope.kind !== 'once') return grants;
  return grants.filter((g) => g !== grant);
}

export function revokeGrant(grants: readonly Grant[], id: string): readonly Grant[] {
  return grants.some((g) => g.id === id) ? grants.filter((g) => g.id !== id) : grants;
}

/** Revokes every grant, or every grant of one server (and tool) when a filter is given. */
export function revokeAllGrants(
  grants: readonly Grant[],
  filter: { server?: string; tool?: string } = {},
): readonly Grant[] {
  const matches = (g: Grant) =>
    (filter.server === undefined || g.server === filter.server) &&
    (filter.tool === undefined || g.tool === filter.tool);
  return grants.some(matches) ? grants.filter((g) => !matches(g)) : grants;
}

/** Drops `until` grants whose time is over (also done lazily by `grantApplies`). */
export function expireGrants(grants: readonly Grant[], now: number): readonly Grant[] {
  const expired = (g: Grant) => g.scope.kind === 'until' && g.scope.expiresAt <= now;
  return grants.some(expired) ? grants.filter((g) => !expired(g)) : grants;
}

/** Drops the grants scoped to a conversation that is over. */
export function endConversation(
  grants: readonly Grant[],
  conversationId: string,
): readonly Grant[] {
  const scoped = (g: Grant) =>
    g.scope.kind === 'conversation' && g.scope.conversationId === conversationId;
  return grants.some(scoped) ? grants.filter((g) => !scoped(g)) : grants;
}
