/**
 * The message and conversation event streams (docs/protocol/emulator.md#chat-10, #chat-11,
 * #chat-17).
 */
import { describe, expect, it } from 'vitest';

import { openRawSse, parseDataFrame } from '../test-support/raw-sse.js';
import { type TestEmulator, useEmulator } from '../test-support/start.js';
import {
  conversationBody,
  createConversation,
  type Created,
  openMessageEvents,
  readUntil,
  startDesktop,
  toolMessage,
  types,
} from './test-kit.js';

const emulator = useEmulator();
const success = (e: { data: { type: string } }): boolean => e.data.type === 'agent_message_success';

async function finishedTurn(em: TestEmulator): Promise<Created> {
  return createConversation(em, conversationBody('hello', 'no-tools', null, { blocking: true }));
}

const eventsPath = (em: TestEmulator, created: Created, suffix = ''): string =>
  em.ws(
    `/assistant/conversations/${created.conversationId}/messages/${created.agentMessageId}/events${suffix}`,
  );

async function setFaults(em: TestEmulator, faults: Record<string, unknown>): Promise<void> {
  const response = await em.api('POST', '/__emulator/conversations/faults', { body: faults });
  expect(response.status).toBe(200);
}

describe('chat-10: message event stream', () => {
  it('chat-10: the public URL answers 307 to /api/sse/v1/… with the query kept', async () => {
    const em = emulator();
    const created = await finishedTurn(em);
    const response = await em.api('GET', eventsPath(em, created, '?lastEventId=123-0'), {
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(
      `/api/sse/v1${eventsPath(em, created, '?lastEventId=123-0').slice('/api/v1'.length)}`,
    );
  });

  it('chat-10: 404 conversation_not_found / message_not_found and 400 for a user message, as JSON before streaming', async () => {
    const em = emulator();
    const created = await finishedTurn(em);
    const get = async (cId: string, mId: string) => {
      const response = await em.api(
        'GET',
        em.ws(`/assistant/conversations/${cId}/messages/${mId}/events`),
      );
      expect(response.headers.get('content-type')).toContain('application/json');
      return {
        status: response.status,
        body: (await response.json()) as { error: { type: string; message: string } },
      };
    };
    const noConversation = await get('nope000000', created.agentMessageId);
    expect(noConversation.status).toBe(404);
    expect(noConversation.body.error.type).toBe('conversation_not_found');
    const noMessage = await get(created.conversationId, 'nope000000');
    expect(noMessage.body).toEqual({
      error: {
        type: 'message_not_found',
        message: "The message you're trying to access was not found.",
      },
    });
    const userMessage = await get(created.conversationId, created.userMessageId);
    expect(userMessage.status).toBe(400);
    expect(userMessage.body).toEqual({
      error: {
        type: 'invalid_request_error',
        message: 'Events are only available for agent messages.',
      },
    });
    expect((await em.api('GET', eventsPath(em, created), { token: null })).status).toBe(401);
  });

  it('chat-10: SSE headers, the named handshake, unnamed data frames with eventId and step, then data: done', async () => {
    const em = emulator();
    const created = await finishedTurn(em);
    const sse = await openMessageEvents(em, created);
    expect(sse.response.status).toBe(200);
    expect(sse.response.headers.get('content-type')).toBe('text/event-stream');
    expect(sse.response.headers.get('cache-control')).toBe('no-cache');
    expect(sse.response.headers.get('x-accel-buffering')).toBe('no');
    expect(await sse.ended).toBe('end');
    const frames = sse.frames;
    expect(frames[0]).toBe('event: dust-handshake\ndata: {}\n\n');
    expect(frames.at(-1)).toBe('data: done\n\n');
    for (const frame of frames.slice(1, -1)) {
      expect(frame).toMatch(/^data: \{"eventId":"\d+-\d+","data":\{.*\}\}\n\n$/);
      expect(parseDataFrame(frame).data).toHaveProperty('step', 0);
    }
    expect(sse.text()).not.toMatch(/^(id|retry|event: (?!dust-handshake)).*/m);
    expect(
      frames
        .slice(1, -1)
        .map((f) => parseDataFrame(f).data.type)
        .at(-1),
    ).toBe('agent_message_success');
  });

  it('chat-10: `data: done` is switchable off', async () => {
    const em = emulator();
    await setFaults(em, { doneSentinel: false });
    const created = await finishedTurn(em);
    const sse = await openMessageEvents(em, created);
    await sse.ended;
    expect(sse.frames.at(-1)).toMatch(/agent_message_success/);
  });
});

describe('chat-11: per-message append-only log', () => {
  it('chat-11: lastEventId is exclusive; absent or empty = full log; an unknown value = live only', async () => {
    const em = emulator();
    const created = await finishedTurn(em);
    const full = await openMessageEvents(em, created);
    const all = await readUntil(full, success);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const after = await openMessageEvents(em, created, all[0]!.eventId);
    expect((await readUntil(after, success)).map((e) => e.eventId)).toEqual(
      all.slice(1).map((e) => e.eventId),
    );
    const empty = await openMessageEvents(em, created, '');
    expect((await readUntil(empty, success)).map((e) => e.eventId)).toEqual(
      all.map((e) => e.eventId),
    );
    const unknown = await openMessageEvents(em, created, 'not-an-id');
    expect(await unknown.nextFrame()).toBe('event: dust-handshake\ndata: {}\n\n');
    await expect(unknown.nextFrame(200)).rejects.toThrow(/timed out/);
    unknown.close();
  });

  it('chat-11: history then live with no gap and no duplicate, closing right after the terminal event', async () => {
    const em = emulator();
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId]),
    );
    const first = await openMessageEvents(em, created);
    const before = await readUntil(first, (e) => e.data.type === 'tool_params');
    first.close();
    const resumed = await openMessageEvents(em, created, before.at(-1)!.eventId);
    const approval = (await readUntil(resumed, (e) => e.data.type === 'tool_approve_execution')).at(
      -1,
    )!;
    await em.api(
      'POST',
      em.ws(
        `/assistant/conversations/${created.conversationId}/messages/${created.agentMessageId}/validate-action`,
      ),
      {
        body: { actionId: approval.data.actionId, approved: 'approved' },
      },
    );
    const live = await readUntil(resumed, success);
    const ids = [...before, approval, ...live].map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(types([...before, approval, ...live])).toEqual([
      'generation_tokens',
      'tool_call_started',
      'tool_params',
      'tool_approve_execution',
      'agent_action_success',
      ...Array<string>(live.length - 2).fill('generation_tokens'),
      'agent_message_success',
    ]);
    expect(await resumed.nextFrame()).toBe('data: done\n\n');
    expect(await resumed.ended).toBe('end');
    desktop.stop();
  });

  it('chat-11: optional 60-s cut mode closes on the next event after 60 s of connection', async () => {
    const em = emulator();
    await setFaults(em, { messageStreamTimeoutMs: 60_000 });
    const desktop = await startDesktop(em);
    const created = await createConversation(
      em,
      conversationBody(toolMessage('echo', { text: 'x' }), 'dust', [desktop.serverId]),
    );
    const sse = await openMessageEvents(em, created);
    const blocked = await readUntil(sse, (e) => e.data.type === 'tool_approve_execution');
    em.clock.advance(61_000);
    expect(sse.isEnded()).toBe(false);
    await em.api(
      'POST',
      em.ws(
        `/assistant/conversations/${created.conversationId}/messages/${created.agentMessageId}/validate-action`,
      ),
      {
        body: { actionId: blocked.at(-1)!.data.actionId, approved: 'approved' },
      },
    );
    const next = parseDataFrame(await sse.nextFrame());
    expect(next.data.type).toBe('agent_action_success');
    expect(await sse.nextFrame()).toBe('data: done\n\n');
    expect(await sse.ended).toBe('end');
    const rest = await readUntil(await openMessageEvents(em, created, next.eventId), success);
    expect(rest[0]!.data.type).toBe('generation_tokens');
    desktop.stop();
  });
});

