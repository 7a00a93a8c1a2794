/**
 * Approvals, blocked actions and cancel (docs/protocol/emulator.md#chat-13, #chat-14,
 * #chat-18, #mcp-30).
 */
import { describe, expect, it } from 'vitest';

import { type TestEmulator, useEmulator } from '../test-support/start.js';
import {
  conversationBody,
  createConversation,
  type Created,
  type FakeDesktop,
  openMessageEvents,
  readUntil,
  startDesktop,
  toolMessage,
  types,
} from './test-kit.js';

const emulator = useEmulator();
const terminal = (e: { data: { type: string } }): boolean =>
  ['agent_message_success', 'agent_error', 'agent_generation_cancelled'].includes(e.data.type);

interface Blocked extends Created {
  actionId: string;
  desktop: FakeDesktop;
}

/** A turn paused on its approval; the stream used to see it is closed. */
async function blockedTurn(em: TestEmulator, desktop?: FakeDesktop): Promise<Blocked> {
  const d = desktop ?? (await startDesktop(em));
  const created = await createConversation(
    em,
    conversationBody(toolMessage('echo', { text: 'abc' }), 'dust', [d.serverId]),
  );
  const sse = await openMessageEvents(em, created);
  const events = await readUntil(sse, (e) => e.data.type === 'tool_approve_execution');
  sse.close();
  return { ...created, actionId: events.at(-1)!.data.actionId as string, desktop: d };
}

function validate(
  em: TestEmulator,
  turn: Created,
  actionId: string,
  approved: string,
  token?: string,
) {
  return em.api(
    'POST',
    em.ws(
      `/assistant/conversations/${turn.conversationId}/messages/${turn.agentMessageId}/validate-action`,
    ),
    {
      body: { actionId, approved },
      token,
    },
  );
}

describe('chat-14: validate-action', () => {
  it('chat-14: 404 action_not_found, 500 for another user, 200, then a second call is a 200 no-op', async () => {
    const em = emulator();
    const turn = await blockedTurn(em);
    const unknown = await validate(em, turn, 'act_doesnotexist', 'approved');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { type: 'action_not_found', message: 'Action not found: act_doesnotexist' },
    });
    const wrongMessage = await validate(
      em,
      { ...turn, agentMessageId: turn.userMessageId },
      turn.actionId,
      'approved',
    );
    expect(wrongMessage.status).toBe(404);
    const grace = await validate(em, turn, turn.actionId, 'approved', em.seeds.otherUserToken);
    expect(grace.status).toBe(500);
    expect(await grace.json()).toEqual({
      error: { type: 'internal_server_error', message: 'Failed to validate action' },
    });
    expect((await validate(em, turn, turn.actionId, 'approved')).status).toBe(200);
    const again = await validate(em, turn, turn.actionId, 'rejected');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ success: true });
    const bad = await validate(em, turn, turn.actionId, 'true');
    expect(bad.status).toBe(400);
    turn.desktop.stop();
  });

  it('chat-14: 400 action_not_blocked for an action that never needed approval (skipToolsValidation)', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId], {
        skipToolsValidation: true,
        blocking: true,
      }),
    );
    const agent = (
      created.body.conversation as { content: Array<Array<{ actions: Array<{ sId: string }> }>> }
    ).content[1]![0]!;
    const response = await validate(em, created, agent.actions[0]!.sId, 'approved');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { type: 'action_not_blocked', message: 'Action is not blocked: succeeded' },
    });
    desktop.stop();
  });

  it('chat-14: the approval event is deleted from the log; the run resumes on the same message channel', async () => {
    const em = emulator();
    const turn = await blockedTurn(em);
    expect((await validate(em, turn, turn.actionId, 'approved')).status).toBe(200);
    const events = await readUntil(await openMessageEvents(em, turn), terminal);
    expect(types(events)).not.toContain('tool_approve_execution');
    expect(types(events).slice(0, 4)).toEqual([
      'generation_tokens',
      'tool_call_started',
      'tool_params',
      'agent_action_success',
    ]);
    expect(events.every((e) => e.data.messageId === turn.agentMessageId)).toBe(true);
    turn.desktop.stop();
  });

  it('chat-14: rejected → agent_action_success with status denied, and the tool is never called', async () => {
    const em = emulator();
    const turn = await blockedTurn(em);
    expect((await validate(em, turn, turn.actionId, 'rejected')).status).toBe(200);
    const events = await readUntil(await openMessageEvents(em, turn), terminal);
    const denied = events.find((e) => e.data.type === 'agent_action_success')!.data
      .action as Record<string, unknown>;
    expect(denied).toMatchObject({ sId: turn.actionId, status: 'denied' });
    expect((events.at(-1)!.data.message as { content: string }).content).toMatch(/rejected/);
    expect(turn.desktop.received.filter((m) => m.method === 'tools/call')).toHaveLength(0);
    expect(turn.desktop.received.filter((m) => m.method === 'initialize')).toHaveLength(1);
    turn.desktop.stop();
  });

  it('chat-14: always_approved is remembered per (user, base server id, tool), even across re-registration', async () => {
    const em = emulator();
    const turn = await blockedTurn(em);
    expect((await validate(em, turn, turn.actionId, 'always_approved')).status).toBe(200);
    await readUntil(await openMessageEvents(em, turn), terminal);
    turn.desktop.stop();
    // Same server name, new random suffix: same base id `mcp-client-side:local_files`.
    const again = await startDesktop(em);
    expect(again.serverId).not.toBe(turn.desktop.serverId);
    const next = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'again' }), 'dust', [again.serverId]),
    );
    const events = await readUntil(await openMessageEvents(em, next), terminal);
    expect(types(events)).not.toContain('tool_approve_execution');
    expect(
      (events.find((e) => e.data.type === 'tool_params')!.data.action as { status: string }).status,
    ).toBe('running');
    expect(events.at(-1)!.data.type).toBe('agent_message_success');
    // Another user still has to approve.
    const graceDesktop = await startDesktop(em, { token: em.seeds.otherUserToken });
    const graces = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'g' }), 'dust', [graceDesktop.serverId]),
      em.seeds.otherUserToken,
    );
    const graceEvents = await readUntil(
      await openMessageEvents(em, graces, undefined, em.seeds.otherUserToken),
      (e) => e.data.type === 'tool_approve_execution',
    );
    expect(graceEvents.at(-1)!.data.userId).toBe(em.seeds.users.grace.sId);
    again.stop();
    graceDesktop.stop();
  });
});

