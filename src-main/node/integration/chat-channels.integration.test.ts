import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY } from '../../core/auth/token-session.js';
import { maskValue } from '../../core/secrets/mask.js';
import { secretStoreKey } from '../../core/secrets/placeholders.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { everythingSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { setConversationFaults } from './chat-kit.js';
import { useEmulatorSession } from './kits/emulator-session.js';
import { lastAgent, windowCalls } from './kits/window-calls.js';

const SECRET = 'tok-4f9c2e7a1b8d3f6e5a0c';

const env = useEmulatorSession();

/**
 * The app as the window sees it (fault-session.ts: real services, hub and router against the
 * emulator), with server-everything holding a keychain secret: the `chat:*` channels from the
 * page's side. Signed in and streaming unless `signedIn: false`; every answer and event is kept,
 * so a test can prove a keychain secret never crossed.
 */
async function start(options: { dataDir?: string; signedIn?: boolean } = {}) {
  const signedIn = options.signedIn ?? true;
  const secrets = new InMemorySecretStore({ [secretStoreKey('everything', 'API_TOKEN')]: SECRET });
  const { command, args } = everythingSpec();
  const session = await env.start({
    servers: {
      everything: { command, args: [...args], env: { API_TOKEN: '${secret:API_TOKEN}' } },
    },
    secrets,
    signIn: signedIn,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  if (signedIn) await session.streaming('everything');
  const { call, value, latest } = windowCalls(session);
  const everything = () => JSON.stringify([session.answers, session.events]);
  return {
    services: session.app,
    secrets,
    call,
    value,
    latest,
    opened: session.opened,
    everything,
    dataDir: session.dataDir,
  };
}

const echoRequest = (message: string) =>
  `Please echo.\n\`\`\`json\n${JSON.stringify({ tool: 'echo', arguments: { message } })}\n\`\`\``;

describe('chat channels: the composer over the real services and the emulator', () => {
  it('refuses in words before sign-in, and has no conversations', async () => {
    const app = await start({ signedIn: false });
    await expect(app.call('chat:ask', { agentId: 'no-tools', text: 'Hi' })).resolves.toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'Sign in to Dust and pick a workspace first.' },
    });
    await expect(app.value('chat:snapshot')).resolves.toEqual({ seq: 0, value: [] });
    await expect(app.call('chat:ask', { agentId: 'no-tools', text: '   ' })).resolves.toMatchObject(
      { ok: false, error: { code: 'bad_input' } },
    );
  });

  it('ask → the agent calls a local tool → one approval answered from the conversation → the answer quotes the real result; no secret crosses', async () => {
    const app = await start();
    const agents = await app.value('chat:agents');
    expect(agents[0]).toEqual({
      sId: 'local-tool-caller',
      name: expect.any(String) as string,
      description: expect.any(String) as string,
    });
    expect(agents.every((agent) => !('pictureUrl' in agent))).toBe(true);

    const started = await app.value('chat:ask', {
      agentId: 'local-tool-caller',
      text: echoRequest(`hello ${SECRET}`),
    });
    expect(started.turns[0]).toMatchObject({
      role: 'user',
      text: expect.stringContaining('hello ••••') as string,
      servers: [{ name: 'everything' }],
    });

    const asking = await waitFor('the prompt inline', () =>
      lastAgent(app.latest(started.conversationId))?.toolCalls.find((c) => c.localApproval),
    );
    expect(asking).toMatchObject({
      toolName: 'echo',
      local: true,
      status: 'awaiting_approval',
      params: { message: 'hello ••••' },
    });
    const { callId, nonce } = asking.localApproval!;
    await expect(
      app.value('approvals:decide', {
        callId,
        nonce,
        decision: { verdict: 'approve', remember: { kind: 'once' } },
      }),
    ).resolves.toEqual({ repeated: false });

    const done = await waitFor('the answer', () => {
      const dto = app.latest(started.conversationId);
      return dto?.status === 'idle' ? dto : undefined;
    });
    const answer = lastAgent(done)!;
    expect(answer.text).toContain('The tool echo returned:');
    // The result left through the supervisor's one redaction point, masked as every secret is (J2).
    expect(answer.text).toContain(`Echo: hello ${maskValue(SECRET)}`);
    expect(answer.toolCalls).toEqual([
      expect.objectContaining({
        toolName: 'echo',
        status: 'succeeded',
        decision: expect.objectContaining({ verdict: 'approved', by: 'local-gate' }) as unknown,
      }),
    ]);
    const snapshot = await app.value('chat:snapshot');
    expect(snapshot.value.map((c) => c.conversationId)).toEqual([started.conversationId]);
    expect(snapshot.value[0]!.seq).toBeGreaterThanOrEqual(done.seq);
    expect(app.everything()).not.toContain(SECRET);
    const tokens = [
      await app.secrets.get(ACCESS_TOKEN_KEY),
      await app.secrets.get(REFRESH_TOKEN_KEY),
    ];
    expect(tokens.every((token) => typeof token === 'string' && token.length > 10)).toBe(true);
    for (const token of tokens) expect(app.everything()).not.toContain(token);
  });

  it('opens the conversation in Dust with the link Dust gave (checked again in main)', async () => {
    const app = await start();
    const started = await app.value('chat:ask', { agentId: 'no-tools', text: 'Hi' });
    await expect(
      app.value('chat:openInDust', { conversationId: started.conversationId }),
    ).resolves.toBeUndefined();
    expect(app.opened.at(-1)).toBe(started.url);
    expect(started.url).toContain(
      `/w/${env.emulator.seeds.workspaceId}/agent/${started.conversationId}`,
    );
    await expect(
      app.call('chat:openInDust', { conversationId: 'not-ours' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('usage refusals come back in words with what to do, and a follow-up waits for the answer', async () => {
    const app = await start();
    await setConversationFaults(env.emulator, { programmatic: 'no_credits' });
    const refused = await app.call('chat:ask', { agentId: 'no-tools', text: 'Hi' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message: expect.stringMatching(
          /no programmatic credits left\. Ask a workspace admin/,
        ) as string,
      },
    });

    await setConversationFaults(env.emulator, { programmatic: 'ok' });
    const started = await app.value('chat:ask', { agentId: 'no-tools', text: 'One.' });
    await waitFor('the answer', () =>
      app.latest(started.conversationId)?.status === 'idle' ? true : undefined,
    );
    const next = await app.value('chat:followUp', {
      conversationId: started.conversationId,
      text: 'Two.',
    });
    expect(next.turns.filter((turn) => turn.role === 'user').map((turn) => turn.text)).toEqual([
      'One.',
      'Two.',
    ]);
    const refusedWhileAnswering = await app.call('chat:followUp', {
      conversationId: started.conversationId,
      text: 'Three.',
    });
    if (!refusedWhileAnswering.ok)
      expect(refusedWhileAnswering.error).toEqual({
        code: 'bad_input',
        message: 'The agent is still answering. Wait for it, or stop it first.',
      });
  });

  it('an approval Dust is not waiting for is refused as already decided; stop reaches Dust', async () => {
    const app = await start();
    const started = await app.value('chat:ask', {
      agentId: 'local-tool-caller',
      text: echoRequest('stop me'),
    });
    await expect(
      app.call('chat:answerApproval', {
        conversationId: started.conversationId,
        actionId: 'nope',
        verdict: 'approve',
      }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'already_decided' },
    });
    await waitFor('the prompt inline', () =>
      lastAgent(app.latest(started.conversationId))?.toolCalls.find((c) => c.localApproval),
    );
    await expect(
      app.value('chat:stop', { conversationId: started.conversationId }),
    ).resolves.toBeUndefined();
    const stopped = await waitFor('cancelled', () =>
      app.latest(started.conversationId)?.status === 'cancelled'
        ? app.latest(started.conversationId)
        : undefined,
    );
    expect(lastAgent(stopped)?.status).toBe('cancelled');
    expect(app.services.approvals.snapshot().pending).toEqual([]);
  });

  it('signing out ends the conversations with the workspace', async () => {
    const app = await start();
    await app.value('chat:ask', { agentId: 'no-tools', text: 'Hi' });
    expect((await app.value('chat:snapshot')).value).toHaveLength(1);
    await app.value('auth:signOut');
    await waitFor('the chat service to end', () =>
      app.services.chat.service === undefined ? true : undefined,
    );
    expect((await app.value('chat:snapshot')).value).toEqual([]);
    await expect(app.call('chat:agents')).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('a conversation of an earlier run is listed under Recent, read back from Dust, and goes on here', async () => {
    const first = await start();
    const started = await first.value('chat:ask', {
      agentId: 'no-tools',
      text: `What is new? ${SECRET}`,
    });
    await waitFor('the answer', () =>
      first.latest(started.conversationId)?.status === 'idle' ? true : undefined,
    );
    expect(await first.value('chat:history')).toEqual([
      {
        conversationId: started.conversationId,
        agentId: 'no-tools',
        title: 'What is new? ••••',
        url: started.url,
        updatedAt: expect.any(Number) as number,
        live: true,
      },
    ]);
    const withTool = await first.value('chat:ask', {
      agentId: 'local-tool-caller',
      text: echoRequest('from before'),
    });
    const asking = await waitFor('the prompt inline', () =>
      lastAgent(first.latest(withTool.conversationId))?.toolCalls.find((c) => c.localApproval),
    );
    await first.value('approvals:decide', {
      ...asking.localApproval!,
      decision: { verdict: 'approve', remember: { kind: 'once' } },
    });
    await waitFor('the tool answer', () =>
      first.latest(withTool.conversationId)?.status === 'idle' ? true : undefined,
    );
    await env.session.close();
    expect(readFileSync(join(first.dataDir, 'conversations.json'), 'utf8')).not.toContain(SECRET);

    const second = await start({ dataDir: first.dataDir });
    expect(await second.value('chat:history')).toMatchObject([
      { conversationId: withTool.conversationId, live: false },
      { conversationId: started.conversationId, live: false },
    ]);
    expect((await second.value('chat:snapshot')).value).toEqual([]);
    const reopened = await second.value('chat:open', { conversationId: started.conversationId });
    expect(reopened.turns).toEqual([
      {
        role: 'user',
        messageId: expect.any(String) as string,
        text: 'What is new? ••••',
        servers: [
          {
            name: 'a server of an earlier run',
            serverId:
              started.turns[0]!.role === 'user' ? started.turns[0]!.servers[0]!.serverId : '',
          },
        ],
      },
      expect.objectContaining({
        role: 'agent',
        status: 'succeeded',
        text: expect.stringContaining('I answered without using any tool') as string,
      }),
    ]);
    expect(reopened.status).toBe('idle');
    const next = await second.value('chat:followUp', {
      conversationId: started.conversationId,
      text: 'And now?',
    });
    expect(next.turns.at(-2)).toMatchObject({
      role: 'user',
      text: 'And now?',
      servers: [{ name: 'everything' }],
    });
    await waitFor('the second answer', () =>
      second.latest(started.conversationId)?.status === 'idle' ? true : undefined,
    );
    const reopenedTool = await second.value('chat:open', {
      conversationId: withTool.conversationId,
    });
    expect(lastAgent(reopenedTool)).toMatchObject({
      status: 'succeeded',
      text: expect.stringContaining('Echo: from before') as string,
    });
    expect(lastAgent(reopenedTool)?.toolCalls).toEqual([
      expect.objectContaining({
        toolName: 'echo',
        status: 'succeeded',
        params: { message: 'from before' },
        output: [expect.objectContaining({ text: 'Echo: from before' })],
      }),
    ]);
    await expect(
      second.call('chat:open', { conversationId: 'someone-elses' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('the global shortcut: checked, normalised, saved; unavailable without a desktop', async () => {
    const app = await start({ signedIn: false });
    expect(await app.value('chat:shortcut')).toEqual({
      accelerator: 'CommandOrControl+Shift+Space',
      status: 'unavailable',
      message: 'Global shortcuts work in the desktop app only.',
    });
    await expect(app.call('chat:setShortcut', { accelerator: 'K' })).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'bad_input',
        message: expect.stringContaining('Add Ctrl, Alt, Command or Super') as string,
      },
    });
    await expect(
      app.value('chat:setShortcut', { accelerator: 'ctrl+alt+k' }),
    ).resolves.toMatchObject({ accelerator: 'Control+Alt+K', status: 'unavailable' });
    const saved = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as {
      ui: { askShortcut: unknown };
    };
    expect(saved.ui.askShortcut).toBe('Control+Alt+K');
    await expect(app.value('chat:setShortcut', { accelerator: null })).resolves.toEqual({
      accelerator: null,
      status: 'off',
    });
  });
});
