import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import type { SignOutQuestion } from '../../app/services/sign-out.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { type Session, startSession } from './fault-session.js';

/**
 * Sign-out is a real exit: it asks first when calls wait or run, denies the waiting
 * ones with the reason, deregisters every server from Dust while the tokens still work, and only
 * then deletes the tokens. Counted at the emulator: after sign-out and sign-in again, Dust holds
 * exactly one registration per enabled server.
 */
let emulator: RunningEmulator;
let session: Session | undefined;
const questions: SignOutQuestion[] = [];
let answer = true;

beforeEach(async () => {
  emulator = await startEmulator({ workos: { intervalSeconds: 1 } });
  questions.length = 0;
  answer = true;
  const spec = fixtureSpec('fixture-server.mjs');
  session = await startSession(emulator, {
    servers: {
      first: { command: spec.command, args: [...spec.args] },
      second: { command: spec.command, args: [...spec.args] },
      resting: { command: spec.command, args: [...spec.args], enabled: false },
    },
    confirmSignOut: (question) => {
      questions.push(question);
      return Promise.resolve(answer);
    },
  });
});
afterEach(async () => {
  await session?.close();
  session = undefined;
  await emulator.close();
});

const registrations = () =>
  emulator.mcp.registrations().filter((entry) => entry.workspaceSId === emulator.seeds.workspaceId);

describe('sign-out', () => {
  it('deregisters every server before the tokens go; after signing in again Dust holds one registration per enabled server', async () => {
    await session!.streaming('first');
    await session!.streaming('second');
    expect(registrations()).toHaveLength(2);

    await expect(session!.invoke('auth:signOut', undefined)).resolves.toMatchObject({ ok: true });
    expect(registrations()).toEqual([]);
    expect(session!.app.auth.state.kind).toBe('signed-out');
    await expect(session!.app.session.isSignedIn()).resolves.toBe(false);
    // Nothing running, nothing waiting: no question.
    expect(questions).toEqual([]);
    expect(session!.logs.join('\n')).toMatch(/deregistered/);

    await session!.app.auth.startSignIn();
    await session!.streaming('first');
    await session!.streaming('second');
    // Give a stray second registration time to show (it would appear within a heartbeat or two).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const names = registrations()
      .map((entry) => entry.serverName)
      .sort();
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });

  it('asks first when a call waits; "no" keeps everything; "yes" denies the call with the reason, then deregisters', async () => {
    const serverId = await session!.streaming('first');
    await session!.streaming('second');
    const call = emulator.agent.callTool({
      ...agentInput(emulator, serverId),
      toolName: 'echo',
      arguments: { message: 'wait for me' },
    });
    await waitFor('a pending approval', () => session!.app.approvals.snapshot().pending[0]);

    answer = false;
    await session!.invoke('auth:signOut', undefined);
    expect(questions).toEqual([{ waiting: 1, running: 0 }]);
    expect(session!.app.auth.state.kind).toBe('signed-in');
    expect(session!.app.approvals.pendingCount).toBe(1);
    expect(registrations()).toHaveLength(2);

    answer = true;
    await session!.invoke('auth:signOut', undefined);
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
    expect(session!.app.auth.state.kind).toBe('signed-out');
  });

  it('asks when a call runs, lets it finish, then deregisters', async () => {
    await session!.app.settings.update((current) => ({
      ...current,
      rules: [{ server: 'first', tool: 'slow', action: 'allow' }],
    }));
    const serverId = await session!.streaming('first');
    const call = emulator.agent.callTool({
      ...agentInput(emulator, serverId),
      toolName: 'slow',
      arguments: { ms: 800 },
    });
    await waitFor('the call to run', () =>
      session!.app.runtime.bridgeHost?.get('first')?.relay.pendingCallCount === 1
        ? true
        : undefined,
    );
    await session!.invoke('auth:signOut', undefined);
    expect(questions).toEqual([{ waiting: 0, running: 1 }]);
    await expect(call).resolves.toMatchObject({
      ok: true,
      result: { content: [{ text: 'slow done' }] },
    });
    expect(registrations()).toEqual([]);
    expect(session!.app.auth.state.kind).toBe('signed-out');
  });
});
