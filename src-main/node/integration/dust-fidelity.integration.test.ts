import { describe, expect, it } from 'vitest';

import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

/** Findings from running the bridge against Dust's own client-side MCP code. */
const env = useEmulatorBridge();

async function fixtureServer(): Promise<string> {
  env.start({ rules: [{ server: 'fixture', tool: '*', action: 'allow' }] });
  await env.kit.add({
    name: 'fixture',
    dustName: 'fixture server',
    spec: fixtureSpec('fixture-server.mjs'),
  });
  return env.streaming('fixture');
}

function call(
  serverId: string,
  toolName: string,
  args: Record<string, unknown>,
  timeoutMs?: number,
) {
  return env.emulator.agent.callTool({
    ...env.agentInput(serverId),
    toolName,
    arguments: args,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

describe("faithful to Dust's client-side MCP", () => {
  it('re-registers at once when Dust answers 403 mcp_auth_error on results, and the next call is answered', async () => {
    const serverId = await fixtureServer();
    const running = call(serverId, 'slow', { ms: 600 }, 5_000);
    await waitFor('the call to reach the server', () => env.kit.events.decisions.length === 1);
    // Gone on Dust's side while our stream still looks open: only the answer's 403 can tell.
    env.emulator.faults.expireRegistration(serverId);
    const expiredAt = Date.now();
    const next = await env.streaming('fixture', { not: serverId });
    // The slow call takes 0.6 s; the next heartbeat would be minutes away.
    expect(Date.now() - expiredAt).toBeLessThan(3_000);
    await running;
    expect(env.emulator.counters.get('resultsRejected')).toBe(1);
    expect(env.emulator.counters.get('heartbeats')).toBe(0);
    await expect(call(next, 'echo', { message: 'after re-registration' })).resolves.toMatchObject({
      ok: true,
      result: { content: [{ text: 'after re-registration' }] },
    });
  });

  it('posts no answer for a cancelled call, and tells the local server to stop', async () => {
    const serverId = await fixtureServer();
    const outcome = await call(serverId, 'slow', { ms: 1_500 }, 300);
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(env.emulator.counters.get('cancellationsSent')).toBe(1);
    await waitFor('a cancelled outcome', () =>
      env.kit.events.calls.find((c) => c.outcome === 'cancelled'),
    );
    const told = await call(serverId, 'cancelled_ids', {});
    expect(told).toMatchObject({ ok: true });
    expect(
      JSON.parse(told.ok ? (told.result.content[0] as { text: string }).text : '[]'),
    ).toHaveLength(1);
    // Long enough for the slow tool to have finished and any answer to have been posted.
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    const resultsById = env.emulator.counters.read().byKey['resultsById'] ?? {};
    const answered = Object.keys(resultsById).filter(
      (id) => id.startsWith('mcp_req_') && id.endsWith('_1'),
    );
    // Only the later cancelled_ids call (its tools/call id also ends in _1) was answered.
    expect(answered).toHaveLength(1);
    expect(
      env.emulator.counters.get('lateResults') + env.emulator.counters.get('unknownIdResults'),
    ).toBe(0);
  });

  it("serves Dust's client asking for 2025-11-25 (the MCP SDK's latest), and an older one asking for 2024-11-05", async () => {
    const serverId = await fixtureServer();
    expect(env.emulator.agentOptions.get().protocolVersion).toBe('2025-11-25');
    const input = {
      workspaceId: env.emulator.seeds.workspaceId,
      userId: env.emulator.seeds.users.ada.sId,
      serverId,
      conversationId: 'c',
      messageId: 'm',
    };
    await expect(env.emulator.agent.listTools(input)).resolves.toMatchObject({ ok: true });
    env.emulator.agentOptions.set({
      protocolVersion: '2024-11-05',
      supportedProtocolVersions: ['2024-11-05'],
    });
    await expect(env.emulator.agent.listTools(input)).resolves.toMatchObject({ ok: true });
  });

  it("reads a backlog page by page, each page's data: done a normal end rather than a reconnection", async () => {
    env.emulator.faults.set({ historyPageSize: 2 });
    const serverId = await fixtureServer();
    const kinds: string[] = [];
    env.kit.host.get('fixture')!.connection.onDidChangeState((state) => kinds.push(state.kind));
    // Requests pile up while our stream is away (its reconnection is held back by 400 ms).
    env.emulator.faults.set({ delaysMs: { requests: 400 } });
    env.emulator.faults.dropStreams('close');
    for (let n = 0; n < 5; n++)
      env.emulator.mcp.publish(serverId, {
        method: 'ping',
        jsonrpc: '2.0',
        id: `mcp_req_c_m_backlog_${n}`,
      });
    await waitFor(
      'every backlog request answered',
      () => env.emulator.counters.get('results') >= 5,
    );
    // One reconnection for the drop; the three pages (2 + 2 + 1) then follow each other as normal
    // ends.
    expect(kinds.filter((kind) => kind === 'reconnecting')).toHaveLength(1);
    expect(
      env.kit.events.logs.filter((log) => log.message.includes('read a page of requests')).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
