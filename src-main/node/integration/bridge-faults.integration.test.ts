import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import { everythingSpec, fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { createBridgeKit } from './bridge-kit.js';

let emulator: RunningEmulator;
let kit: ReturnType<typeof createBridgeKit> | undefined;

beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await kit?.close();
  kit = undefined;
  await emulator.close();
});

const allowAll = [{ server: 'everything', tool: '*', action: 'allow' as const }];

function agentInput(serverId: string) {
  return {
    workspaceId: emulator.seeds.workspaceId,
    userId: emulator.seeds.users.ada.sId,
    serverId,
    conversationId: 'conv1',
    messageId: 'msg1',
  };
}

async function streaming(name = 'everything', needReady = true) {
  return waitFor(`${name} to stream`, () => {
    const bridge = kit!.host.get(name);
    const state = bridge?.connection.state;
    return state?.kind === 'streaming' &&
      state.stream === 'open' &&
      (!needReady || bridge?.supervisor.state.kind === 'ready')
      ? state.serverId
      : undefined;
  });
}

describe('bridge under faults', () => {
  it('denies a call no one answers before the deadline, telling the agent why', async () => {
    kit = createBridgeKit(emulator, { withApprovals: true, approvalDeadlineMs: 300 });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await streaming();
    const outcome = await emulator.agent.callTool({
      ...agentInput(serverId),
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
    kit = createBridgeKit(emulator, { withApprovals: true });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await streaming();
    const outcome = emulator.agent.callTool({
      ...agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'x' },
      timeoutMs: 400,
    });
    await waitFor('a pending approval', () => kit!.approvals!.snapshot().pending[0]);
    await expect(outcome).resolves.toMatchObject({ ok: false, reason: 'timeout' });
    await waitFor('the approval to be withdrawn', () => kit!.approvals!.pendingCount === 0);
    await waitFor('a cancelled outcome', () =>
      kit!.events.calls.find((call) => call.outcome === 'cancelled'),
    );
    expect(emulator.counters.get('cancellationsSent')).toBe(1);
  });

  it('reports a crashing local server in words, keeps restarting it with backoff, and never registers it', async () => {
    kit = createBridgeKit(emulator);
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
    expect(emulator.mcp.registrations()).toEqual([]);
    expect(emulator.counters.get('initializeTimeouts')).toBe(0);
  });

  it('follows the 307 on the requests path and keeps serving', async () => {
    emulator.faults.set({ redirectRequests307: true });
    kit = createBridgeKit(emulator, { rules: allowAll });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await streaming();
    await expect(
      emulator.agent.callTool({
        ...agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'via sse path' },
      }),
    ).resolves.toMatchObject({ ok: true });
    expect(emulator.counters.get('requestsRedirected')).toBeGreaterThan(0);
  });

  it('answers with a JSON-RPC error when the result is too large for Dust (413)', async () => {
    emulator.faults.set({ resultsBodyLimitBytes: 2_000 });
    kit = createBridgeKit(emulator, { rules: allowAll });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await streaming();
    const outcome = await emulator.agent.callTool({
      ...agentInput(serverId),
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
    emulator.faults.injectStatus({ endpoint: 'register', status: 503, count: 3 });
    emulator.faults.injectStatus({
      endpoint: 'register',
      status: 429,
      count: 1,
      retryAfterSeconds: 1,
    });
    kit = createBridgeKit(emulator, {
      rules: allowAll,
      connection: { registerBackoff: { initialMs: 50, maxMs: 200, jitter: 'equal' } },
    });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await streaming();
    expect(emulator.counters.get('registrations')).toBe(1);
    await expect(
      emulator.agent.callTool({
        ...agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'after storm' },
      }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('survives malformed and half-written frames without losing the request after them', async () => {
    kit = createBridgeKit(emulator, { rules: allowAll });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await streaming();
    emulator.faults.armStream({ malformedFrames: 1 });
    await expect(
      emulator.agent.callTool({
        ...agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'after garbage' },
      }),
    ).resolves.toMatchObject({ ok: true });
    emulator.faults.armStream({ halfFrameThenDrop: 1 });
    await expect(
      emulator.agent.callTool({
        ...agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'after half frame' },
      }),
    ).resolves.toMatchObject({ ok: true });
    expect(emulator.counters.get('duplicateResults')).toBe(0);
  });
});
