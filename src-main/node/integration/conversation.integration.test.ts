import { afterEach, describe, expect, it } from 'vitest';

import { ChatSendError } from '../../core/chat/conversation-service.js';
import type { AgentTurn, ConversationView, UserTurn } from '../../core/chat/conversation-state.js';
import { type LocalServers, localServersOf } from '../../core/chat/local-servers.js';
import { everythingSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import type { createBridgeKit } from './bridge-kit.js';
import { createChatKit, setConversationFaults, storedConversation } from './chat-kit.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

const env = useEmulatorBridge();
let chat: ReturnType<typeof createChatKit> | undefined;
// Registered after the emulator's, so it runs first: the chat goes before the bridge it uses.
afterEach(() => {
  chat?.close();
  chat = undefined;
});

const NO_TOOLS_ANSWER = 'Hello from the Dust emulator. I answered without using any tool.';
const echoRequest = (message: string) =>
  `Please echo.\n\`\`\`json\n${JSON.stringify({ tool: 'echo', arguments: { message } })}\n\`\`\``;
const lastAgent = (view: ConversationView) =>
  view.turns.findLast((t): t is AgentTurn => t.role === 'agent')!;
const lastUser = (view: ConversationView) =>
  view.turns.findLast((t): t is UserTurn => t.role === 'user')!;
const ended = (view: ConversationView) => ['idle', 'failed', 'cancelled'].includes(view.status);

async function connectedEverything(options: Parameters<typeof createBridgeKit>[1] = {}) {
  const bridge = env.start({ withApprovals: true, ...options });
  await bridge.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
  const serverId = await env.streaming('everything');
  chat = createChatKit(env.emulator, bridge);
  return serverId;
}

describe('conversations: the app asks an agent, with its local servers attached', () => {
  it('lists active agents for a picker, favourites first', async () => {
    await connectedEverything();
    const agents = await chat!.service.listAgents();
    expect(agents[0]?.sId).toBe('local-tool-caller');
    expect(agents.map((a) => a.sId)).toEqual(
      expect.arrayContaining(['dust', 'no-tools', 'failing']),
    );
    expect(agents.map((a) => a.sId)).not.toContain('archived-helper');
  });

  it('local-tool-caller calls a local tool: ONE approval (ours), and the answer quotes the real result', async () => {
    const serverId = await connectedEverything();
    const approvals = env.kit.approvals!;
    let prompts = 0;
    approvals.onDidChange((delta) => delta.kind === 'added' && prompts++);
    const started = await chat!.service.ask({
      agentId: 'local-tool-caller',
      text: echoRequest('hello from the tray'),
    });
    expect(lastUser(started).servers).toEqual([{ name: 'everything', serverId }]);

    const pending = await waitFor('our approval', () => approvals.snapshot().pending[0]);
    expect(pending).toMatchObject({
      server: 'everything',
      tool: 'echo',
      arguments: { message: 'hello from the tray' },
      conversationId: started.conversationId,
    });
    const asking = await chat!.until(
      started.conversationId,
      'the prompt shown inline',
      (v) => lastAgent(v).toolCalls[0]?.localApproval !== undefined,
    );
    expect(asking.status).toBe('awaiting_approval');
    expect(asking.approvals).toEqual([]);
    approvals.decide(pending.callId, pending.nonce, {
      verdict: 'approve',
      remember: { kind: 'once' },
    });

    const done = await chat!.until(started.conversationId, 'the answer', ended);
    const answer = lastAgent(done);
    expect(done.status).toBe('idle');
    expect(answer.text).toContain('The tool echo returned:');
    expect(answer.text).toContain('Echo: hello from the tray');
    expect(answer.toolCalls).toEqual([
      expect.objectContaining({
        toolName: 'echo',
        local: true,
        status: 'succeeded',
        decision: { verdict: 'approved', by: 'local-gate', reason: expect.any(String) as string },
      }),
    ]);
    expect(chat!.views.every((v) => v.approvals.length === 0)).toBe(true);
    expect(approvals.snapshot().pending).toEqual([]);
    expect(prompts).toBe(1);

    const stored = await storedConversation(env.emulator, started.conversationId);
    expect(stored.messages[0]).toMatchObject({
      context: {
        origin: 'api',
        clientSideMCPServerIds: [serverId],
        username: 'ada',
        timezone: 'Europe/Paris',
      },
    });
  });

  it('a denial by the person reaches the agent once, with the reason', async () => {
    await connectedEverything();
    const approvals = env.kit.approvals!;
    const started = await chat!.service.ask({
      agentId: 'local-tool-caller',
      text: echoRequest('deny me'),
    });
    const pending = await waitFor('our approval', () => approvals.snapshot().pending[0]);
    approvals.decide(pending.callId, pending.nonce, { verdict: 'deny' });
    const done = await chat!.until(started.conversationId, 'the answer', ended);
    const answer = lastAgent(done);
    expect(answer.text).toContain('The tool echo reported an error:');
    expect(answer.text.match(/This call was not run/g)).toHaveLength(1);
    expect(answer.toolCalls[0]?.decision).toMatchObject({ verdict: 'denied', by: 'local-gate' });
    expect(env.kit.events.calls.map((c) => c.outcome)).toEqual(['denied']);
  });

  it('attaches every connected server by default, or the pick', async () => {
    await connectedEverything();
    const all = await chat!.service.ask({ agentId: 'dust', text: 'What can you do?' });
    const listed = await chat!.until(all.conversationId, 'the answer', ended);
    expect(lastAgent(listed).text).toMatch(/^I can use these tools: .*everything_server__echo/);
    const none = await chat!.service.ask({
      agentId: 'dust',
      text: 'What can you do?',
      serverNames: [],
    });
    expect(lastUser(none).servers).toEqual([]);
    expect(lastAgent(await chat!.until(none.conversationId, 'the answer', ended)).text).toBe(
      NO_TOOLS_ANSWER,
    );
    const missing = await chat!.service
      .ask({ agentId: 'dust', text: 'Hi', serverNames: ['filesystem'] })
      .catch((error: unknown) => error);
    expect((missing as ChatSendError).message).toBe(
      'Not connected to Dust right now: filesystem. Wait until it is connected, or leave it out.',
    );
  });

  it('the no-tools agent answers in words, with the streamed text complete', async () => {
    await connectedEverything();
    const started = await chat!.service.ask({ agentId: 'no-tools', text: 'Hi!' });
    const done = await chat!.until(started.conversationId, 'the answer', ended);
    expect(done.status).toBe('idle');
    expect(lastAgent(done).text).toBe(NO_TOOLS_ANSWER);
    expect(lastAgent(done).toolCalls).toEqual([]);
    expect(done.url).toContain(started.conversationId);
  });

  it('the failing agent ends with the error in words', async () => {
    await connectedEverything();
    const started = await chat!.service.ask({ agentId: 'failing', text: 'Hi!' });
    const done = await chat!.until(started.conversationId, 'the failure', ended);
    expect(done.status).toBe('failed');
    expect(lastAgent(done).error).toBe(
      'The agent failed: The scripted agent "failing" always fails.',
    );
  });

  it('a stream dropped mid-answer resumes from lastEventId without losing or repeating a token', async () => {
    await connectedEverything();
    await setConversationFaults(env.emulator, { streamCuts: [{ afterEvents: 1, times: 2 }] });
    const started = await chat!.service.ask({ agentId: 'no-tools', text: 'Hi!' });
    const done = await chat!.until(started.conversationId, 'the answer', ended);
    expect(lastAgent(done).text).toBe(NO_TOOLS_ANSWER);
    expect(chat!.views.filter((v) => lastAgent(v).reconnecting).length).toBeGreaterThanOrEqual(2);
  });

  it('when the stream cannot be had at all, the conversation itself says how the answer ended', async () => {
    await connectedEverything();
    env.emulator.faults.set({ delaysMs: { 'message-events': 300 } });
    env.emulator.faults.injectStatus({ endpoint: 'message-events', status: 404, count: 1 });
    const started = await chat!.service.ask({ agentId: 'no-tools', text: 'Hi!' });
    const done = await chat!.until(started.conversationId, 'the answer', ended);
    expect(done.status).toBe('idle');
    expect(lastAgent(done).text).toBe(NO_TOOLS_ANSWER);
    expect(env.emulator.counters.get('injectedFaults')).toBe(1);
  });

  it('a token that expired while the answer waited is refreshed when the stream reconnects', async () => {
    await connectedEverything();
    chat!.close();
    const ada = env.emulator.seeds.users.ada.sId;
    let current = env.emulator.identity.mintAccessToken(ada, { lifetimeSeconds: 60 });
    const refreshes: string[] = [];
    // Like TokenSession: a rejection of a token already replaced gets the new one, no new refresh.
    const tokens = {
      getAccessToken: () => Promise.resolve(current),
      refreshAfterRejection: (rejected: string) => {
        if (rejected !== current) return Promise.resolve(current);
        current = env.emulator.identity.mintAccessToken(ada, { lifetimeSeconds: 3_600 });
        refreshes.push(current);
        return Promise.resolve(current);
      },
    };
    chat = createChatKit(env.emulator, env.kit, { tokens });
    const started = await chat.service.ask({
      agentId: 'local-tool-caller',
      text: echoRequest('fresh token'),
    });
    const pending = await waitFor('our approval', () => env.kit.approvals!.snapshot().pending[0]);
    env.emulator.clock.advance(120_000);
    expect(env.emulator.faults.dropStreams('close', 'message-events')).toBe(1);
    await waitFor('a refresh', () => refreshes.length > 0);
    env.kit.approvals!.decide(pending.callId, pending.nonce, {
      verdict: 'approve',
      remember: { kind: 'once' },
    });
    const done = await chat.until(started.conversationId, 'the answer', ended);
    expect(lastAgent(done).text).toContain('Echo: fresh token');
    expect(refreshes).toHaveLength(1);
  });

  it('stop() cancels the running answer', async () => {
    await connectedEverything();
    const approvals = env.kit.approvals!;
    const started = await chat!.service.ask({
      agentId: 'local-tool-caller',
      text: echoRequest('never mind'),
    });
    await waitFor('our approval', () => approvals.snapshot().pending[0]);
    await chat!.service.stop(started.conversationId);
    const done = await chat!.until(started.conversationId, 'the cancellation', ended);
    expect(done.status).toBe('cancelled');
    expect(lastAgent(done).status).toBe('cancelled');
    expect(lastAgent(done).toolCalls.every((c) => c.localApproval === undefined)).toBe(true);
    // Our gate's prompt is withdrawn too: no one should be asked about a stopped answer.
    expect(approvals.snapshot().pending).toEqual([]);
  });

  it('a server re-registered while the agent answers is reported as lost during the answer', async () => {
    const first = await connectedEverything({ connection: { heartbeatMaxMs: 200 } });
    const started = await chat!.service.ask({
      agentId: 'local-tool-caller',
      text: echoRequest('going away'),
    });
    await waitFor('our approval', () => env.kit.approvals!.snapshot().pending[0]);
    env.emulator.faults.expireRegistration(first);
    const told = await chat!.until(
      started.conversationId,
      'the lost server',
      (v) => v.lostServers.length > 0,
    );
    expect(told.lostServers).toEqual([
      {
        server: 'everything',
        serverId: first,
        nextServerId: expect.any(String) as string,
        duringAnswer: true,
      },
    ]);
    expect(told.lostServers[0]?.nextServerId).not.toBe(first);
    await chat!.service.stop(started.conversationId);
    await chat!.until(started.conversationId, 'the cancellation', ended);
  });

  it('a server re-registered between two messages: the next message carries the new id, and the UI is told', async () => {
    const first = await connectedEverything({ connection: { heartbeatMaxMs: 200 } });
    const started = await chat!.service.ask({ agentId: 'no-tools', text: 'One.' });
    await chat!.until(started.conversationId, 'the first answer', ended);

    env.emulator.faults.expireRegistration(first);
    const second = await waitFor('a new registration', () => {
      const state = env.kit.host.get('everything')?.connection.state;
      return state?.kind === 'streaming' && state.serverId !== first ? state.serverId : undefined;
    });
    const told = await chat!.until(
      started.conversationId,
      'the lost server',
      (v) => v.lostServers.length > 0,
    );
    expect(told.lostServers).toEqual([
      { server: 'everything', serverId: first, nextServerId: second, duringAnswer: false },
    ]);

    const next = await chat!.service.followUp(started.conversationId, {
      text: echoRequest('after re-registration'),
      agentId: 'local-tool-caller',
    });
    expect(lastUser(next).servers).toEqual([{ name: 'everything', serverId: second }]);
    const pending = await waitFor('our approval', () => env.kit.approvals!.snapshot().pending[0]);
    env.kit.approvals!.decide(pending.callId, pending.nonce, {
      verdict: 'approve',
      remember: { kind: 'once' },
    });
    const done = await chat!.until(
      started.conversationId,
      'the second answer',
      (v) => ended(v) && v.turns.length === 4,
    );
    expect(lastAgent(done).text).toContain('Echo: after re-registration');
    const stored = await storedConversation(env.emulator, started.conversationId);
    expect(stored.messages[2]).toMatchObject({ context: { clientSideMCPServerIds: [second] } });
  });

  it('an approval missed during a stream drop is recovered from actions/blocked', async () => {
    await connectedEverything();
    await setConversationFaults(env.emulator, {
      streamCuts: [{ afterType: 'tool_params', times: 1 }],
    });
    env.emulator.faults.injectStatus({ endpoint: 'message-events', status: 503, count: 2 });
    const blockedSeen: number[] = [];
    const read = chat!.api.blockedActions.bind(chat!.api);
    chat!.api.blockedActions = async (conversationId) => {
      const blocked = await read(conversationId);
      blockedSeen.push(blocked.length);
      return blocked;
    };
    const started = await chat!.service.ask({
      agentId: 'local-tool-caller',
      text: echoRequest('recovered'),
    });
    const pending = await waitFor('our approval', () => env.kit.approvals!.snapshot().pending[0]);
    env.kit.approvals!.decide(pending.callId, pending.nonce, {
      verdict: 'approve',
      remember: { kind: 'once' },
    });
    const done = await chat!.until(started.conversationId, 'the answer', ended);
    expect(lastAgent(done).text).toContain('Echo: recovered');
    expect(blockedSeen).toContain(1);
    expect(env.emulator.counters.get('injectedFaults')).toBe(2);
  });

  it('an approval about a tool that is not ours goes to the person; a denial reaches Dust as rejected', async () => {
    await connectedEverything();
    chat!.close();
    // The same server under a name Dust does not use: its approval is not surely ours.
    const host = localServersOf(env.kit.host);
    const servers: LocalServers = {
      list: () => host.list().map((s) => ({ ...s, dustName: 'someone else' })),
      onDidChangeServerId: host.onDidChangeServerId,
    };
    chat = createChatKit(env.emulator, env.kit, { servers });
    const started = await chat.service.ask({
      agentId: 'local-tool-caller',
      text: echoRequest('not ours'),
    });
    const asking = await chat.until(
      started.conversationId,
      'a Dust-side approval',
      (v) => v.approvals.length > 0,
    );
    expect(asking.status).toBe('awaiting_approval');
    expect(asking.approvals[0]).toMatchObject({
      toolName: 'echo',
      serverName: 'everything server',
      inputs: { message: 'not ours' },
    });
    await chat.service.answerApproval(
      started.conversationId,
      asking.approvals[0]!.actionId,
      'deny',
    );
    const done = await chat.until(started.conversationId, 'the answer', ended);
    expect(lastAgent(done).toolCalls[0]).toMatchObject({
      status: 'denied',
      decision: { verdict: 'denied', by: 'person' },
    });
    expect(lastAgent(done).text).toContain('The user rejected this specific action execution');
    expect(env.kit.events.calls).toEqual([]);
  });

  it('usage refusals (429 no programmatic credits, 403 rate limit) come back in words with what to do', async () => {
    await connectedEverything();
    await setConversationFaults(env.emulator, { programmatic: 'no_credits' });
    const refused = await chat!.service
      .ask({ agentId: 'no-tools', text: 'Hi!' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChatSendError);
    expect((refused as ChatSendError).usage?.kind).toBe('no_programmatic_credits');
    expect((refused as ChatSendError).message).toMatch(
      /no programmatic credits left\. Ask a workspace admin/,
    );

    await setConversationFaults(env.emulator, { programmatic: 'ok', messagesPerMinute: 1 });
    const started = await chat!.service.ask({ agentId: 'no-tools', text: 'One.' });
    await chat!.until(started.conversationId, 'the answer', ended);
    const limited = await chat!.service
      .followUp(started.conversationId, { text: 'Two.' })
      .catch((error: unknown) => error);
    expect((limited as ChatSendError).usage).toMatchObject({
      kind: 'rate_limited',
      action: expect.stringMatching(/^Wait/) as string,
    });
  });
});
