import { describe, expect, it } from 'vitest';

import {
  type ApprovalDecision,
  computeDeadline,
  DEADLINE_REASON,
  type PendingCall,
  sameDecision,
} from './approval-types.js';
import {
  addPending,
  cancel,
  decide,
  denyAll,
  emptyBook,
  expire,
  type RequestBook,
  snapshot,
} from './request-book.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const APPROVE: ApprovalDecision = { verdict: 'approve', remember: { kind: 'once' } };
const ALWAYS: ApprovalDecision = { verdict: 'approve', remember: { kind: 'always' } };
const DENY: ApprovalDecision = { verdict: 'deny' };

function call(callId: string, overrides: Partial<PendingCall> = {}): PendingCall {
  return {
    callId,
    nonce: `nonce-${callId}`,
    server: 'fs',
    tool: 'write_file',
    arguments: { path: '/tmp/x' },
    agent: 'helper',
    conversationId: 'conv-1',
    policyReason: 'No rule',
    receivedAt: T0,
    deadlineAt: T0 + 165_000,
    ...overrides,
  };
}

function bookWith(...calls: PendingCall[]): RequestBook {
  return calls.reduce((book, c) => addPending(book, c).book, emptyBook());
}

describe('computeDeadline', () => {
  it.each([
    ['a short configured wait', 60_000, undefined, T0 + 60_000],
    ['the default, capped at 180 s minus the margin', 165_000, undefined, T0 + 165_000],
    ['a long configured wait, capped', 600_000, undefined, T0 + 165_000],
    ['a request Dust published 100 s ago', 600_000, T0 - 100_000, T0 + 65_000],
    ['a stale replay', 600_000, T0 - 400_000, T0 - 235_000],
    ['a publish time after receipt (clock skew) is ignored', 600_000, T0 + 50_000, T0 + 165_000],
    ['a negative configured wait', -5, undefined, T0],
  ])('%s', (_name, configured, publishedAt, expected) => {
    expect(computeDeadline(T0, configured, publishedAt)).toBe(expected);
  });
});

describe('sameDecision', () => {
  it.each<[ApprovalDecision, ApprovalDecision, boolean]>([
    [DENY, DENY, true],
    [APPROVE, APPROVE, true],
    [APPROVE, DENY, false],
    [DENY, ALWAYS, false],
    [APPROVE, ALWAYS, false],
    [
      { verdict: 'approve', remember: { kind: 'hours', hours: 8 } },
      { verdict: 'approve', remember: { kind: 'hours', hours: 8 } },
      true,
    ],
    [
      { verdict: 'approve', remember: { kind: 'hours', hours: 8 } },
      { verdict: 'approve', remember: { kind: 'hours', hours: 1 } },
      false,
    ],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameDecision(a, b)).toBe(expected);
  });
});

