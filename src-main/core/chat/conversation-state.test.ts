import { describe, expect, it } from 'vitest';

import type { ChatEvent } from './agent-events.js';
import {
  type AgentTurn,
  applyAgentEvent,
  newAgentTurn,
  recordDecision,
  statusOf,
} from './conversation-state.js';

const local = (name: string) => name === 'everything server';
const fold = (events: ChatEvent[], turn: AgentTurn = newAgentTurn('dust', 'm1')) =>
  events.reduce((t, e) => applyAgentEvent(t, e, local), turn);
const action = (status: string, output: unknown[] | null = null) => ({
  actionId: 'act_1',
  toolName: 'echo',
  functionCallName: 'everything_server__echo',
  functionCallId: 'fc1',
  status,
  params: { message: 'hi' },
  output,
});

describe('applyAgentEvent', () => {
  it('streams the answer and the thinking apart, and keeps the streamed text at the end', () => {
    const turn = fold([
      { type: 'tokens', channel: 'thinking', text: 'Let me ' },
      { type: 'tokens', channel: 'thinking', text: 'think.' },
      { type: 'tokens', channel: 'answer', text: 'Hel' },
      { type: 'tokens', channel: 'answer', text: 'lo' },
    ]);
    expect(turn).toMatchObject({ status: 'streaming', text: 'Hello', thinking: 'Let me think.' });
    expect(
      applyAgentEvent(
        turn,
        { type: 'message_success', content: 'Hello', chainOfThought: null },
        local,
      ),
    ).toMatchObject({ status: 'succeeded', text: 'Hello' });
    const quiet = applyAgentEvent(
      newAgentTurn('dust', 'm1'),
      { type: 'message_success', content: 'From Dust', chainOfThought: null },
      local,
    );
    expect(quiet.text).toBe('From Dust');
  });

  it('follows one tool call from the model to its result, marking our own server', () => {
    const turn = fold([
      { type: 'tool_call_started', toolName: 'everything_server__echo', toolCallId: 'call_0' },
      { type: 'tool_params', action: action('blocked_validation_required') },
      {
        type: 'approval_needed',
        approval: {
          conversationId: 'c1',
          messageId: 'm1',
          actionId: 'act_1',
          toolName: 'echo',
          serverName: 'everything server',
          serverId: undefined,
          inputs: { message: 'hi' },
          stake: 'low',
        },
      },
    ]);
    expect(turn.toolCalls).toHaveLength(1);
    expect(turn.toolCalls[0]).toMatchObject({
      key: 'act_1',
      toolName: 'echo',
      local: true,
      status: 'awaiting_approval',
      params: { message: 'hi' },
    });
    const done = applyAgentEvent(
      turn,
      { type: 'action_done', action: action('succeeded', [{ type: 'text', text: 'Echo: hi' }]) },
      local,
    );
    expect(done.toolCalls[0]).toMatchObject({
      status: 'succeeded',
      local: true,
      serverName: 'everything server',
      output: [{ type: 'text', text: 'Echo: hi' }],
    });
  });

  it('records a decision once, on the matching call only', () => {
    const turn = fold([{ type: 'tool_params', action: action('running') }]);
    const decided = recordDecision(turn, (c) => c.actionId === 'act_1', {
      verdict: 'denied',
      by: 'local-gate',
      reason: 'No',
    });
    expect(decided.toolCalls[0]?.decision).toEqual({
      verdict: 'denied',
      by: 'local-gate',
      reason: 'No',
    });
    const again = recordDecision(decided, (c) => c.actionId === 'act_1', {
      verdict: 'approved',
      by: 'person',
    });
    expect(again).toBe(decided);
  });

  it('ends in failure or cancellation with words, and the conversation status follows', () => {
    const failed = fold([
      { type: 'message_error', code: 'x', message: 'The model is overloaded.' },
    ]);
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'The agent failed: The model is overloaded.',
    });
    const user = { role: 'user' as const, messageId: 'u1', text: 'hi', servers: [] };
    expect(statusOf({ turns: [user], approvals: [] })).toBe('sending');
    expect(statusOf({ turns: [user, failed], approvals: [] })).toBe('failed');
    expect(statusOf({ turns: [user, fold([{ type: 'message_cancelled' }])], approvals: [] })).toBe(
      'cancelled',
    );
    const streaming = fold([{ type: 'tokens', channel: 'answer', text: 'a' }]);
    expect(statusOf({ turns: [user, streaming], approvals: [] })).toBe('answering');
    const approval = {
      conversationId: 'c',
      messageId: 'm',
      actionId: 'a',
      toolName: 't',
      serverName: 's',
      serverId: undefined,
      inputs: {},
      stake: 'high',
    };
    expect(statusOf({ turns: [user, streaming], approvals: [approval] })).toBe('awaiting_approval');
  });

  it('ignores events it does not know', () => {
    const turn = newAgentTurn('dust', 'm1');
    expect(applyAgentEvent(turn, { type: 'other', rawType: 'tool_notification' }, local)).toBe(
      turn,
    );
  });
});
