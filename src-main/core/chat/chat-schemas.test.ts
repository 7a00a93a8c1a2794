import { describe, expect, it } from 'vitest';

import {
  agentMessageFor,
  approvalsFromBlocked,
  type BlockedAction,
  Conversation,
  finalEventOf,
} from './chat-schemas.js';

const conversation = Conversation.parse({
  sId: 'c1',
  title: null,
  content: [
    [{ type: 'user_message', sId: 'u1', content: 'hi', visibility: 'visible' }],
    [
      {
        type: 'agent_message',
        sId: 'a0',
        parentMessageId: 'u1',
        status: 'failed',
        content: null,
        error: { code: 'x', message: 'old' },
      },
      {
        type: 'agent_message',
        sId: 'a1',
        parentMessageId: 'u1',
        status: 'succeeded',
        content: 'Hello',
        chainOfThought: null,
      },
    ],
  ],
});

describe('conversation helpers', () => {
  it('finds the current agent message answering a user message and how it ended', () => {
    expect(agentMessageFor(conversation, 'u1')?.sId).toBe('a1');
    expect(finalEventOf(conversation, 'a1')).toEqual({
      type: 'message_success',
      content: 'Hello',
      chainOfThought: null,
    });
    expect(finalEventOf(conversation, 'a0')).toBeUndefined();
  });

  it('reads blocked actions of one message as approval requests', () => {
    const blocked: BlockedAction[] = [
      {
        actionId: 'act_1',
        messageId: 'a1',
        conversationId: 'c1',
        status: 'blocked_validation_required',
        inputs: { x: 1 },
        stake: 'low',
        metadata: { toolName: 'echo', mcpServerName: 'srv', mcpServerId: 'id-1' },
      },
      {
        actionId: 'act_2',
        messageId: 'other',
        conversationId: 'c1',
        status: 'blocked_validation_required',
        metadata: { toolName: 'echo', mcpServerName: 'srv' },
      },
      {
        actionId: 'act_3',
        messageId: 'a1',
        conversationId: 'c1',
        status: 'blocked_authentication_required',
        metadata: { toolName: 'x', mcpServerName: 'y' },
      },
    ];
    expect(approvalsFromBlocked(blocked, 'a1')).toEqual([
      {
        conversationId: 'c1',
        messageId: 'a1',
        actionId: 'act_1',
        toolName: 'echo',
        serverName: 'srv',
        serverId: 'id-1',
        inputs: { x: 1 },
        stake: 'low',
      },
    ]);
  });
});
