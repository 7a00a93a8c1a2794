import { describe, expect, it } from 'vitest';

import { everythingSpec, fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

const env = useEmulatorBridge();

const allowAll = [{ server: 'everything', tool: '*', action: 'allow' as const }];

describe('bridge under faults', () => {
  it('denies a call no one answers before the deadline, telling the agent why', async () => {
    const kit = env.start({ withApprovals: true, approvalDeadlineMs: 300 });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    const outcome = await env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'x' },
    });
    expect(outcome).toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [{ text: expect.stringContaining("No one answered before Dust's deadline") }],
      },
    });
    expect(kit.approvals!.pendingCount).toBe(0);
  });

  it('withdraws a pending approval when Dust cancels the call (original numeric id)', async () => {
    const kit = env.start({ withApprovals: true });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    const outcome = env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'x' },
      timeoutMs: 400,
    });
    await waitFor('a pending approval', () => kit.approvals!.snapshot().pending[0]);
    await expect(outcome).resolves.toMatchObject({ ok: false, reason: 'timeout' });
    await waitFor('the approval to be withdrawn', () => kit.approvals!.pendingCount === 0);
    await waitFor('a cancelled outcome', () =>
      kit.events.calls.find((call) => call.outcome === 'cancelled'),
    );
    expect(env.emulator.counters.get('cancellationsSent')).toBe(1);
  });

  it('reports a crashing local server in words, keeps restarting it with backoff, and never registers it', async () => {
    const kit = env.start();
    await kit.add({
      name: 'broken',
      dustName: 'broken server',
      spec: fixtureSpec('crash-server.mjs'),
    });
    const bridge = kit.host.get('broken')!;
    await waitFor('a crash report', () =>
      bridge.supervisor.describeProblem().includes('exited with code 3'),
    );
    expect(bridge.supervisor.describeProblem()).toContain('API_KEY is not set');
    await waitFor(
      'a restart',
      () =>
        bridge.supervisor.stderrLines().filter((line) => line.includes('starting crash-server'))
          .length >= 2,
    );
    // It never completed a handshake, so Dust never heard of it: nothing for agents to call.
    expect(bridge.connection.state.kind).toBe('stopped');
    expect(env.emulator.mcp.registrations()).toEqual([]);
    expect(env.emulator.counters.get('initializeTimeouts')).toBe(0);
  });

  it('follows the 307 on the requests path and keeps serving', async () => {
    env.emulator.faults.set({ redirectRequests307: true });
    const kit = env.start({ rules: allowAll });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    await expect(
      env.emulator.agent.callTool({
        ...env.agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'via sse path' },
      }),
    ).resolves.toMatchObject({ ok: true });
    expect(env.emulator.counters.get('requestsRedirected')).toBeGreaterThan(0);
  });

  it('answers with a JSON-RPC error when the result is too large for Dust (413)', async () => {
    env.emulator.faults.set({ resultsBodyLimitBytes: 2_000 });
    const kit = env.start({ rules: allowAll });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    const outcome = await env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'x'.repeat(5_000) },
    });
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'jsonrpc_error',
      error: { code: -32000, message: expect.stringContaining('too large') },
    });
  });

  it('rides out a 5xx storm and a 429 with Retry-After on register', async () => {
    env.emulator.faults.injectStatus({ endpoint: 'register', status: 503, count: 3 });
    env.emulator.faults.injectStatus({
      endpoint: 'register',
      status: 429,
      count: 1,
      retryAfterSeconds: 1,
    });
    const kit = env.start({
      rules: allowAll,
      connection: { registerBackoff: { initialMs: 50, maxMs: 200, jitter: 'equal' } },
    });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    expect(env.emulator.counters.get('registrations')).toBe(1);
    await expect(
      env.emulator.agent.callTool({
        ...env.agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'after storm' },
      }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('survives malformed and half-written frames without losing the request after them', async () => {
    const kit = env.start({ rules: allowAll });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    env.emulator.faults.armStream({ malformedFrames: 1 });
    await expect(
      env.emulator.agent.callTool({
        ...env.agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'after garbage' },
      }),
    ).resolves.toMatchObject({ ok: true });
    env.emulator.faults.armStream({ halfFrameThenDrop: 1 });
    await expect(
      env.emulator.agent.callTool({
        ...env.agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'after half frame' },
      }),
    ).resolves.toMatchObject({ ok: true });
    expect(env.emulator.counters.get('duplicateResults')).toBe(0);
  });
});
