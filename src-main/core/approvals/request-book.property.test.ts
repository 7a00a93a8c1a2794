import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { ApprovalDecision, ApprovalDelta } from './approval-types.js';
import {
  addPending,
  type BookUpdate,
  cancel,
  decide,
  denyAll,
  emptyBook,
  expire,
  type RequestBook,
} from './request-book.js';

const T0 = Date.UTC(2026, 0, 1);
const callIds = fc.constantFrom('a', 'b', 'c', 'd');
const decision: fc.Arbitrary<ApprovalDecision> = fc.oneof(
  fc.constant({ verdict: 'deny' as const }),
  fc.constant({ verdict: 'approve' as const, remember: { kind: 'once' as const } }),
  fc.constant({ verdict: 'approve' as const, remember: { kind: 'always' as const } }),
);
const op = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    callId: callIds,
    wait: fc.integer({ min: 0, max: 200_000 }),
  }),
  fc.record({
    op: fc.constant('decide' as const),
    callId: callIds,
    goodNonce: fc.boolean(),
    decision,
  }),
  fc.record({ op: fc.constant('expire' as const) }),
  fc.record({ op: fc.constant('cancel' as const), callId: callIds }),
  fc.record({ op: fc.constant('denyAll' as const) }),
);
const step = fc.record({ op, dt: fc.integer({ min: 0, max: 100_000 }) });

describe('request book invariants under random operations', () => {
  it('numbers every change, settles each call once, and never loses one', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let book: RequestBook = emptyBook();
        let now = T0;
        const deltas: ApprovalDelta[] = [];
        const added = new Set<string>();
        for (const { op, dt } of steps) {
          now += dt;
          let update: BookUpdate<unknown>;
          switch (op.op) {
            case 'add':
              update = addPending(book, {
                callId: op.callId,
                nonce: `n-${op.callId}`,
                server: 's',
                tool: 't',
                arguments: {},
                agent: undefined,
                conversationId: undefined,
                policyReason: undefined,
                receivedAt: now,
                deadlineAt: now + op.wait,
              });
              if (update.outcome === 'added') added.add(op.callId);
              break;
            case 'decide': {
              const nonce = op.goodNonce ? `n-${op.callId}` : 'forged';
              update = decide(book, { callId: op.callId, nonce, decision: op.decision, now });
              if (!op.goodNonce) expect(update.outcome).toMatchObject({ ok: false });
              break;
            }
            case 'expire':
              update = expire(book, now);
              for (const call of update.book.pending.values())
                expect(call.deadlineAt).toBeGreaterThan(now);
              break;
            case 'cancel':
              update = cancel(book, op.callId, 'cancelled', now);
              break;
            case 'denyAll':
              update = denyAll(book, 'bye', now);
              expect(update.book.pending.size).toBe(0);
              break;
          }
          if (update.deltas.length === 0) expect(update.book).toBe(book);
          deltas.push(...update.deltas);
          book = update.book;
          for (const id of book.pending.keys()) expect(book.decided.has(id)).toBe(false);
        }
        expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i + 1));
        expect(book.seq).toBe(deltas.length);
        const decidedIds = deltas.flatMap((d) => (d.kind === 'decided' ? [d.decided.callId] : []));
        expect(new Set(decidedIds).size).toBe(decidedIds.length);
        expect([...decidedIds, ...book.pending.keys()].sort()).toEqual([...added].sort());
      }),
      { numRuns: 3000 },
    );
  });
});
