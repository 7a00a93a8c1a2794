import type { DecideInput } from '../../../src-main/shared/contract/approvals';
import { errorWords } from '../errors';
import {
  type ApprovalsState,
  decisionAccepted,
  decisionFailed,
  initialApprovals,
  markDeciding,
} from '../reducers/approvals-reducer';
import type { SliceContext } from './types';

/** What the person chose, in the window's terms; `toDecision` maps it to the contract. */
export type Choice =
  | ((
      | { kind: 'approve' }
      | { kind: 'always' }
      | { kind: 'conversation' }
      | { kind: 'hours'; hours: number }
    ) & { arguments?: Record<string, unknown> })
  | { kind: 'deny'; reason?: string };

export function toDecision(choice: Choice): DecideInput['decision'] {
  if (choice.kind === 'deny')
    return { verdict: 'deny', ...(choice.reason?.trim() ? { reason: choice.reason.trim() } : {}) };
  const edited = choice.arguments ? { arguments: choice.arguments } : {};
  switch (choice.kind) {
    case 'approve':
      return { verdict: 'approve', remember: { kind: 'once' }, ...edited };
    case 'always':
      return { verdict: 'approve', remember: { kind: 'always' }, ...edited };
    case 'conversation':
      return { verdict: 'approve', remember: { kind: 'conversation' }, ...edited };
    case 'hours':
      return { verdict: 'approve', remember: { kind: 'hours', hours: choice.hours }, ...edited };
  }
}

export interface ApprovalsSlice {
  approvals: ApprovalsState;
  /** Optimistic: the card shows "deciding", and comes back with the error in words on failure. */
  decide: (callId: string, choice: Choice) => Promise<void>;
  /** Approves each call once (the batch button for read-only calls). */
  approveMany: (callIds: string[]) => Promise<void>;
}

export function createApprovalsSlice({ set, get, bridge }: SliceContext): ApprovalsSlice {
  const update = (change: (state: ApprovalsState) => ApprovalsState) =>
    set({ approvals: change(get().approvals) });
  async function decide(callId: string, choice: Choice) {
    const item = get().approvals.items.find((call) => call.callId === callId);
    if (!item || get().approvals.deciding[callId]) return;
    update((state) => markDeciding(state, [callId]));
    const decision = toDecision(choice);
    try {
      await bridge.approvals.decide({ callId, nonce: item.nonce, decision });
      update((state) => decisionAccepted(state, callId, decision.verdict, Date.now()));
    } catch (error) {
      update((state) => decisionFailed(state, callId, errorWords(error).message, Date.now()));
    }
  }
  return {
    approvals: initialApprovals,
    decide,
    approveMany: async (callIds) => {
      await Promise.all(callIds.map((id) => decide(id, { kind: 'approve' })));
    },
  };
}
