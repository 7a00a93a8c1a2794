import { describe, expect, it } from 'vitest';

import { agentTurn, conversation, userTurn } from '../../testing/chat-fixtures';
import {
  applyConversation,
  applyConversationsSnapshot,
  initialConversations,
  isAnswering,
  recentConversations,
  recentItems,
} from './chat-reducer';

describe('chat reducer', () => {
  it('keeps the higher seq per conversation, whatever order the snapshots come in', () => {
    const newer = conversation({ seq: 4, turns: [userTurn(), agentTurn({ text: 'full answer' })] });
    const older = conversation({ seq: 2, turns: [userTurn(), agentTurn({ text: 'full' })] });
    const state = applyConversation(applyConversation(initialConversations, newer), older);
    expect(state.byId.conv1).toBe(newer);
    const other = applyConversation(state, conversation({ conversationId: 'conv2', seq: 1 }));
    expect(other.order).toEqual(['conv1', 'conv2']);
    expect(recentConversations(other).map((c) => c.conversationId)).toEqual(['conv2', 'conv1']);
  });

  it('takes membership from a snapshot but keeps a newer copy it already holds', () => {
    const fromAsk = conversation({ seq: 7, status: 'idle' });
    const held = applyConversation(
      applyConversation(initialConversations, fromAsk),
      conversation({ conversationId: 'gone', seq: 1 }),
    );
    const next = applyConversationsSnapshot(held, [
      conversation({ seq: 5 }),
      conversation({ conversationId: 'conv3', seq: 6 }),
    ]);
    expect(next.status).toBe('ready');
    expect(next.byId.conv1).toBe(fromAsk);
    expect(next.byId.gone).toBeUndefined();
    expect(next.order).toEqual(['conv1', 'conv3']);
  });

  it('counts sending, answering and waiting for approval as answering', () => {
    expect(
      ['sending', 'answering', 'awaiting_approval', 'idle', 'failed', 'cancelled'].map((status) =>
        isAnswering(conversation({ status: status as never })),
      ),
    ).toEqual([true, true, true, false, false, false]);
    expect(isAnswering(undefined)).toBe(false);
  });

  it('lists this window’s conversations first, then remembered ones it does not hold', () => {
    const state = applyConversation(
      initialConversations,
      conversation({ conversationId: 'live1' }),
    );
    const remembered = (conversationId: string, live: boolean) => ({
      conversationId,
      agentId: 'a',
      title: conversationId,
      updatedAt: 1,
      live,
    });
    const items = recentItems(state, [
      remembered('live1', true),
      remembered('old2', false),
      remembered('old1', false),
    ]);
    expect(
      items.map((item) =>
        item.kind === 'live'
          ? `live:${item.conversation.conversationId}`
          : `remembered:${item.entry.conversationId}`,
      ),
    ).toEqual(['live:live1', 'remembered:old2', 'remembered:old1']);
  });
});