describe('chat-13: blocked actions', () => {
  it('chat-13: actions/blocked lists the pending approval with its metadata, then nothing once decided; 404 for unknown conversations', async () => {
    const em = emulator();
    const turn = await blockedTurn(em);
    const list = async () =>
      (await (
        await em.api(
          'GET',
          em.ws(`/assistant/conversations/${turn.conversationId}/actions/blocked`),
        )
      ).json()) as { blockedActions: unknown[] };
    expect((await list()).blockedActions).toEqual([
      {
        actionId: turn.actionId,
        messageId: turn.agentMessageId,
        conversationId: turn.conversationId,
        status: 'blocked_validation_required',
        inputs: { text: 'abc' },
        stake: 'low',
        metadata: {
          toolName: 'echo',
          mcpServerName: 'local files',
          agentName: 'agent',
          mcpServerId: turn.desktop.serverId,
          mcpServerDisplayName: 'local files',
        },
        argumentsRequiringApproval: [],
      },
    ]);
    const conversation = async () =>
      (
        (await (
          await em.api('GET', em.ws(`/assistant/conversations/${turn.conversationId}`))
        ).json()) as { conversation: { actionRequired: boolean } }
      ).conversation;
    expect((await conversation()).actionRequired).toBe(true);
    await validate(em, turn, turn.actionId, 'approved');
    expect((await list()).blockedActions).toEqual([]);
    expect((await conversation()).actionRequired).toBe(false);
    expect(
      (await em.api('GET', em.ws('/assistant/conversations/nope000000/actions/blocked'))).status,
    ).toBe(404);
    turn.desktop.stop();
  });
});

