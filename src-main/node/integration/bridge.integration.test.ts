import { describe, expect, it } from 'vitest';

import { everythingSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

const env = useEmulatorBridge();

describe('bridge: emulator agent → Dust stream → relay → real local server', () => {
  it('lists the tools of server-everything and runs an allowed echo call', async () => {
    const kit = env.start({
      rules: [{ server: 'everything', tool: 'echo', action: 'allow' }],
    });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    expect(serverId).toMatch(/^mcp-client-side:everything_server\.[0-9a-f]{16}$/);

    const listing = await env.emulator.agent.listTools(env.agentInput(serverId));
    expect(listing.ok).toBe(true);
    if (!listing.ok) return;
    expect(listing.tools.map((tool) => tool.name)).toContain('echo');
    expect(listing.tools.find((tool) => tool.name === 'echo')?.prefixedName).toBe(
      'everything_server__echo',
    );

    const call = await env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'hello from Dust' },
    });
    expect(call).toMatchObject({
      ok: true,
      result: { content: [{ type: 'text', text: expect.stringContaining('hello from Dust') }] },
    });
    expect(kit.events.calls).toEqual([{ tool: 'echo', outcome: 'result', detail: 'Done.' }]);
    expect(env.emulator.counters.get('initializeTimeouts')).toBe(0);
    expect(env.emulator.counters.get('duplicateResults')).toBe(0);
  });

  it('asks a person: approve runs the tool, deny tells the agent why', async () => {
    const kit = env.start({ withApprovals: true });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    const approvals = kit.approvals!;

    const approved = env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'approve me' },
    });
    const first = await waitFor('a pending approval', () => approvals.snapshot().pending[0]);
    expect(first).toMatchObject({
      server: 'everything',
      tool: 'echo',
      arguments: { message: 'approve me' },
      conversationId: 'conv1',
    });
    approvals.decide(first.callId, first.nonce, { verdict: 'approve', remember: { kind: 'once' } });
    await expect(approved).resolves.toMatchObject({
      ok: true,
      result: { content: [{ text: expect.stringContaining('approve me') }] },
    });

    const denied = env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'deny me' },
    });
    const second = await waitFor('a second approval', () => approvals.snapshot().pending[0]);
    approvals.decide(second.callId, second.nonce, { verdict: 'deny' });
    const outcome = await denied;
    expect(outcome).toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [{ text: expect.stringContaining('This call was not run') }],
      },
    });
    expect(kit.events.calls.map((call) => call.outcome)).toEqual(['result', 'denied']);

    const edited = env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'original' },
    });
    const third = await waitFor('a third approval', () => approvals.snapshot().pending[0]);
    approvals.decide(third.callId, third.nonce, {
      verdict: 'approve',
      remember: { kind: 'once' },
      arguments: { message: 'edited by the person' },
    });
    // The agent reads first that the person changed its arguments, then the tool's own result.
    await expect(edited).resolves.toMatchObject({
      ok: true,
      result: {
        content: [
          { text: expect.stringContaining('the person changed the arguments') },
          { text: 'Echo: edited by the person' },
        ],
      },
    });

    const reasoned = env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'x' },
    });
    const fourth = await waitFor('a fourth approval', () => approvals.snapshot().pending[0]);
    approvals.decide(fourth.callId, fourth.nonce, {
      verdict: 'deny',
      reason: 'use the staging folder',
    });
    await expect(reasoned).resolves.toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [{ text: expect.stringContaining('use the staging folder') }],
      },
    });
  });

  it('re-registers after Dust forgets the server, announcing the new id, and keeps serving', async () => {
    const kit = env.start({
      rules: [{ server: 'everything', tool: '*', action: 'allow' }],
      connection: { heartbeatMaxMs: 200 },
    });
    const changes: Array<string | undefined> = [];
    kit.host.onDidChange((event) => event.kind === 'serverId' && changes.push(event.next));
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const first = await env.streaming('everything');
    env.emulator.faults.expireRegistration(first);
    const second = await waitFor('a new registration', () => {
      const state = kit.host.get('everything')?.connection.state;
      return state?.kind === 'streaming' && state.stream === 'open' && state.serverId !== first
        ? state.serverId
        : undefined;
    });
    expect(changes).toEqual([first, second]);
    const call = await env.emulator.agent.callTool({
      ...env.agentInput(second),
      toolName: 'echo',
      arguments: { message: 'after re-register' },
    });
    expect(call).toMatchObject({ ok: true });
  });

  it('reconnects after dropped streams with the cursor, losing and duplicating nothing', async () => {
    const kit = env.start({
      rules: [{ server: 'everything', tool: '*', action: 'allow' }],
    });
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    const calls = Array.from({ length: 20 }, (_, i) =>
      env.emulator.agent.callTool({
        ...env.agentInput(serverId),
        toolName: 'echo',
        arguments: { message: `call ${i}` },
      }),
    );
    let dropped = 0;
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      dropped += env.emulator.faults.dropStreams(i % 2 === 0 ? 'abort' : 'close', 'mcp-requests');
    }
    expect(dropped).toBeGreaterThan(0);
    const outcomes = await Promise.all(calls);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(kit.events.calls.filter((call) => call.tool === 'echo')).toHaveLength(20);
    expect(env.emulator.counters.get('duplicateResults')).toBe(0);
    expect(env.emulator.counters.get('unknownIdResults')).toBe(0);
    await waitFor(
      'a reconnect after every drop',
      () => env.emulator.counters.get('requestsConnects') >= 1 + dropped,
    );
  });

  it('deregisters and ends the local process on stop', async () => {
    const kit = env.start();
    await kit.add({ name: 'everything', dustName: 'everything server', spec: everythingSpec() });
    const serverId = await env.streaming('everything');
    await kit.host.remove('everything');
    expect(
      env.emulator.mcp.registrations().map((registration) => registration.serverId),
    ).not.toContain(serverId);
  });
});
