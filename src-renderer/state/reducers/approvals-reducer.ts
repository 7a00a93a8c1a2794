import type {
  ApprovalsDeltaDto,
  PendingCallDto,
} from '../../../src-main/shared/contract/approvals';

/** A recent decision, kept briefly so the window can say what happened to a call that left. */
export interface DecidedNotice {
  callId: string;
  tool: string;
  verdict: 'approve' | 'deny';
  by: string;
  reason: string;
  /** When the window learned it (epoch ms), so old notices can fade out. */
  at: number;
}

export interface ApprovalsState {
  status: 'loading' | 'ready' | 'error';
  message?: string;
  /** Waiting calls, oldest first (the order Dust's deadlines run out in). */
  items: PendingCallDto[];
  /** Calls whose decision is on its way to main; their buttons are disabled. */
  deciding: Record<string, true>;
  /** A failed decision, in words, shown on the card. */
  errors: Record<string, string>;
  /** What happened to calls that left the queue; newest first, at most five. */
  recent: DecidedNotice[];
}

export const initialApprovals: ApprovalsState = {
  status: 'loading',
  items: [],
  deciding: {},
  errors: {},
  recent: [],
};

const byReceived = (a: PendingCallDto, b: PendingCallDto) => a.receivedAt - b.receivedAt;

/** A fresh snapshot replaces the queue; in-flight marks survive only for calls still waiting. */
export function applyApprovalsSnapshot(
  state: ApprovalsState,
  calls: PendingCallDto[],
): ApprovalsState {
  const ids = new Set(calls.map((call) => call.callId));
  return {
    ...state,
    status: 'ready',
    items: [...calls].sort(byReceived),
    deciding: keep(state.deciding, ids),
    errors: keep(state.errors, ids),
  };
}

/** One delta from main: a call arrived, or was decided (by the person, a rule, or the deadline). */
export function applyApprovalsEvent(
  state: ApprovalsState,
  delta: ApprovalsDeltaDto,
  at = 0,
): ApprovalsState {
  if (delta.kind === 'added') {
    if (state.items.some((item) => item.callId === delta.call.callId)) return state;
    return { ...state, items: [...state.items, delta.call].sort(byReceived) };
  }
  const item = state.items.find((call) => call.callId === delta.callId);
  if (!item) return state;
  const rest = new Set(state.items.filter((call) => call !== item).map((call) => call.callId));
  const notice: DecidedNotice = {
    callId: item.callId,
    tool: item.tool,
    verdict: delta.verdict,
    by: delta.by,
    reason: delta.reason,
    at,
  };
  return {
    ...state,
    items: state.items.filter((call) => call !== item),
    deciding: keep(state.deciding, rest),
    errors: keep(state.errors, rest),
    recent: [notice, ...state.recent].slice(0, 5),
  };
}

export function markDeciding(state: ApprovalsState, callIds: string[]): ApprovalsState {
  const deciding = { ...state.deciding };
  const errors = { ...state.errors };
  for (const id of callIds) {
    deciding[id] = true;
    delete errors[id];
  }
  return { ...state, deciding, errors };
}

/** Rolls an optimistic decision back and says why it failed. */
export function decisionFailed(
  state: ApprovalsState,
  callId: string,
  message: string,
  at = 0,
): ApprovalsState {
  const deciding = { ...state.deciding };
  delete deciding[callId];
  if (!state.items.some((item) => item.callId === callId)) {
    return {
      ...state,
      deciding,
      recent: [
        { callId, tool: '', verdict: 'deny' as const, by: 'error', reason: message, at },
        ...state.recent,
      ].slice(0, 5),
    };
  }
  return { ...state, deciding, errors: { ...state.errors, [callId]: message } };
}

/** Main accepted the decision: the call leaves now, before its `decided` event arrives. */
export function decisionAccepted(
  state: ApprovalsState,
  callId: string,
  verdict: 'approve' | 'deny',
  at = 0,
): ApprovalsState {
  const item = state.items.find((call) => call.callId === callId);
  if (!item) return state;
  return applyApprovalsEvent(
    state,
    { kind: 'decided', callId, verdict, by: 'you', reason: '' },
    at,
  );
}

function keep<V>(record: Record<string, V>, ids: Set<string>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id)));
}
