import { describe, expect, it } from 'vitest';

import { everythingSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorSession } from './kits/emulator-session.js';
import { lastAgent, windowCalls } from './kits/window-calls.js';

const env = useEmulatorSession();

/**
 * The real services, hub and router against the emulator, with server-everything: the window's
 * side.
 */
async function start() {
  const { command, args } = everythingSpec();
  const session = await env.start({
    servers: { everything: { command, args: [...args] } },
  });
  await session.streaming('everything');
  const { call, value, latest } = windowCalls(session);
  return { services: session.app, call, value, latest, dataDir: session.dataDir };
}

const toolRequest = (tool: string, args: object) =>
  `Please run it.\n\`\`\`json\n${JSON.stringify({ tool, arguments: args })}\n\`\`\``;

describe('settings channels over the real services', () => {
  it('reads the settings, changes each one, refuses a wait Dust would not honour, and pauses and resumes approvals', async () => {
    const app = await start();
    const initial = await app.value('settings:get');
    expect(initial).toMatchObject({
      notifications: true,
      startAtLogin: { available: false, enabled: false },
      waitSeconds: 150,
      defaultDecision: 'deny',
      region: { region: 'custom', editable: false },
      dataFolder: app.dataDir,
    });
    expect(initial.pausedUntil).toBeUndefined();
    expect(initial.logFiles[0]).toBe(`${app.dataDir}/activity.jsonl`);

    await expect(
      app.value('settings:set', { kind: 'notifications', enabled: false }),
    ).resolves.toMatchObject({ notifications: false });
    expect(app.services.settings.settings.approvals.notify).toBe(false);
    await expect(
      app.value('settings:set', { kind: 'waitSeconds', seconds: 60 }),
    ).resolves.toMatchObject({ waitSeconds: 60 });
    await expect(
      app.call('settings:set', { kind: 'waitSeconds', seconds: 200 }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'bad_input' } });
    await expect(
      app.call('settings:set', { kind: 'startAtLogin', enabled: true }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: 'Start at login is not available here.' },
    });

    const paused = await app.value('settings:set', { kind: 'pause', minutes: 15 });
    expect(paused.pausedUntil).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(
      (await app.value('settings:set', { kind: 'pause', minutes: null })).pausedUntil,
    ).toBeUndefined();
  });

  it('a new wait time applies to the next call without a restart', async () => {
    const app = await start();
    await app.value('settings:set', { kind: 'waitSeconds', seconds: 30 });
    const started = await app.value('chat:ask', {
      agentId: 'local-tool-caller',
      text: toolRequest('echo', { message: 'hi' }),
    });
    await waitFor('the prompt', () =>
      lastAgent(app.latest(started.conversationId))?.toolCalls.find((c) => c.localApproval),
    );
    const [pending] = (await app.value('approvals:snapshot')).value;
    expect(pending!.deadlineAt - pending!.receivedAt).toBe(30_000);
    expect(pending).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      inputSchema: expect.objectContaining({ type: 'object' }) as unknown,
    });
    expect(pending!.requestId).toMatch(/^mcp_req_/);
  });
});

describe('stopping a running call', () => {
  it('stops a long call on the local server: the agent reads that the person stopped it, and Activity says so', async () => {
    const app = await start();
    const started = await app.value('chat:ask', {
      agentId: 'local-tool-caller',
      text: toolRequest('trigger-long-running-operation', { duration: 60, steps: 60 }),
    });
    const asking = await waitFor('the prompt', () =>
      lastAgent(app.latest(started.conversationId))?.toolCalls.find((c) => c.localApproval),
    );
    const [pending] = (await app.value('approvals:snapshot')).value;
    await app.value('approvals:decide', {
      ...asking.localApproval!,
      decision: { verdict: 'approve', remember: { kind: 'once' } },
    });
    const running = await waitFor(
      'the call to run',
      () =>
        app.services.activity.get(pending!.requestId!)?.decision &&
        app.services.activity.get(pending!.requestId!),
    );
    expect(running.outcome).toBeUndefined();

    await expect(
      app.call('calls:stop', { server: 'everything', id: 'mcp_req_nope_nope_x_1' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
    await expect(
      app.value('calls:stop', { server: 'everything', id: running.id }),
    ).resolves.toBeUndefined();

    const outcome = await waitFor(
      'the outcome',
      () => app.services.activity.get(running.id)?.outcome,
    );
    expect(outcome).toMatchObject({ kind: 'cancelled', detail: 'Stopped by you while it ran.' });
    const done = await waitFor('the answer', () => {
      const dto = app.latest(started.conversationId);
      return dto?.status === 'idle' ? dto : undefined;
    });
    expect(JSON.stringify(lastAgent(done))).toContain(
      'The person stopped this call while it was running',
    );
  }, 30_000);
});
