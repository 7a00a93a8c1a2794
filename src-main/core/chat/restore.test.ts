import { describe, expect, it } from 'vitest';

import type { Conversation } from './chat-schemas.js';
import { restoreConversation } from './restore.js';

const user = (sId: string, content: string, ids: string[] | null = null) => ({
  type: 'user_message',
  sId,
  content,
  context: { clientSideMCPServerIds: ids },
});
const agent = (sId: string, parent: string, status: string, fields: object = {}) => ({
  type: 'agent_message',
  sId,
  parentMessageId: parent,
  status,
  configuration: { sId: 'helper' },
  ...fields,
});

describe('restoreConversation', () => {
  it('rebuilds the turns from the current version of each message, with the servers each carried', () => {
    const conversation: Conversation = {
      sId: 'c1',
      content: [
        [user('u1', 'First', ['srv-now', 'srv-old'])],
        [
          agent('a1-v1', 'u1', 'failed'),
          agent('a1', 'u1', 'succeeded', { content: 'Answer **one**', chainOfThought: 'thought' }),
        ],
        [{ type: 'content_fragment', sId: 'f1' }],
        [user('u2', 'Second')],
        [agent('a2', 'u2', 'failed', { error: { message: 'model overloaded' } })],
      ],
    };
    const restored = restoreConversation(conversation, (id) =>
      id === 'srv-now' ? 'everything' : undefined,
    );
    expect(restored.turns).toEqual([
      {
        role: 'user',
        messageId: 'u1',
        text: 'First',
        servers: [
          { name: 'everything', serverId: 'srv-now' },
          { name: 'a server of an earlier run', serverId: 'srv-old' },
        ],
      },
      expect.objectContaining({
        role: 'agent',
        messageId: 'a1',
        agentId: 'helper',
        text: 'Answer **one**',
        thinking: 'thought',
        status: 'succeeded',
        error: undefined,
      }),
      { role: 'user', messageId: 'u2', text: 'Second', servers: [] },
      expect.objectContaining({
        role: 'agent',
        messageId: 'a2',
        status: 'failed',
        error: 'The agent failed: model overloaded',
      }),
    ]);
    expect(restored.agentId).toBe('helper');
    expect(restored.runningAgentMessageId).toBeUndefined();
  });

  it('rebuilds an ended answer’s tool calls from its actions, keeping the answer’s status', () => {
    const action = (sId: string, status: string, output: unknown[] | null) => ({
      sId,
      toolName: 'echo',
      functionCallName: 'everything_server__echo',
      functionCallId: `call-${sId}`,
      status,
      params: { message: 'hi' },
      output,
    });
    const conversation: Conversation = {
      sId: 'c1',
      content: [
        [user('u1', 'Echo hi')],
        [
          agent('a1', 'u1', 'succeeded', {
            content: 'Done',
            actions: [
              action('act1', 'succeeded', [{ type: 'text', text: 'Echo: hi' }]),
              action('act2', 'denied', null),
              { nope: true },
            ],
          }),
        ],
      ],
    };
    const [, answer] = restoreConversation(conversation, () => undefined).turns;
    expect(answer).toMatchObject({ status: 'succeeded', text: 'Done' });
    expect(answer?.role === 'agent' && answer.toolCalls).toEqual([
      expect.objectContaining({
        actionId: 'act1',
        toolName: 'echo',
        status: 'succeeded',
        params: { message: 'hi' },
        output: [{ type: 'text', text: 'Echo: hi' }],
        decision: undefined,
      }),
      expect.objectContaining({ actionId: 'act2', status: 'denied', output: null }),
    ]);
  });

  it('marks a still-running answer to be followed, empty so its stream fills it once', () => {
    const conversation: Conversation = {
      sId: 'c1',
      content: [[user('u1', 'Hi')], [agent('a1', 'u1', 'created', { content: 'partial' })]],
    };
    const restored = restoreConversation(conversation, () => undefined);
    expect(restored.runningAgentMessageId).toBe('a1');
    expect(restored.turns[1]).toMatchObject({ status: 'waiting', text: '' });
  });
});
