/**
 * Failure injection and optional modes (docs/protocol/emulator.md#chat-9, #chat-19).
 */
import { describe, expect, it } from 'vitest';

import { openRawSse } from '../test-support/raw-sse.js';
import { type TestEmulator, useEmulator } from '../test-support/start.js';
import {
  context,
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
  ['agent_message_success', 'agent_error'].includes(e.data.type);

async function setFaults(em: TestEmulator, faults: Record<string, unknown>): Promise<void> {
  expect((await em.api('POST', '/__emulator/conversations/faults', { body: faults })).status).toBe(
    200,
  );
}

describe('chat-19: failure injection', () => {
  it('chat-19: the `failing` agent and the agentError fault end with agent_error {code, message, metadata:null}', async () => {
    const em = emulator();
    const failing = await createConversation(
      em,
      conversationBody('hi', 'failing', null, { blocking: true }),
    );
    const events = await readUntil(await openMessageEvents(em, failing), terminal);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        type: 'agent_error',
        step: 0,
        error: {
          code: 'emulator_scripted_failure',
          message: expect.any(String) as string,
          metadata: null,
        },
      }),
    ]);
    expect(
      (failing.body.conversation as { content: Array<Array<{ status: string }>> }).content[1]![0]!
        .status,
    ).toBe('failed');
    await setFaults(em, {
      agentError: { code: 'model_error', message: 'The model is overloaded.' },
    });
    const forced = await createConversation(em, conversationBody('hi', 'no-tools'));
    const [error] = await readUntil(await openMessageEvents(em, forced), terminal);
    expect(error!.data.error).toEqual({
      code: 'model_error',
      message: 'The model is overloaded.',
      metadata: null,
    });
  });

  it('chat-19: tool-call timeout after the default 180 s → notifications/cancelled, action errored, and the turn still answers', async () => {
    const em = emulator();
    const desktop = await startDesktop(em, { onCall: () => 'ignore' });
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId], {
        skipToolsValidation: true,
      }),
    );
    const call = await desktop.waitFor((m) => m.method === 'tools/call');
    em.clock.advance(179_000);
    expect(desktop.received.some((m) => m.method === 'notifications/cancelled')).toBe(false);
    em.clock.advance(1_001);
    const events = await readUntil(await openMessageEvents(em, created), terminal);
    const action = events.find((e) => e.data.type === 'agent_action_success')!.data.action as {
      status: string;
      output: Array<{ text: string }>;
    };
    expect(action.status).toBe('errored');
    expect(events.at(-1)!.data.type).toBe('agent_message_success');
    expect((events.at(-1)!.data.message as { content: string }).content).toMatch(/failed/);
    const cancelled = await desktop.waitFor((m) => m.method === 'notifications/cancelled');
    expect(cancelled.params).toMatchObject({ requestId: 1 });
    expect(String(call.id)).toMatch(/_1$/);
    desktop.stop();
  });

  it('chat-19: an approval never answered keeps the run paused; the optional timeout ends it with agent_error', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const paused = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId]),
    );
    const sse = await openMessageEvents(em, paused);
    await readUntil(sse, (e) => e.data.type === 'tool_approve_execution');
    em.clock.advance(30 * 60_000);
    await expect(sse.nextFrame(200)).rejects.toThrow(/timed out/);
    sse.close();
    await setFaults(em, { approvalTimeoutMs: 10_000 });
    const desktop2 = await startDesktop(em);
    const timed = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'y' }), 'dust', [desktop2.serverId]),
    );
    const timedSse = await openMessageEvents(em, timed);
    await readUntil(timedSse, (e) => e.data.type === 'tool_approve_execution');
    em.clock.advance(10_001);
    const [error] = await readUntil(timedSse, terminal);
    expect(error!.data).toMatchObject({
      type: 'agent_error',
      error: { code: 'tool_approval_timeout' },
    });
    desktop.stop();
    desktop2.stop();
  });

  it('chat-19: listing fails after the 5-s initialize budget → the turn continues without tools and says so', async () => {
    const em = emulator();
    const desktop = await startDesktop(em, { serverName: 'slow laptop', answerInitialize: false });
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId]),
    );
    await desktop.waitFor((m) => m.method === 'initialize');
    em.clock.advance(5_001);
    const events = await readUntil(await openMessageEvents(em, created), terminal);
    expect(types(events)).not.toContain('tool_call_started');
    expect(events.at(-1)!.data.type).toBe('agent_message_success');
    expect((events.at(-1)!.data.message as { content: string }).content).toContain(
      'An error occurred while listing the available tools for slow laptop. Tools from this server are not available for this message.',
    );
    desktop.stop();
  });

  it('chat-19: the failListing fault has the same outcome without waiting', async () => {
    const em = emulator();
    await setFaults(em, { failListing: true });
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId], {
        blocking: true,
      }),
    );
    const agent = (created.body.conversation as { content: Array<Array<{ content: string }>> })
      .content[1]![0]!;
    expect(agent.content).toMatch(
      /An error occurred while listing the available tools for local files/,
    );
    expect(desktop.received).toEqual([]);
    desktop.stop();
  });

  it('chat-19: a stream cut right after the approval; recovery through actions/blocked and lastEventId without loss', async () => {
    const em = emulator();
    await setFaults(em, { streamCuts: [{ afterType: 'tool_approve_execution', times: 1 }] });
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId]),
    );
    const first = await openMessageEvents(em, created);
    const seen = await readUntil(first, (e) => e.data.type === 'tool_approve_execution');
    expect(await first.ended).toBe('end');
    const blocked = (await (
      await em.api(
        'GET',
        em.ws(`/assistant/conversations/${created.conversationId}/actions/blocked`),
      )
    ).json()) as {
      blockedActions: Array<{ actionId: string; messageId: string }>;
    };
    const pending = blocked.blockedActions[0]!;
    expect(pending.actionId).toBe(seen.at(-1)!.data.actionId);
    await em.api(
      'POST',
      em.ws(
        `/assistant/conversations/${created.conversationId}/messages/${pending.messageId}/validate-action`,
      ),
      {
        body: { actionId: pending.actionId, approved: 'approved' },
      },
    );
    const rest = await readUntil(
      await openMessageEvents(em, created, seen.at(-1)!.eventId),
      terminal,
    );
    expect(rest[0]!.data.type).toBe('agent_action_success');
    expect(rest.at(-1)!.data.type).toBe('agent_message_success');
    desktop.stop();
  });

  it('chat-19: a cut after N events mid-turn, then resume from lastEventId', async () => {
    const em = emulator();
    await setFaults(em, { streamCuts: [{ afterEvents: 1, times: 2 }] });
    const created = await createConversation(
      em,
      conversationBody('hi', 'no-tools', null, { blocking: true }),
    );
    const collected = [];
    let cursor: string | undefined;
    for (;;) {
      const sse = await openMessageEvents(em, created, cursor);
      await sse.ended;
      const events = sse.frames
        .filter((f) => f.startsWith('data: {'))
        .map((f) => JSON.parse(f.slice(6)) as { eventId: string; data: { type: string } });
      collected.push(...events);
      cursor = events.at(-1)?.eventId ?? cursor;
      if (events.at(-1)?.data.type === 'agent_message_success') break;
    }
    expect(collected.map((e) => e.data.type)).toEqual([
      'generation_tokens',
      'generation_tokens',
      'generation_tokens',
      'agent_message_success',
    ]);
  });

  it('chat-19: 429/408 and 5xx on the events GET, through the status injection', async () => {
    const em = emulator();
    const created = await createConversation(
      em,
      conversationBody('hi', 'no-tools', null, { blocking: true }),
    );
    const path = em.ws(
      `/assistant/conversations/${created.conversationId}/messages/${created.agentMessageId}/events`,
    );
    for (const status of [429, 408, 500, 503]) {
      em.faults.injectStatus({ endpoint: 'message-events', status });
      const response = await em.api('GET', path);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { type: string } }).error.type).toEqual(
        expect.any(String),
      );
    }
    const ok = await em.api('GET', path);
    expect(ok.status).toBe(200);
    await ok.body?.cancel();
  });

  it('chat-19: a token expiring mid-stream does not cut the open stream; the next reconnect is 401', async () => {
    const em = emulator();
    const shortLived = em.identity.mintAccessToken(em.seeds.users.ada.sId, { lifetimeSeconds: 60 });
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId]),
    );
    const sse = await openMessageEvents(em, created, undefined, shortLived);
    const blocked = await readUntil(sse, (e) => e.data.type === 'tool_approve_execution');
    em.clock.advance(120_000);
    await em.api(
      'POST',
      em.ws(
        `/assistant/conversations/${created.conversationId}/messages/${created.agentMessageId}/validate-action`,
      ),
      {
        body: { actionId: blocked.at(-1)!.data.actionId, approved: 'approved' },
      },
    );
    expect((await readUntil(sse, terminal)).at(-1)!.data.type).toBe('agent_message_success');
    const again = await em.api(
      'GET',
      em.ws(
        `/assistant/conversations/${created.conversationId}/messages/${created.agentMessageId}/events`,
      ),
      { token: shortLived },
    );
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { type: string } }).error.type).toBe(
      'expired_oauth_token_error',
    );
    desktop.stop();
  });
});

