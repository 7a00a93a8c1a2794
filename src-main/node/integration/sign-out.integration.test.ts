import { beforeEach, describe, expect, it } from 'vitest';

import type { SignOutQuestion } from '../../app/services/sign-out.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { fixtureServer, useEmulatorSession } from './kits/emulator-session.js';

/**
 * Sign-out is a real exit: it asks first when calls wait or run, denies the waiting
 * ones with the reason, deregisters every server from Dust while the tokens still work, and only
 * then deletes the tokens. Counted at the emulator: after sign-out and sign-in again, Dust holds
 * exactly one registration per enabled server.
 */
const questions: SignOutQuestion[] = [];
let answer = true;
beforeEach(() => {
  questions.length = 0;
  answer = true;
});
const env = useEmulatorSession({
  session: () => ({
    servers: {
      first: fixtureServer(),
      second: fixtureServer(),
      resting: { ...fixtureServer(), enabled: false },
    },
    confirmSignOut: (question) => {
      questions.push(question);
      return Promise.resolve(answer);
    },
  }),
});

const registrations = () =>
  env.emulator.mcp
    .registrations()
    .filter((entry) => entry.workspaceSId === env.emulator.seeds.workspaceId);

describe('sign-out', () => {
  it('deregisters every server before the tokens go; after signing in again Dust holds one registration per enabled server', async () => {
    await env.session.streaming('first');
    await env.session.streaming('second');
    expect(registrations()).toHaveLength(2);

    await expect(env.session.invoke('auth:signOut', undefined)).resolves.toMatchObject({
      ok: true,
    });
    expect(registrations()).toEqual([]);
    expect(env.session.app.auth.state.kind).toBe('signed-out');
    await expect(env.session.app.session.isSignedIn()).resolves.toBe(false);
    // Nothing running, nothing waiting: no question.
    expect(questions).toEqual([]);
    expect(env.session.logs.join('\n')).toMatch(/deregistered/);

    await env.session.app.auth.startSignIn();
    await env.session.streaming('first');
    await env.session.streaming('second');
    // Give a stray second registration time to show (it would appear within a heartbeat or two).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const names = registrations()
      .map((entry) => entry.serverName)
      .sort();
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });

  it('asks first when a call waits; "no" keeps everything; "yes" denies the call with the reason, then deregisters', async () => {
    const serverId = await env.session.streaming('first');
    await env.session.streaming('second');
    const call = env.emulator.agent.callTool({
      ...agentInput(env.emulator, serverId),
      toolName: 'echo',
      arguments: { message: 'wait for me' },
    });
    await waitFor('a pending approval', () => env.session.app.approvals.snapshot().pending[0]);

    answer = false;
    await env.session.invoke('auth:signOut', undefined);
    expect(questions).toEqual([{ waiting: 1, running: 0 }]);
    expect(env.session.app.auth.state.kind).toBe('signed-in');
    expect(env.session.app.approvals.pendingCount).toBe(1);
    expect(registrations()).toHaveLength(2);

    answer = true;
    await env.session.invoke('auth:signOut', undefined);
    expect(questions).toHaveLength(2);
    const outcome = await call;
    expect(outcome).toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [{ type: 'text', text: expect.stringMatching(/signed out/i) as string }],
      },
    });
    expect(registrations()).toEqual([]);
    expect(env.session.app.auth.state.kind).toBe('signed-out');
  });

  it('asks when a call runs, lets it finish, then deregisters', async () => {
    await env.session.app.settings.update((current) => ({
      ...current,
      rules: [{ server: 'first', tool: 'slow', action: 'allow' }],
    }));
    const serverId = await env.session.streaming('first');
    const call = env.emulator.agent.callTool({
      ...agentInput(env.emulator, serverId),
      toolName: 'slow',
      arguments: { ms: 800 },
    });
    await waitFor('the call to run', () =>
      env.session.app.runtime.bridgeHost?.get('first')?.relay.pendingCallCount === 1
        ? true
        : undefined,
    );
    await env.session.invoke('auth:signOut', undefined);
    expect(questions).toEqual([{ waiting: 0, running: 1 }]);
    await expect(call).resolves.toMatchObject({
      ok: true,
      result: { content: [{ text: 'slow done' }] },
    });
    expect(registrations()).toEqual([]);
    expect(env.session.app.auth.state.kind).toBe('signed-out');
  });
});
