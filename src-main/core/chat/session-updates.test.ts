import { describe, expect, it } from 'vitest';

import type { PendingCall } from '../approvals/approval-types.js';
import { applyAgentEvent, type ConversationView, newAgentTurn } from './conversation-state.js';
import {
  lostServersAfter,
  openLocalPrompts,
  withLocalDecision,
  withLocalPrompt,
} from './session-updates.js';

const view = (servers: Array<{ name: string; serverId: string }>): ConversationView => ({
  conversationId: 'c1',
  agentId: 'dust',
  title: undefined,
  url: undefined,
  status: 'idle',
  turns: [{ role: 'user', messageId: 'u1', text: 'hi', servers }],
  approvals: [],
  lostServers: [],
  problem: undefined,
  seq: 1,
});

describe('lostServersAfter', () => {
  it('reports a server whose id changed after the message carried it, and where it went', () => {
    const v = view([{ name: 'fs', serverId: 'id-1' }]);
    const gone = lostServersAfter(v, { server: 'fs', previous: 'id-1', next: undefined }, true);
    expect(gone).toEqual([
      { server: 'fs', serverId: 'id-1', nextServerId: undefined, duringAnswer: true },
    ]);
    const back = lostServersAfter(
      { ...v, lostServers: gone! },
      { server: 'fs', previous: undefined, next: 'id-2' },
      false,
    );
    expect(back).toEqual([
      { server: 'fs', serverId: 'id-1', nextServerId: 'id-2', duringAnswer: true },
    ]);
  });

  it('ignores servers the message did not carry and ids that did not change', () => {
    const v = view([{ name: 'fs', serverId: 'id-1' }]);
    expect(
      lostServersAfter(v, { server: 'other', previous: 'x', next: 'y' }, false),
    ).toBeUndefined();
    expect(
      lostServersAfter(v, { server: 'fs', previous: undefined, next: 'id-1' }, false),
    ).toBeUndefined();
  });
});

describe('local prompts', () => {
  const call: PendingCall = {
    callId: 'call-1',
    nonce: 'n',
    server: 'everything',
    tool: 'echo',
    arguments: {},
    agent: undefined,
    conversationId: 'c1',
    policyReason: undefined,
    receivedAt: 0,
    deadlineAt: 1,
  };
  const running = applyAgentEvent(
    newAgentTurn('dust', 'm1'),
    {
      type: 'tool_params',
      action: {
        actionId: 'act_1',
        toolName: 'echo',
        functionCallName: 'x__echo',
        functionCallId: undefined,
        status: 'running',
        params: {},
        output: null,
      },
    },
    () => false,
  );

  it('links our gate prompt to the running call, then its decision with the reason', () => {
    const asking = withLocalPrompt(running, call);
    expect(asking.toolCalls[0]).toMatchObject({
      local: true,
      localApproval: { callId: 'call-1', nonce: 'n' },
    });
    expect(openLocalPrompts(asking)).toEqual(['call-1']);
    const decided = withLocalDecision(asking, {
      callId: 'call-1',
      nonce: 'n',
      decision: { verdict: 'deny' },
      by: 'user',
      reason: 'Not today',
      decidedAt: 2,
    });
    expect(decided.toolCalls[0]).toMatchObject({
      decision: { verdict: 'denied', by: 'local-gate', reason: 'Not today' },
      localApproval: undefined,
    });
    expect(openLocalPrompts(decided)).toEqual([]);
  });

  it('does not link a prompt about another tool', () => {
    expect(withLocalPrompt(running, { ...call, tool: 'add' })).toBe(running);
  });
});