describe('request book', () => {
  it('adds a pending call with the next seq', () => {
    const { book, deltas, outcome } = addPending(emptyBook(), call('a'));
    expect(outcome).toBe('added');
    expect(deltas).toEqual([{ seq: 1, kind: 'added', call: call('a') }]);
    expect(snapshot(book)).toEqual({ seq: 1, pending: [call('a')] });
  });

  it('refuses a call id it already knows, pending or decided', () => {
    const book = bookWith(call('a'));
    expect(addPending(book, call('a'))).toMatchObject({ book, deltas: [], outcome: 'duplicate' });
    const decided = decide(book, { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 }).book;
    expect(addPending(decided, call('a')).outcome).toBe('duplicate');
  });

  it('decides a call before its deadline', () => {
    const { book, deltas, outcome } = decide(bookWith(call('a')), {
      callId: 'a',
      nonce: 'nonce-a',
      decision: APPROVE,
      now: T0 + 1000,
    });
    expect(outcome).toEqual({
      ok: true,
      repeated: false,
      decided: {
        callId: 'a',
        nonce: 'nonce-a',
        decision: APPROVE,
        by: 'user',
        reason: 'Approved by you',
        decidedAt: T0 + 1000,
      },
    });
    expect(deltas).toEqual([{ seq: 2, kind: 'decided', decided: outcome.ok && outcome.decided }]);
    expect(book.pending.size).toBe(0);
  });

  it('says "Denied by you" for a denial, or the reason given', () => {
    const book = bookWith(call('a'), call('b'));
    expect(
      decide(book, { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 }).outcome,
    ).toMatchObject({ decided: { reason: 'Denied by you' } });
    expect(
      decide(book, { callId: 'b', nonce: 'nonce-b', decision: DENY, now: T0, reason: 'Not now' })
        .outcome,
    ).toMatchObject({ decided: { reason: 'Not now' } });
  });

  it('is idempotent: the same decision again gives the same outcome and no change', () => {
    const first = decide(bookWith(call('a')), {
      callId: 'a',
      nonce: 'nonce-a',
      decision: ALWAYS,
      now: T0,
    });
    const second = decide(first.book, {
      callId: 'a',
      nonce: 'nonce-a',
      decision: ALWAYS,
      now: T0 + 5,
    });
    expect(second.book).toBe(first.book);
    expect(second.deltas).toEqual([]);
    expect(second.outcome).toEqual({
      ok: true,
      repeated: true,
      decided: first.outcome.ok && first.outcome.decided,
    });
  });

  it.each<
    [
      string,
      (b: RequestBook) => RequestBook,
      { callId: string; nonce: string; decision: ApprovalDecision; now: number },
      string,
    ]
  >([
    [
      'an unknown call',
      (b) => b,
      { callId: 'zzz', nonce: 'nonce-a', decision: APPROVE, now: T0 },
      'not_found',
    ],
    [
      'a wrong nonce',
      (b) => b,
      { callId: 'a', nonce: 'nonce-b', decision: APPROVE, now: T0 },
      'forbidden',
    ],
    [
      'a wrong nonce on a decided call',
      (b) => decide(b, { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 }).book,
      { callId: 'a', nonce: 'x', decision: DENY, now: T0 },
      'forbidden',
    ],
    [
      'a conflicting second decision',
      (b) => decide(b, { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 }).book,
      { callId: 'a', nonce: 'nonce-a', decision: APPROVE, now: T0 },
      'already_decided',
    ],
    [
      'an approve-once after approve-always',
      (b) => decide(b, { callId: 'a', nonce: 'nonce-a', decision: ALWAYS, now: T0 }).book,
      { callId: 'a', nonce: 'nonce-a', decision: APPROVE, now: T0 },
      'already_decided',
    ],
    [
      'a decision after the deadline denied the call',
      (b) => expire(b, T0 + 165_000).book,
      { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 + 165_001 },
      'expired',
    ],
    [
      'a decision after Dust cancelled the call',
      (b) => cancel(b, 'a', 'Dust cancelled the call', T0).book,
      { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 },
      'already_decided',
    ],
    [
      'a decision after shutdown',
      (b) => denyAll(b, 'bye', T0).book,
      { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 },
      'already_decided',
    ],
  ])('rejects %s', (_name, prepare, request, error) => {
    const book = prepare(bookWith(call('a'), call('b')));
    const update = decide(book, request);
    expect(update.outcome).toEqual({ ok: false, error });
    expect(update.book).toBe(book);
    expect(update.deltas).toEqual([]);
  });

  it('denies a call on the spot when a decision arrives at or after its deadline', () => {
    const update = decide(bookWith(call('a')), {
      callId: 'a',
      nonce: 'nonce-a',
      decision: APPROVE,
      now: T0 + 165_000,
    });
    expect(update.outcome).toEqual({ ok: false, error: 'expired' });
    expect(update.deltas).toMatchObject([
      {
        seq: 2,
        kind: 'decided',
        decided: { by: 'deadline', decision: DENY, reason: DEADLINE_REASON },
      },
    ]);
    expect(update.book.pending.size).toBe(0);
  });

  it('expires exactly the calls past their deadline, one seq each', () => {
    const book = bookWith(
      call('a', { deadlineAt: T0 + 10 }),
      call('b', { deadlineAt: T0 + 20 }),
      call('c', { deadlineAt: T0 + 30 }),
    );
    const update = expire(book, T0 + 20);
    expect(update.outcome.map((d) => d.callId)).toEqual(['a', 'b']);
    expect(update.deltas.map((d) => d.seq)).toEqual([4, 5]);
    expect(
      update.outcome.every(
        (d) => d.reason === "No one answered before Dust's deadline" && d.by === 'deadline',
      ),
    ).toBe(true);
    expect([...update.book.pending.keys()]).toEqual(['c']);
    expect(expire(update.book, T0 + 20).book).toBe(update.book);
  });

  it('cancels one pending call, and ignores unknown ones', () => {
    const book = bookWith(call('a'));
    const update = cancel(book, 'a', 'Dust cancelled the call', T0);
    expect(update.outcome).toMatchObject({
      callId: 'a',
      by: 'cancelled',
      decision: DENY,
      reason: 'Dust cancelled the call',
    });
    expect(cancel(update.book, 'a', 'again', T0)).toMatchObject({
      book: update.book,
      deltas: [],
      outcome: undefined,
    });
  });

  it('denies everything on shutdown', () => {
    const update = denyAll(bookWith(call('a'), call('b')), 'Stopping', T0);
    expect(update.outcome.map((d) => [d.callId, d.by, d.reason])).toEqual([
      ['a', 'shutdown', 'Stopping'],
      ['b', 'shutdown', 'Stopping'],
    ]);
    expect(update.book.pending.size).toBe(0);
  });

  it('lists pending calls oldest first in the snapshot', () => {
    const book = bookWith(call('late', { receivedAt: T0 + 5 }), call('early', { receivedAt: T0 }));
    expect(snapshot(book).pending.map((c) => c.callId)).toEqual(['early', 'late']);
  });

  it('forgets the oldest decisions beyond the history limit', () => {
    let book = emptyBook(2);
    for (const id of ['a', 'b', 'c']) {
      book = addPending(book, call(id)).book;
      book = decide(book, { callId: id, nonce: `nonce-${id}`, decision: DENY, now: T0 }).book;
    }
    expect([...book.decided.keys()]).toEqual(['b', 'c']);
    expect(
      decide(book, { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 }).outcome,
    ).toEqual({ ok: false, error: 'not_found' });
  });

  it('never mutates the previous book', () => {
    const book = bookWith(call('a'));
    decide(book, { callId: 'a', nonce: 'nonce-a', decision: DENY, now: T0 });
    expire(book, T0 + 999_999);
    expect(book.pending.has('a')).toBe(true);
    expect(book.seq).toBe(1);
  });
});
