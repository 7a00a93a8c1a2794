/**
 * The tool-calling turn end to end (docs/protocol/emulator.md#chat-12 … #chat-16,
 * #mcp-30). The test plays the desktop app by hand over raw HTTP.
 */
import { describe, expect, it } from 'vitest';

import { useEmulator } from '../test-support/start.js';
import {
  conversationBody,
  createConversation,
  openMessageEvents,
  readUntil,
  startDesktop,
  toolMessage,
  types,
} from './test-kit.js';

const emulator = useEmulator();
const terminal = (e: { data: { type: string } }): boolean =>
  e.data.type === 'agent_message_success' || e.data.type === 'agent_error';

describe('mcp-30: the tool-calling turn', () => {
  it('chat-12: lists tools on a new client, then emits chain_of_thought, tool_call_started and a blocked tool_params', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'hi' }), 'dust', [desktop.serverId]),
    );
    const sse = await openMessageEvents(em, created);
    expect(await sse.nextFrame()).toBe('event: dust-handshake\ndata: {}\n\n');
    const events = await readUntil(sse, (e) => e.data.type === 'tool_approve_execution');
    expect(types(events)).toEqual([
      'generation_tokens',
      'tool_call_started',
      'tool_params',
      'tool_approve_execution',
    ]);
    expect(desktop.received.map((m) => m.method)).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/list',
    ]);
    const initialize = desktop.received[0]!;
    expect(initialize.params).toMatchObject({
      capabilities: {},
      clientInfo: { name: 'dust-mcp-client', version: '1.0.0' },
    });
    expect(String(initialize.id)).toMatch(
      new RegExp(`^mcp_req_${created.conversationId}_${created.agentMessageId}_`),
    );
    const [thought, started, params] = events.map((e) => e.data);
    expect(thought).toMatchObject({
      classification: 'chain_of_thought',
      step: 0,
      messageId: created.agentMessageId,
      configurationId: 'dust',
    });
    expect(started).toMatchObject({ toolName: 'local_files__echo', step: 0 });
    expect(params!.action).toMatchObject({
      status: 'blocked_validation_required',
      functionCallName: 'local_files__echo',
      toolName: 'echo',
      params: { text: 'hi' },
      output: null,
      step: 0,
    });
    expect((params!.action as { sId: string }).sId).toMatch(/^act_/);
    sse.close();
    desktop.stop();
  });

  it('chat-13…chat-16: approval pauses the run, validate-action resumes it, the tool runs on a new client and the answer quotes it', async () => {
    const em = emulator();
    const desktop = await startDesktop(em, {
      onCall: (_name, args) => ({ text: `REAL RESULT for ${String(args.text)}` }),
    });
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'abc' }), 'dust', [desktop.serverId]),
    );
    const sse = await openMessageEvents(em, created);
    const first = await readUntil(sse, (e) => e.data.type === 'tool_approve_execution');
    const approval = first.at(-1)!.data;
    expect(approval).toMatchObject({
      conversationId: created.conversationId,
      messageId: created.agentMessageId,
      configurationId: 'dust',
      inputs: { text: 'abc' },
      stake: 'low',
      metadata: { toolName: 'echo', mcpServerName: 'local files', agentName: 'agent' },
      isLastBlockingEventForStep: true,
      userId: em.seeds.users.ada.sId,
      step: 0,
    });
    const actionId = approval.actionId as string;
    expect(actionId).toMatch(/^act_/);

    // chat-13: paused. Nothing more, the message stays `created`, and actions/blocked lists it.
    await expect(sse.nextFrame(300)).rejects.toThrow(/timed out/);
    const conv = (await (
      await em.api('GET', em.ws(`/assistant/conversations/${created.conversationId}`))
    ).json()) as {
      conversation: { content: Array<Array<{ status?: string }>> };
    };
    expect(conv.conversation.content[1]![0]!.status).toBe('created');
    const blocked = (await (
      await em.api(
        'GET',
        em.ws(`/assistant/conversations/${created.conversationId}/actions/blocked`),
      )
    ).json()) as {
      blockedActions: Array<Record<string, unknown>>;
    };
    expect(blocked.blockedActions).toEqual([
      expect.objectContaining({
        actionId,
        messageId: created.agentMessageId,
        status: 'blocked_validation_required',
        stake: 'low',
      }),
    ]);
    expect(desktop.received.filter((m) => m.method === 'tools/call')).toHaveLength(0);

    // chat-14: approve.
    const validate = await em.api(
      'POST',
      em.ws(
        `/assistant/conversations/${created.conversationId}/messages/${created.agentMessageId}/validate-action`,
      ),
      {
        body: { actionId, approved: 'approved' },
      },
    );
    expect(validate.status).toBe(200);
    expect(await validate.json()).toEqual({ success: true });

    // chat-15…chat-16.
    const rest = await readUntil(sse, terminal);
    expect(types(rest)).toEqual([
      'agent_action_success',
      ...Array<string>(rest.length - 2).fill('generation_tokens'),
      'agent_message_success',
    ]);
    expect(rest.length).toBeGreaterThanOrEqual(4);
    const call = await desktop.waitFor((m) => m.method === 'tools/call');
    expect(call.params).toMatchObject({
      name: 'echo',
      arguments: { text: 'abc' },
      _meta: { progressToken: expect.any(Number) as number },
    });
    const methods = desktop.received.map((m) => m.method);
    expect(methods).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/list',
      'initialize',
      'notifications/initialized',
      'tools/call',
    ]);
    expect(String(desktop.received[3]!.id)).toMatch(/_0$/);
    expect(String(call.id)).toMatch(/_1$/);
    const success = rest[0]!.data.action as Record<string, unknown>;
    expect(success).toMatchObject({
      sId: actionId,
      status: 'succeeded',
      output: [{ type: 'text', text: 'REAL RESULT for abc' }],
    });
    const tokens = rest.slice(1, -1).map((e) => e.data);
    expect(tokens.every((t) => t.classification === 'tokens' && t.step === 1)).toBe(true);
    const final = rest.at(-1)!.data;
    const message = final.message as Record<string, unknown>;
    expect(message).toMatchObject({
      status: 'succeeded',
      sId: created.agentMessageId,
      parentMessageId: created.userMessageId,
    });
    expect(message.content).toContain('REAL RESULT for abc');
    expect(tokens.map((t) => t.text).join('')).toBe(message.content);
    expect(message.chainOfThought).toContain('local_files__echo');
    expect(message.rawContents).toEqual([{ step: 1, content: message.content }]);
    expect(message.actions).toEqual([
      expect.objectContaining({ sId: actionId, status: 'succeeded' }),
    ]);
    expect(final.runIds).toEqual([expect.any(String)]);
    expect(final.step).toBe(1);
    // Ends right after the terminal event.
    expect(await sse.nextFrame()).toBe('data: done\n\n');
    expect(await sse.ended).toBe('end');
    desktop.stop();
  });
});
