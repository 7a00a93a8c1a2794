/**
 * The request book: every call waiting for a person, as a pure reducer.
 *
 * Each change gets the next `seq`, so the renderer can take a snapshot, then apply only deltas with
 * a higher `seq` (ARCHITECTURE.md#snapshot-then-subscribe). Decided calls are remembered (bounded)
 * so a double click or a retried IPC message gets the same answer instead of an error.
 */
import {
  type ApprovalDecision,
  type ApprovalDelta,
  type ApprovalSnapshot,
  DEADLINE_REASON,
  type DecidedBy,
  type DecidedCall,
  type DecideOutcome,
  type PendingCall,
  sameDecision,
} from './approval-types.js';

export interface RequestBook {
  readonly seq: number;
  readonly pending: ReadonlyMap<string, PendingCall>;
  /** Oldest first; at most `historyLimit` entries. */
  readonly decided: ReadonlyMap<string, DecidedCall>;
  readonly historyLimit: number;
}

export interface BookUpdate<T> {
  book: RequestBook;
  deltas: readonly ApprovalDelta[];
  outcome: T;
}

export function emptyBook(historyLimit = 1000): RequestBook {
  return { seq: 0, pending: new Map(), decided: new Map(), historyLimit };
}

export function addPending(
  book: RequestBook,
  call: PendingCall,
): BookUpdate<'added' | 'duplicate'> {
  if (book.pending.has(call.callId) || book.decided.has(call.callId))
    return { book, deltas: [], outcome: 'duplicate' };
  const seq = book.seq + 1;
  const pending = new Map(book.pending).set(call.callId, call);
  return {
    book: { ...book, seq, pending },
    deltas: [{ seq, kind: 'added', call }],
    outcome: 'added',
  };
}

/**
 * A person's decision. Checks, in order: the call exists (`not_found`), the nonce matches
 * (`forbidden`), it is still in time (`expired`, and the call is denied on the spot), and it was
 * not settled otherwise (`already_decided`, unless the same decision is repeated).
 */
export function decide(
  book: RequestBook,
  request: {
    callId: string;
    nonce: string;
    decision: ApprovalDecision;
    now: number;
    reason?: string;
  },
): BookUpdate<DecideOutcome> {
  const { callId, nonce, decision, now } = request;
  const done = book.decided.get(callId);
  if (done) {
    if (done.nonce !== nonce) return unchanged(book, { ok: false, error: 'forbidden' });
    if (done.by === 'deadline') return unchanged(book, { ok: false, error: 'expired' });
    if (done.by === 'user' && sameDecision(done.decision, decision))
      return unchanged(book, { ok: true, decided: done, repeated: true });
    return unchanged(book, { ok: false, error: 'already_decided' });
  }
  const call = book.pending.get(callId);
  if (!call) return unchanged(book, { ok: false, error: 'not_found' });
  if (call.nonce !== nonce) return unchanged(book, { ok: false, error: 'forbidden' });
  if (now >= call.deadlineAt) {
    const expired = settle(book, [call], { verdict: 'deny' }, 'deadline', DEADLINE_REASON, now);
    return { ...expired, outcome: { ok: false, error: 'expired' } };
  }
  const reason =
    request.reason ?? (decision.verdict === 'approve' ? 'Approved by you' : 'Denied by you');
  const update = settle(book, [call], decision, 'user', reason, now);
  const decided = update.book.decided.get(callId)!;
  return { ...update, outcome: { ok: true, decided, repeated: false } };
}

/** Denies every call whose deadline has come. */
export function expire(book: RequestBook, now: number): BookUpdate<readonly DecidedCall[]> {
  const due = [...book.pending.values()].filter((call) => call.deadlineAt <= now);
  return settled(settle(book, due, { verdict: 'deny' }, 'deadline', DEADLINE_REASON, now));
}

/** Denies one call that Dust cancelled (`notifications/cancelled`) or that the relay dropped. */
export function cancel(
  book: RequestBook,
  callId: string,
  reason: string,
  now: number,
): BookUpdate<DecidedCall | undefined> {
  const call = book.pending.get(callId);
  if (!call) return unchanged(book, undefined);
  const update = settle(book, [call], { verdict: 'deny' }, 'cancelled', reason, now);
  return { ...update, outcome: update.book.decided.get(callId) };
}

/**
 * Settles one waiting call by a permission or rule that now covers it; the person's card goes,
 * and a late click on it hears `already_decided`.
 */
export function settleByPolicy(
  book: RequestBook,
  callId: string,
  decision: ApprovalDecision,
  reason: string,
  now: number,
): BookUpdate<DecidedCall | undefined> {
  const call = book.pending.get(callId);
  if (!call) return unchanged(book, undefined);
  const update = settle(book, [call], decision, 'policy', reason, now);
  return { ...update, outcome: update.book.decided.get(callId) };
}

/** Denies everything still pending (shutdown, sign-out). */
export function denyAll(
  book: RequestBook,
  reason: string,
  now: number,
): BookUpdate<readonly DecidedCall[]> {
  return settled(
    settle(book, [...book.pending.values()], { verdict: 'deny' }, 'shutdown', reason, now),
  );
}

/** What a newly opened window needs: pending calls, oldest first, and the `seq` they reflect. */
export function snapshot(book: RequestBook): ApprovalSnapshot {
  const pending = [...book.pending.values()].sort(
    (a, b) => a.receivedAt - b.receivedAt || a.deadlineAt - b.deadlineAt,
  );
  return { seq: book.seq, pending };
}

function unchanged<T>(book: RequestBook, outcome: T): BookUpdate<T> {
  return { book, deltas: [], outcome };
}

function settled(update: BookUpdate<unknown>): BookUpdate<readonly DecidedCall[]> {
  return {
    ...update,
    outcome: update.deltas.flatMap((d) => (d.kind === 'decided' ? [d.decided] : [])),
  };
}

function settle(
  book: RequestBook,
  calls: readonly PendingCall[],
  decision: ApprovalDecision,
  by: DecidedBy,
  reason: string,
  now: number,
): BookUpdate<undefined> {
  if (calls.length === 0) return unchanged(book, undefined);
  const pending = new Map(book.pending);
  const decided = new Map(book.decided);
  const deltas: ApprovalDelta[] = [];
  let seq = book.seq;
  for (const call of calls) {
    const record: DecidedCall = {
      callId: call.callId,
      nonce: call.nonce,
      decision,
      by,
      reason,
      decidedAt: now,
    };
    pending.delete(call.callId);
    decided.set(call.callId, record);
    deltas.push({ seq: ++seq, kind: 'decided', decided: record });
  }
  for (const oldest of decided.keys()) {
    if (decided.size <= book.historyLimit) break;
    decided.delete(oldest);
  }
  return { book: { ...book, seq, pending, decided }, deltas, outcome: undefined };
}
