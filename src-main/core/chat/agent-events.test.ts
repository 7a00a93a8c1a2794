import { describe, expect, it } from 'vitest';

import { isTerminal, parseAgentFrame } from './agent-events.js';

const frame = (eventId: string, data: Record<string, unknown>) =>
  JSON.stringify({ eventId, data: { created: 1, step: 0, ...data } });

describe('parseAgentFrame', () => {
  it('ignores the named handshake, its {} payload, and reads `done`', () => {
    expect(parseAgentFrame('{}', 'dust-handshake')).toEqual({ kind: 'ignored' });
    expect(parseAgentFrame('{}')).toEqual({ kind: 'ignored' });
    expect(parseAgentFrame('done')).toEqual({ kind: 'done' });
    expect(parseAgentFrame('not json').kind).toBe('invalid');
    expect(parseAgentFrame(JSON.stringify({ eventId: 'x', data: {} })).kind).toBe('invalid');
  });

  it('splits tokens into the answer and the thinking, and ignores delimiters', () => {
    expect(
      parseAgentFrame(
        frame('1-0', { type: 'generation_tokens', text: 'Hi', classification: 'tokens' }),
      ),
    ).toEqual({
      kind: 'event',
      eventId: '1-0',
      event: { type: 'tokens', channel: 'answer', text: 'Hi' },
    });
    const thinking = parseAgentFrame(
      frame('1-1', { type: 'generation_tokens', text: 'hmm', classification: 'chain_of_thought' }),
    );
    expect(thinking).toMatchObject({ event: { type: 'tokens', channel: 'thinking', text: 'hmm' } });
    const delimiter = parseAgentFrame(
      frame('1-2', { type: 'generation_tokens', text: '<', classification: 'opening_delimiter' }),
    );
    expect(delimiter).toMatchObject({ event: { type: 'other', rawType: 'generation_tokens' } });
  });

  it('reads an approval request with its server and inputs', () => {
    const parsed = parseAgentFrame(
      frame('2-0', {
        type: 'tool_approve_execution',
        conversationId: 'c1',
        messageId: 'm1',
        actionId: 'act_1',
        inputs: { message: 'x' },
        stake: 'low',
        metadata: { toolName: 'echo', mcpServerName: 'everything server', agentName: 'agent' },
      }),
    );
    expect(parsed).toMatchObject({
      event: {
        type: 'approval_needed',
        approval: {
          conversationId: 'c1',
          messageId: 'm1',
          actionId: 'act_1',
          toolName: 'echo',
          serverName: 'everything server',
          serverId: undefined,
          inputs: { message: 'x' },
          stake: 'low',
        },
      },
    });
  });

  it('reads actions and the terminal events', () => {
    const action = {
      sId: 'act_1',
      toolName: 'echo',
      functionCallName: 'srv__echo',
      status: 'succeeded',
      params: { a: 1 },
      output: [{ type: 'text', text: 'ok' }],
    };
    expect(parseAgentFrame(frame('3-0', { type: 'agent_action_success', action }))).toMatchObject({
      event: {
        type: 'action_done',
        action: { actionId: 'act_1', status: 'succeeded', output: [{ type: 'text', text: 'ok' }] },
      },
    });
    const success = parseAgentFrame(
      frame('4-0', {
        type: 'agent_message_success',
        message: { content: 'Done.', chainOfThought: null },
      }),
    );
    const error = parseAgentFrame(
      frame('4-1', {
        type: 'agent_error',
        error: { code: 'boom', message: 'It broke.', metadata: null },
      }),
    );
    const cancelled = parseAgentFrame(
      frame('4-2', { type: 'agent_generation_cancelled', status: 'cancelled' }),
    );
    const legacy = parseAgentFrame(
      frame('4-3', { type: 'user_message_error', error: { code: 'x', message: 'y' } }),
    );
    for (const parsed of [success, error, cancelled, legacy]) {
      expect(parsed.kind === 'event' && isTerminal(parsed.event)).toBe(true);
    }
    expect(error).toMatchObject({
      event: { type: 'message_error', code: 'boom', message: 'It broke.' },
    });
    const notification = parseAgentFrame(frame('5-0', { type: 'tool_notification' }));
    expect(notification.kind === 'event' && isTerminal(notification.event)).toBe(false);
  });
});