describe('conversation fault controls', () => {
  it("rejects unknown faults and values of the wrong type; reset restores Dust's defaults", async () => {
    const em = emulator();
    const post = (body: unknown) => em.api('POST', '/__emulator/conversations/faults', { body });
    expect((await post({ nope: true })).status).toBe(400);
    expect((await post({ programmatic: 'free' })).status).toBe(400);
    expect((await post({ doneSentinel: 'no' })).status).toBe(400);
    expect((await post({ streamCuts: [{ afterEvents: 1 }] })).status).toBe(400);
    expect((await post({ messagesPerMinute: null, approvalTimeoutMs: 5 })).status).toBe(200);
    const reset = await em.api('POST', '/__emulator/conversations/faults/reset');
    expect(((await reset.json()) as { approvalTimeoutMs: unknown }).approvalTimeoutMs).toBeNull();
  });
});

describe('chat-9: optional modes', () => {
  const post = (
    em: TestEmulator,
    body: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => em.api('POST', em.ws('/assistant/conversations'), { body, headers });

  it('chat-9: programmatic-credit gating for origin api: 429 without credits or over the cap, 403 credits_exhausted; cli is not gated', async () => {
    const em = emulator();
    await setFaults(em, { programmatic: 'no_credits' });
    const noCredits = await post(em, conversationBody('hi', 'no-tools'));
    expect(noCredits.status).toBe(429);
    expect(
      ((await noCredits.json()) as { error: { type: string; message: string } }).error,
    ).toMatchObject({
      type: 'rate_limit_error',
      message: expect.stringMatching(/run out of credits/) as string,
    });
    await setFaults(em, { programmatic: 'spending_cap' });
    expect((await post(em, conversationBody('hi', 'no-tools'))).status).toBe(429);
    await setFaults(em, { programmatic: 'credits_exhausted' });
    const exhausted = await post(em, conversationBody('hi', 'no-tools'));
    expect(exhausted.status).toBe(403);
    expect(((await exhausted.json()) as { error: { type: string } }).error.type).toBe(
      'credits_exhausted',
    );
    const cli = {
      ...conversationBody('hi', 'no-tools'),
      message: {
        content: 'hi',
        mentions: [{ configurationId: 'no-tools' }],
        context: context({ origin: 'cli' }),
      },
    };
    expect((await post(em, cli, { 'User-Agent': 'Dust CLI' })).status).toBe(200);
  });

  it('chat-9: message rate limit → 403 rate_limit_error after N per minute, free again a minute later', async () => {
    const em = emulator();
    await setFaults(em, { messagesPerMinute: 2 });
    expect((await post(em, conversationBody('1', 'no-tools'))).status).toBe(200);
    expect((await post(em, conversationBody('2', 'no-tools'))).status).toBe(200);
    const limited = await post(em, conversationBody('3', 'no-tools'));
    expect(limited.status).toBe(403);
    expect(await limited.json()).toEqual({
      error: { type: 'rate_limit_error', message: 'Rate limit exceeded. Please retry later.' },
    });
    em.clock.advance(60_001);
    expect((await post(em, conversationBody('4', 'no-tools'))).status).toBe(200);
  });

  it('chat-9: steering — a message to the agent still running is `pending`, then promoted with its own agent message', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const first = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId]),
    );
    const conversationSse = await openRawSse(
      `${em.url}${em.ws(`/assistant/conversations/${first.conversationId}/events`)}`,
      {
        headers: { Authorization: `Bearer ${em.seeds.userToken}` },
      },
    );
    const sse = await openMessageEvents(em, first);
    const blocked = (await readUntil(sse, (e) => e.data.type === 'tool_approve_execution')).at(-1)!;
    const second = await em.api(
      'POST',
      em.ws(`/assistant/conversations/${first.conversationId}/messages`),
      {
        body: {
          content: 'and also this',
          mentions: [{ configurationId: 'dust' }],
          context: context(),
        },
      },
    );
    const posted = (await second.json()) as {
      message: { sId: string; visibility: string };
      agentMessages: unknown[];
    };
    expect(posted.message.visibility).toBe('pending');
    expect(posted.agentMessages).toEqual([]);
    await em.api(
      'POST',
      em.ws(
        `/assistant/conversations/${first.conversationId}/messages/${first.agentMessageId}/validate-action`,
      ),
      {
        body: { actionId: blocked.data.actionId, approved: 'approved' },
      },
    );
    const events = await readUntil(
      conversationSse,
      (e) => e.data.type === 'agent_message_new' && e.data.messageId !== first.agentMessageId,
    );
    const promoted = events.findIndex((e) => e.data.type === 'user_message_promoted');
    expect(events[promoted]!.data.messageId).toBe(posted.message.sId);
    expect(types(events).slice(promoted - 1)).toEqual([
      'conversation_title',
      'user_message_promoted',
      'agent_message_new',
    ]);
    expect((events.at(-1)!.data.message as { parentMessageId: string }).parentMessageId).toBe(
      posted.message.sId,
    );
    expect(
      events.find(
        (e) => e.data.type === 'user_message_new' && e.data.messageId === posted.message.sId,
      )!.data.message,
    ).toMatchObject({ visibility: 'pending' });
    conversationSse.close();
    desktop.stop();
  });
});