describe('chat-17: conversation event stream', () => {
  it('chat-17: 307, then user_message_new, agent_message_new, agent_message_done and conversation_title', async () => {
    const em = emulator();
    const created = await finishedTurn(em);
    const path = em.ws(`/assistant/conversations/${created.conversationId}/events`);
    const redirect = await em.api('GET', path, { redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(`/api/sse/v1${path.slice('/api/v1'.length)}`);
    const sse = await openRawSse(`${em.url}${path}`, {
      headers: { Authorization: `Bearer ${em.seeds.userToken}` },
    });
    const events = await readUntil(sse, (e) => e.data.type === 'conversation_title');
    expect(types(events)).toEqual([
      'user_message_new',
      'agent_message_new',
      'agent_message_done',
      'conversation_title',
    ]);
    expect(events[0]!.data).toMatchObject({
      messageId: created.userMessageId,
      message: { rank: 0, visibility: 'visible' },
    });
    expect(events[1]!.data).toMatchObject({
      messageId: created.agentMessageId,
      configurationId: 'no-tools',
      message: { rank: 1, status: 'created' },
    });
    expect(events[2]!.data).toMatchObject({
      conversationId: created.conversationId,
      messageId: created.agentMessageId,
    });
    expect(events[3]!.data.title).toEqual(expect.any(String));
    // A second turn is announced live; no second title.
    await em.api('POST', em.ws(`/assistant/conversations/${created.conversationId}/messages`), {
      body: {
        content: 'again',
        mentions: [{ configurationId: 'no-tools' }],
        context: { timezone: 'UTC', username: 'ada' },
      },
    });
    expect(types(await readUntil(sse, (e) => e.data.type === 'agent_message_done'))).toEqual([
      'user_message_new',
      'agent_message_new',
      'agent_message_done',
    ]);
    sse.close();
  });

  it('chat-17: closes after 3 min idle, with `data: done`; 404 for an unknown conversation', async () => {
    const em = emulator();
    const created = await finishedTurn(em);
    const sse = await openRawSse(
      `${em.url}${em.ws(`/assistant/conversations/${created.conversationId}/events`)}`,
      {
        headers: { Authorization: `Bearer ${em.seeds.userToken}` },
      },
    );
    await sse.waitForFrames(5);
    em.clock.advance(179_000);
    expect(sse.isEnded()).toBe(false);
    em.clock.advance(2_000);
    expect(await sse.ended).toBe('end');
    expect(sse.frames.at(-1)).toBe('data: done\n\n');
    const missing = await em.api('GET', em.ws('/assistant/conversations/nope000000/events'));
    expect(missing.status).toBe(404);
  });
});
