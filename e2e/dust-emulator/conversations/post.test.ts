/**
 * Creating conversations and posting messages (docs/protocol/emulator.md#chat-7,
 * #chat-8, #mcp-30).
 */
import { describe, expect, it } from 'vitest';

import { useEmulator } from '../test-support/start.js';
import { context, conversationBody, createConversation, startDesktop } from './test-kit.js';

const emulator = useEmulator();

async function postConversation(
  body: Record<string, unknown>,
  options: { token?: string; headers?: Record<string, string> } = {},
) {
  const em = emulator();
  const response = await em.api('POST', em.ws('/assistant/conversations'), {
    body,
    token: options.token,
    headers: options.headers,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const withContext = (
  overrides: Record<string, unknown>,
  agent = 'no-tools',
): Record<string, unknown> => ({
  ...conversationBody('hello', agent),
  message: {
    content: 'hello',
    mentions: [{ configurationId: agent }],
    context: context(overrides),
  },
});

const errorOf = (body: Record<string, unknown>) => body.error as { type: string; message: string };

describe('chat-7: POST /assistant/conversations', () => {
  it('chat-7: creates the user message (rank 0) and a `created` agent message (rank 1) before answering', async () => {
    const { status, body } = await postConversation(conversationBody('hello', 'no-tools'));
    expect(status).toBe(200);
    const conversation = body.conversation as Record<string, unknown> & {
      content: Array<Array<Record<string, unknown>>>;
    };
    for (const field of [
      'id',
      'sId',
      'created',
      'unread',
      'actionRequired',
      'owner',
      'title',
      'visibility',
      'requestedGroupIds',
      'url',
    ]) {
      expect(conversation).toHaveProperty(field);
    }
    expect(conversation.sId).toMatch(/^[A-Za-z0-9]{10}$/);
    const [[user], [agent]] = conversation.content as [
      [Record<string, unknown>],
      [Record<string, unknown>],
    ];
    expect(user).toMatchObject({
      type: 'user_message',
      rank: 0,
      version: 0,
      visibility: 'visible',
      content: 'hello',
      mentions: [{ configurationId: 'no-tools' }],
    });
    expect(user.user).toMatchObject({
      sId: emulator().seeds.users.ada.sId,
      username: 'ada',
      image: null,
    });
    expect(agent).toMatchObject({
      type: 'agent_message',
      rank: 1,
      status: 'created',
      parentMessageId: user.sId,
      actions: [],
      content: null,
      chainOfThought: null,
      rawContents: [],
      error: null,
    });
    expect((agent.configuration as { sId: string }).sId).toBe('no-tools');
    expect(body.message).toEqual(user);
    expect(String(conversation.url)).toContain(
      `/w/${emulator().seeds.workspaceId}/agent/${String(conversation.sId)}`,
    );
  });

  it('chat-7: validates timezone, username, field lengths and the single agent mention', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [withContext({ timezone: 'Mars/Olympus' }), /Invalid timezone/],
      [
        withContext({ username: '   ' }),
        /^The message.context.username must be a non-empty string.$/,
      ],
      [withContext({ fullName: 'x'.repeat(255) }), /fullName must be less than 255 characters/],
      [withContext({ email: 'x'.repeat(300) }), /email must be less than 255 characters/],
    ];
    for (const [body, message] of cases) {
      const { status, body: answer } = await postConversation(body);
      expect(status).toBe(400);
      expect(errorOf(answer).type).toBe('invalid_request_error');
      expect(errorOf(answer).message).toMatch(message);
    }
    const twoMentions = conversationBody('hi', 'dust');
    (twoMentions.message as { mentions: unknown[] }).mentions.push({ configurationId: 'no-tools' });
    const two = await postConversation(twoMentions);
    expect(two.status).toBe(400);
    expect(errorOf(two.body).message).toBe('Only one agent can be mentioned per message.');
  });

  it('chat-7: unknown origins are coerced to `api`; cli needs `User-Agent: Dust CLI`; key-only origins need a key', async () => {
    const coerced = await postConversation(withContext({ origin: 'my-own-app' }));
    expect(coerced.status).toBe(200);
    expect((coerced.body.message as { context: { origin: string } }).context.origin).toBe('api');
    const missing = await postConversation(withContext({ origin: undefined }));
    expect((missing.body.message as { context: { origin: string } }).context.origin).toBe('api');
    const cli = await postConversation(withContext({ origin: 'cli' }));
    expect(cli.status).toBe(400);
    expect(errorOf(cli.body).message).toBe(
      'This origin is not allowed. Remove the origin from the context property.',
    );
    expect(
      (
        await postConversation(withContext({ origin: 'cli' }), {
          headers: { 'User-Agent': 'Dust CLI' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await postConversation(withContext({ origin: 'extension' }), {
          headers: { 'x-dust-extension-version': '1.0' },
        })
      ).status,
    ).toBe(200);
    expect((await postConversation(withContext({ origin: 'web' }))).status).toBe(400);
    expect((await postConversation(withContext({ origin: 'zapier' }))).status).toBe(400);
    expect(
      (
        await postConversation(withContext({ origin: 'zapier' }), {
          token: emulator().seeds.apiKey,
        })
      ).status,
    ).toBe(200);
  });

  it("chat-7: clientSideMCPServerIds — 401 with a key, 403 for unknown, another user's or expired ids", async () => {
    const em = emulator();
    const mine = await em.register('local files');
    const graces = await em.register('local files', em.seeds.otherUserToken);
    const key = await postConversation(withContext({ clientSideMCPServerIds: [mine] }), {
      token: em.seeds.apiKey,
    });
    expect(key.status).toBe(401);
    expect(key.body).toEqual({
      error: {
        type: 'invalid_request_error',
        message: 'Local MCP servers are only available to authenticated users.',
      },
    });
    const denied = {
      error: {
        type: 'invalid_request_error',
        message: 'User does not have access to the local MCP servers.',
      },
    };
    for (const ids of [['mcp-client-side:nope.0123456789abcdef'], [graces], [mine, graces]]) {
      const answer = await postConversation(withContext({ clientSideMCPServerIds: ids }));
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual(denied);
    }
    expect((await postConversation(withContext({ clientSideMCPServerIds: [mine] }))).status).toBe(
      200,
    );
    em.clock.advance(601_000);
    expect((await postConversation(withContext({ clientSideMCPServerIds: [mine] }))).status).toBe(
      403,
    );
  });

  it('chat-7: a post with clientSideMCPServerIds refreshes their TTL to 600 s', async () => {
    const em = emulator();
    const serverId = await em.register('local files');
    em.clock.advance(500_000);
    expect(
      (await postConversation(withContext({ clientSideMCPServerIds: [serverId] }))).status,
    ).toBe(200);
    const registration = em.mcp.registrations().find((r) => r.serverId === serverId)!;
    expect(registration.expiresAt).toBeGreaterThan(em.clock.now() + 599_000);
    expect(registration.expiresAt).toBeLessThanOrEqual(em.clock.now() + 600_000);
    em.clock.advance(500_000);
    expect(em.mcp.registrations().map((r) => r.serverId)).toContain(serverId);
  });

  it('chat-7: ids are stored on that user message only; the next message without them lists nothing', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody('what can you do?', 'dust', [desktop.serverId], { blocking: true }),
    );
    const firstUser = (
      created.body.conversation as { content: Array<Array<{ context: Record<string, unknown> }>> }
    ).content[0]![0]!;
    expect(firstUser.context.clientSideMCPServerIds).toEqual([desktop.serverId]);
    const listings = desktop.received.filter((m) => m.method === 'tools/list').length;
    expect(listings).toBe(1);
    const next = await em.api(
      'POST',
      em.ws(`/assistant/conversations/${created.conversationId}/messages`),
      {
        body: {
          content: 'and now?',
          mentions: [{ configurationId: 'dust' }],
          context: context(),
          blocking: true,
        },
      },
    );
    const answer = (await next.json()) as {
      message: { context: Record<string, unknown> };
      agentMessages: Array<{ content: string }>;
    };
    expect(answer.message.context).not.toHaveProperty('clientSideMCPServerIds');
    expect(answer.agentMessages[0]!.content).not.toContain('local_files__echo');
    expect(desktop.received.filter((m) => m.method === 'tools/list')).toHaveLength(listings);
    desktop.stop();
  });

  it('chat-7: blocking:true answers after the agent finished; a message without a mention gets no agent message', async () => {
    const blocking = await postConversation({
      ...conversationBody('hello', 'no-tools'),
      blocking: true,
    });
    const content = (
      blocking.body.conversation as { content: Array<Array<Record<string, unknown>>> }
    ).content;
    expect(content[1]![0]).toMatchObject({
      status: 'succeeded',
      content: expect.stringContaining('without using any tool') as string,
    });
    const noMention = await postConversation({
      ...conversationBody('hello'),
      message: { content: 'hi', mentions: [], context: context() },
    });
    expect(noMention.status).toBe(200);
    expect((noMention.body.conversation as { content: unknown[] }).content).toHaveLength(1);
  });

  it('chat-7: an unknown spaceId is 404 space_not_found; a message-less conversation is created empty', async () => {
    const space = await postConversation({
      ...conversationBody('hello', 'no-tools'),
      spaceId: 'vlt_nope',
    });
    expect(space.status).toBe(404);
    expect(errorOf(space.body).type).toBe('space_not_found');
    const empty = await postConversation({ title: 'Empty', visibility: 'unlisted' });
    expect(empty.status).toBe(200);
    expect(empty.body.conversation).toMatchObject({ title: 'Empty', content: [] });
    expect(empty.body).not.toHaveProperty('message');
  });
});

describe('chat-8: POST …/messages and GET …/conversations/{cId}', () => {
  it('chat-8: a flat body answers {message, agentMessages}; GET returns {conversation}', async () => {
    const em = emulator();
    const created = await createConversation(em, conversationBody('first', 'no-tools'));
    const response = await em.api(
      'POST',
      em.ws(`/assistant/conversations/${created.conversationId}/messages`),
      {
        body: {
          content: 'second',
          mentions: [{ configurationId: 'no-tools' }],
          context: context(),
          skipToolsValidation: false,
        },
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      message: Record<string, unknown>;
      agentMessages: Array<Record<string, unknown>>;
    };
    expect(body.message).toMatchObject({ type: 'user_message', rank: 2, content: 'second' });
    expect(body.agentMessages).toEqual([
      expect.objectContaining({
        type: 'agent_message',
        rank: 3,
        parentMessageId: body.message.sId,
      }),
    ]);
    const got = (await (
      await em.api('GET', em.ws(`/assistant/conversations/${created.conversationId}`))
    ).json()) as {
      conversation: { content: unknown[][] };
    };
    expect(got.conversation.content).toHaveLength(4);
    expect(got.conversation.content.every((versions) => versions.length === 1)).toBe(true);
  });

  it('chat-8: 404 conversation_not_found; 403 says "client-side MCP servers"; 401 for a key with ids', async () => {
    const em = emulator();
    const missing = await em.api('POST', em.ws('/assistant/conversations/nope000000/messages'), {
      body: { content: 'x', mentions: [{ configurationId: 'no-tools' }], context: context() },
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { type: string } }).error.type).toBe(
      'conversation_not_found',
    );
    expect((await em.api('GET', em.ws('/assistant/conversations/nope000000'))).status).toBe(404);
    const created = await createConversation(em, conversationBody('first', 'no-tools'));
    const path = em.ws(`/assistant/conversations/${created.conversationId}/messages`);
    const denied = await em.api('POST', path, {
      body: {
        content: 'x',
        mentions: [{ configurationId: 'no-tools' }],
        context: context({ clientSideMCPServerIds: ['mcp-client-side:x.00'] }),
      },
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        message: 'User does not have access to the client-side MCP servers.',
      },
    });
    const key = await em.api('POST', path, {
      token: em.seeds.apiKey,
      body: {
        content: 'x',
        mentions: [{ configurationId: 'no-tools' }],
        context: context({ clientSideMCPServerIds: [] }),
      },
    });
    expect(key.status).toBe(401);
  });

  it('chat-8: malformed JSON is a 400 "Malformed JSON in request body"', async () => {
    const em = emulator();
    const response = await em.api('POST', em.ws('/assistant/conversations'), {
      rawBody: '{"message":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { type: 'invalid_request_error', message: 'Malformed JSON in request body' },
    });
  });
});
