import { describe, expect, it } from 'vitest';

import type { PendingCallDto } from '../../../src-main/shared/contract/approvals';
import {
  applyApprovalsEvent,
  applyApprovalsSnapshot,
  decisionAccepted,
  decisionFailed,
  initialApprovals,
  markDeciding,
} from './approvals-reducer';

const call = (callId: string, receivedAt = 1): PendingCallDto => ({
  callId,
  nonce: `n-${callId}`,
  server: 'everything',
  tool: 'echo',
  arguments: { message: 'hi' },
  receivedAt,
  deadlineAt: receivedAt + 60_000,
});

describe('approvals reducer', () => {
  it('a snapshot replaces the queue, oldest first, and keeps marks only for calls still waiting', () => {
    const marked = markDeciding(applyApprovalsSnapshot(initialApprovals, [call('a'), call('b')]), [
      'a',
      'b',
    ]);
    const next = applyApprovalsSnapshot(marked, [call('c', 3), call('b', 2)]);
    expect(next.status).toBe('ready');
    expect(next.items.map((item) => item.callId)).toEqual(['b', 'c']);
    expect(next.deciding).toEqual({ b: true });
  });

  it('adds a call once, even when the event repeats', () => {
    const once = applyApprovalsEvent(initialApprovals, { kind: 'added', call: call('a') });
    expect(applyApprovalsEvent(once, { kind: 'added', call: call('a') })).toBe(once);
  });

  it('a decided call leaves the queue and is remembered with who decided and why', () => {
    const state = applyApprovalsSnapshot(initialApprovals, [call('a')]);
    const next = applyApprovalsEvent(state, {
      kind: 'decided',
      callId: 'a',
      verdict: 'deny',
      by: 'deadline',
      reason: 'Too late',
    });
    expect(next.items).toEqual([]);
    expect(next.recent[0]).toMatchObject({
      callId: 'a',
      tool: 'echo',
      verdict: 'deny',
      by: 'deadline',
      reason: 'Too late',
    });
  });

  it('ignores a decision for a call it does not know', () => {
    const state = applyApprovalsSnapshot(initialApprovals, [call('a')]);
    expect(
      applyApprovalsEvent(state, {
        kind: 'decided',
        callId: 'zzz',
        verdict: 'approve',
        by: 'user',
        reason: '',
      }),
    ).toBe(state);
  });

  it('rolls a failed decision back with its words on the card', () => {
    const state = markDeciding(applyApprovalsSnapshot(initialApprovals, [call('a')]), ['a']);
    const next = decisionFailed(state, 'a', 'Too late');
    expect(next.deciding).toEqual({});
    expect(next.errors).toEqual({ a: 'Too late' });
    expect(next.items).toHaveLength(1);
  });

  it('a failure for a call that already left becomes a notice', () => {
    const next = decisionFailed(initialApprovals, 'gone', 'This request is not waiting');
    expect(next.recent[0]).toMatchObject({ callId: 'gone', reason: 'This request is not waiting' });
  });

  it('an accepted decision takes the call out before its event arrives', () => {
    const state = markDeciding(applyApprovalsSnapshot(initialApprovals, [call('a'), call('b')]), [
      'a',
    ]);
    const next = decisionAccepted(state, 'a', 'approve');
    expect(next.items.map((item) => item.callId)).toEqual(['b']);
    expect(next.deciding).toEqual({});
    expect(
      applyApprovalsEvent(next, {
        kind: 'decided',
        callId: 'a',
        verdict: 'approve',
        by: 'user',
        reason: '',
      }),
    ).toBe(next);
  });
});