describe('chat-18: cancel', () => {
  it('chat-18: cancel → {success:true}, agent_generation_cancelled on the stream, message cancelled, approval released', async () => {
    const em = emulator();
    const turn = await blockedTurn(em);
    const sse = await openMessageEvents(em, turn);
    await readUntil(sse, (e) => e.data.type === 'tool_approve_execution');
    const response = await em.api(
      'POST',
      em.ws(`/assistant/conversations/${turn.conversationId}/cancel`),
      { body: { messageIds: [turn.agentMessageId] } },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true });
    const [cancelled] = await readUntil(sse, terminal);
    expect(cancelled!.data).toMatchObject({
      type: 'agent_generation_cancelled',
      status: 'cancelled',
      messageId: turn.agentMessageId,
      configurationId: 'dust',
    });
    expect(await sse.nextFrame()).toBe('data: done\n\n');
    const got = (await (
      await em.api('GET', em.ws(`/assistant/conversations/${turn.conversationId}`))
    ).json()) as { conversation: { content: Array<Array<{ status?: string }>> } };
    expect(got.conversation.content[1]![0]!.status).toBe('cancelled');
    const blocked = (await (
      await em.api('GET', em.ws(`/assistant/conversations/${turn.conversationId}/actions/blocked`))
    ).json()) as { blockedActions: unknown[] };
    expect(blocked.blockedActions).toEqual([]);
    expect((await validate(em, turn, turn.actionId, 'approved')).status).toBe(400);
    expect(
      (
        await em.api('POST', em.ws('/assistant/conversations/nope000000/cancel'), {
          body: { messageIds: [] },
        })
      ).status,
    ).toBe(404);
    turn.desktop.stop();
  });
});

describe('parallel calls in one step', () => {
  it('chat-12…chat-14: two calls → two tool_params and two approvals (only the last is the last blocking event); each decided on its own', async () => {
    const em = emulator();
    const desktop = await startDesktop(em, {
      onCall: (_name, args) => ({ text: `got ${String(args.text)}` }),
    });
    const message = `Both:\n\`\`\`json\n${JSON.stringify({
      calls: [
        { tool: 'echo', arguments: { text: 'a' } },
        { tool: 'echo', arguments: { text: 'b' } },
      ],
    })}\n\`\`\``;
    const created = await createConversation(
      em,
      conversationBody(message, 'dust', [desktop.serverId]),
    );
    const sse = await openMessageEvents(em, created);
    const events = await readUntil(
      sse,
      (e) => e.data.type === 'tool_approve_execution' && e.data.isLastBlockingEventForStep === true,
    );
    expect(types(events)).toEqual([
      'generation_tokens',
      'tool_call_started',
      'tool_call_started',
      'tool_params',
      'tool_params',
      'tool_approve_execution',
      'tool_approve_execution',
    ]);
    expect(events.slice(1, 3).map((e) => e.data.toolCallIndex)).toEqual([0, 1]);
    const approvals = events.slice(5).map((e) => e.data);
    expect(approvals.map((a) => a.isLastBlockingEventForStep)).toEqual([false, true]);
    const blocked = (await (
      await em.api(
        'GET',
        em.ws(`/assistant/conversations/${created.conversationId}/actions/blocked`),
      )
    ).json()) as { blockedActions: unknown[] };
    expect(blocked.blockedActions).toHaveLength(2);
    await validate(em, created, approvals[1]!.actionId as string, 'rejected');
    await expect(sse.nextFrame(200)).rejects.toThrow(/timed out/);
    await validate(em, created, approvals[0]!.actionId as string, 'approved');
    const rest = await readUntil(sse, terminal);
    const outcomes = rest
      .filter((e) => e.data.type === 'agent_action_success')
      .map((e) => e.data.action as { status: string; params: { text: string } });
    expect(outcomes.map((a) => `${a.params.text}:${a.status}`).sort()).toEqual([
      'a:succeeded',
      'b:denied',
    ]);
    expect(
      desktop.received
        .filter((m) => m.method === 'tools/call')
        .map((m) => (m.params!.arguments as { text: string }).text),
    ).toEqual(['a']);
    expect((rest.at(-1)!.data.message as { content: string }).content).toBe(
      'The tool echo returned:\ngot a\n\nThe user rejected this specific action execution, so I did not run it.',
    );
    desktop.stop();
  });
});
