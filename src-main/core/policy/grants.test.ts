import { describe, expect, it } from 'vitest';

import {
  addGrant,
  consumeGrant,
  endConversation,
  expireGrants,
  findGrant,
  type Grant,
  grantApplies,
  type GrantScope,
  revokeAllGrants,
  revokeGrant,
  scopeForHours,
} from './grants.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const FP = 'f'.repeat(64);

function grant(id: string, scope: GrantScope, overrides: Partial<Grant> = {}): Grant {
  return {
    id,
    server: 'fs',
    tool: 'read_file',
    scope,
    fingerprint: FP,
    createdAt: NOW - 1000,
    reason: 'test',
    ...overrides,
  };
}
const subject = {
  server: 'fs',
  tool: 'read_file',
  conversationId: 'c1',
  fingerprint: FP,
  now: NOW,
};

describe('grantApplies', () => {
  it.each<[string, Grant, boolean]>([
    ['once', grant('g', { kind: 'once' }), true],
    ['always', grant('g', { kind: 'always' }), true],
    ['this conversation', grant('g', { kind: 'conversation', conversationId: 'c1' }), true],
    ['another conversation', grant('g', { kind: 'conversation', conversationId: 'c2' }), false],
    ['until later', grant('g', { kind: 'until', expiresAt: NOW + 1 }), true],
    ['until exactly now', grant('g', { kind: 'until', expiresAt: NOW }), false],
    ['until earlier', grant('g', { kind: 'until', expiresAt: NOW - 1 }), false],
    ['another tool', grant('g', { kind: 'always' }, { tool: 'write_file' }), false],
    ['another server', grant('g', { kind: 'always' }, { server: 'git' }), false],
    ['another fingerprint', grant('g', { kind: 'always' }, { fingerprint: 'e'.repeat(64) }), false],
  ])('%s → %s', (_name, g, expected) => {
    expect(grantApplies(g, subject)).toBe(expected);
  });

  it('never matches a conversation grant when the call has no conversation', () => {
    expect(
      grantApplies(grant('g', { kind: 'conversation', conversationId: 'c1' }), {
        ...subject,
        conversationId: undefined,
      }),
    ).toBe(false);
  });
});

describe('findGrant', () => {
  it('prefers durable grants so a one-shot grant is not spent needlessly', () => {
    const grants = [
      grant('once', { kind: 'once' }),
      grant('conv', { kind: 'conversation', conversationId: 'c1' }),
      grant('until', { kind: 'until', expiresAt: NOW + 5 }),
    ];
    expect(findGrant(grants, subject)?.id).toBe('until');
    expect(findGrant([...grants, grant('always', { kind: 'always' })], subject)?.id).toBe('always');
    expect(
      findGrant(
        [
          grant('once', { kind: 'once' }),
          grant('conv', { kind: 'conversation', conversationId: 'c1' }),
        ],
        subject,
      )?.id,
    ).toBe('conv');
  });

  it('finds nothing when nothing applies', () => {
    expect(
      findGrant([grant('g', { kind: 'conversation', conversationId: 'c9' })], subject),
    ).toBeUndefined();
  });
});

describe('scopeForHours', () => {
  it('expires N hours from now', () => {
    expect(scopeForHours(NOW, 8)).toEqual({ kind: 'until', expiresAt: NOW + 8 * 3_600_000 });
  });

  it.each([[0], [-1], [Number.NaN]])('refuses %d hours', (hours) => {
    expect(() => scopeForHours(NOW, hours)).toThrow(RangeError);
  });
});

describe('grant list updates', () => {
  const once = grant('once', { kind: 'once' });
  const always = grant('always', { kind: 'always' });
  const other = grant('other', { kind: 'always' }, { server: 'git', tool: 'log' });

  it('adds, and replaces an equivalent durable grant instead of piling up', () => {
    const grants = addGrant([always], grant('always2', { kind: 'always' }));
    expect(grants.map((g) => g.id)).toEqual(['always2']);
  });

  it('extends an "until" grant by replacing it', () => {
    const grants = addGrant(
      [grant('u1', { kind: 'until', expiresAt: NOW + 1 })],
      grant('u2', { kind: 'until', expiresAt: NOW + 9 }),
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]?.scope).toEqual({ kind: 'until', expiresAt: NOW + 9 });
  });

  it('keeps grants for other conversations, and separate once grants', () => {
    const c1 = grant('c1', { kind: 'conversation', conversationId: 'c1' });
    expect(
      addGrant([c1], grant('c2', { kind: 'conversation', conversationId: 'c2' })),
    ).toHaveLength(2);
    expect(addGrant([once], grant('once2', { kind: 'once' }))).toHaveLength(2);
  });

  it('replaces a grant with the same id', () => {
    expect(addGrant([always], { ...always, reason: 'new' })).toEqual([
      { ...always, reason: 'new' },
    ]);
  });

  it('consumes once grants only', () => {
    const grants = [once, always];
    expect(consumeGrant(grants, 'once')).toEqual([always]);
    expect(consumeGrant(grants, 'always')).toBe(grants);
    expect(consumeGrant(grants, 'missing')).toBe(grants);
  });

  it('revokes one grant, and returns the same list when there is nothing to revoke', () => {
    const grants = [once, always];
    expect(revokeGrant(grants, 'always')).toEqual([once]);
    expect(revokeGrant(grants, 'missing')).toBe(grants);
  });

  it('revokes all, per server or per tool', () => {
    const grants = [once, always, other];
    expect(revokeAllGrants(grants)).toEqual([]);
    expect(revokeAllGrants(grants, { server: 'fs' })).toEqual([other]);
    expect(revokeAllGrants(grants, { server: 'git', tool: 'log' })).toEqual([once, always]);
    expect(revokeAllGrants(grants, { server: 'nope' })).toBe(grants);
  });

  it('expires "until" grants at their time, and only those', () => {
    const due = grant('due', { kind: 'until', expiresAt: NOW });
    const later = grant('later', { kind: 'until', expiresAt: NOW + 1 });
    const grants = [due, later, always];
    expect(expireGrants(grants, NOW)).toEqual([later, always]);
    expect(expireGrants([later, always], NOW)).toEqual([later, always]);
    const unchanged = [later];
    expect(expireGrants(unchanged, NOW)).toBe(unchanged);
  });

  it('drops the grants of a finished conversation', () => {
    const c1 = grant('c1', { kind: 'conversation', conversationId: 'c1' });
    const c2 = grant('c2', { kind: 'conversation', conversationId: 'c2' });
    expect(endConversation([c1, c2, always], 'c1')).toEqual([c2, always]);
  });

  it('never mutates its input', () => {
    const grants = Object.freeze([once, always]);
    expect(() => addGrant(grants, other)).not.toThrow();
    expect(() => consumeGrant(grants, 'once')).not.toThrow();
    expect(grants).toHaveLength(2);
  });
});
