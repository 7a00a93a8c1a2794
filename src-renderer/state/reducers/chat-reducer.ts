import type { ConversationDto, HistoryEntryDto } from '../../../src-main/shared/contract/chat';

/**
 * The conversations this run started, as the window holds them.
 *
 * Every `ConversationDto` is a whole snapshot with a `seq`; the one with the higher `seq` wins per
 * conversation, so a late `chat:ask` answer cannot undo newer streamed tokens, and an old event
 * replayed after a resync changes nothing.
 */
export interface ConversationsState {
  status: 'loading' | 'ready' | 'error';
  message?: string;
  byId: Record<string, ConversationDto>;
  /** Ids in the order this window first saw them (oldest first). */
  order: string[];
}

export const initialConversations: ConversationsState = { status: 'loading', byId: {}, order: [] };

/** One conversation's newer snapshot; an older or equal `seq` is ignored. */
export function applyConversation(
  state: ConversationsState,
  next: ConversationDto,
): ConversationsState {
  const current = state.byId[next.conversationId];
  if (current && current.seq >= next.seq) return state;
  return {
    ...state,
    byId: { ...state.byId, [next.conversationId]: next },
    order: current ? state.order : [...state.order, next.conversationId],
  };
}

/**
 * A snapshot from main says which conversations exist (after a sign-out there are none); for
 * each, a newer copy already held (from a `chat:ask` answer) is kept.
 */
export function applyConversationsSnapshot(
  state: ConversationsState,
  list: ConversationDto[],
): ConversationsState {
  const held = list.map((next) => {
    const current = state.byId[next.conversationId];
    return current && current.seq > next.seq ? current : next;
  });
  const known = state.order.filter((id) => held.some((c) => c.conversationId === id));
  const added = held.map((c) => c.conversationId).filter((id) => !known.includes(id));
  return {
    status: 'ready',
    byId: Object.fromEntries(held.map((c) => [c.conversationId, c])),
    order: [...known, ...added],
  };
}

/** Newest first, for the "recent conversations" list. */
export function recentConversations(state: ConversationsState): ConversationDto[] {
  return [...state.order].reverse().flatMap((id) => (state.byId[id] ? [state.byId[id]] : []));
}

/** A line of the recent list: a conversation held in this window, or one only remembered. */
export type RecentItem =
  { kind: 'live'; conversation: ConversationDto } | { kind: 'remembered'; entry: HistoryEntryDto };

/**
 * This window's conversations (newest first), then those main remembers from earlier runs
 * (newest first, as main lists them) that the window does not hold: opening one reads it back.
 */
export function recentItems(
  state: ConversationsState,
  history: readonly HistoryEntryDto[],
): RecentItem[] {
  const live = recentConversations(state).map((conversation) => ({
    kind: 'live' as const,
    conversation,
  }));
  const remembered = history
    .filter((entry) => !state.byId[entry.conversationId])
    .map((entry) => ({ kind: 'remembered' as const, entry }));
  return [...live, ...remembered];
}

/** Whether the agent is still on it: a follow-up would be refused, so Stop replaces Send. */
export function isAnswering(conversation: ConversationDto | undefined): boolean {
  return (
    conversation !== undefined &&
    ['sending', 'answering', 'awaiting_approval'].includes(conversation.status)
  );
}
