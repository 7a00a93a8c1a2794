import { describe, expect, it } from 'vitest';

import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { fixtureServer, useEmulatorSession } from './kits/emulator-session.js';

/**
 * Approval integrity (docs/reliability.md), through the real IPC router as the renderer reaches it:
 * a decision must name a request that is waiting, with its nonce, before its deadline; a repeated
 * decision is idempotent and a contradicting one refused; hostile content travels as data.
 */
const env = useEmulatorSession({ session: () => ({ servers: { fx: fixtureServer() } }) });

interface PendingDto {
  callId: string;
  nonce: string;
  tool: string;
  arguments: unknown;
  [key: string]: unknown;
}

async function pendingCalls(): Promise<PendingDto[]> {
  const answer = (await env.session.invoke('approvals:snapshot', undefined)) as {
    ok: boolean;
    value: { value?: PendingDto[] } | PendingDto[];
  };
  const value = answer.value;
  return Array.isArray(value) ? value : (value.value ?? []);
}

async function onePending(): Promise<PendingDto> {
  return waitFor('a pending approval', () => env.session.app.approvals.snapshot().pending[0]).then(
    async () => (await pendingCalls())[0]!,
  );
}

const decide = (callId: string, nonce: string, verdict: 'approve' | 'deny') =>
  env.session.invoke('approvals:decide', {
    callId,
    nonce,
    decision: verdict === 'approve' ? { verdict, remember: { kind: 'once' } } : { verdict },
  });

describe('approval integrity through the router', () => {
  it('refuses a forged callId, a forged nonce and a malformed decision, and the call still waits', async () => {
    const serverId = await env.session.streaming('fx');
    const call = env.emulator.agent.callTool({
      ...agentInput(env.emulator, serverId),
      toolName: 'echo',
      arguments: { message: 'x' },
    });
    const pending = await onePending();
    await expect(decide('forged-call-id', pending.nonce, 'approve')).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/not waiting/) },
    });
    await expect(decide(pending.callId, 'forged-nonce', 'approve')).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    });
    await expect(
      env.session.invoke('approvals:decide', {
        callId: pending.callId,
        nonce: pending.nonce,
        decision: { verdict: 'yes please' },
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(env.session.app.approvals.pendingCount).toBe(1);
    await expect(decide(pending.callId, pending.nonce, 'deny')).resolves.toMatchObject({
      ok: true,
    });
    await expect(call).resolves.toMatchObject({ ok: true, result: { isError: true } });
  });

  it('a repeated decision is idempotent; a contradicting one is refused; the tool runs once', async () => {
    const serverId = await env.session.streaming('fx');
    const call = env.emulator.agent.callTool({
      ...agentInput(env.emulator, serverId),
      toolName: 'echo',
      arguments: { message: 'once' },
    });
    const pending = await onePending();
    await expect(decide(pending.callId, pending.nonce, 'approve')).resolves.toMatchObject({
      ok: true,
      value: { repeated: false },
    });
    await expect(decide(pending.callId, pending.nonce, 'approve')).resolves.toMatchObject({
      ok: true,
      value: { repeated: true },
    });
    await expect(decide(pending.callId, pending.nonce, 'deny')).resolves.toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/already_decided|not_found/) },
    });
    await expect(call).resolves.toMatchObject({
      ok: true,
      result: { content: [{ text: 'once' }] },
    });
    expect(
      Object.values(env.emulator.counters.read().byKey['resultsById'] ?? {}).every(
        (count) => count === 1,
      ),
    ).toBe(true);
    expect(env.emulator.counters.get('duplicateResults')).toBe(0);
  });

  it('refuses a decision after the deadline (the clock jumped past it), and Dust is told the call was denied', async () => {
    const serverId = await env.session.streaming('fx');
    const call = env.emulator.agent.callTool({
      ...agentInput(env.emulator, serverId),
      toolName: 'echo',
      arguments: { message: 'late' },
    });
    const pending = await onePending();
    env.session.clock.jump(10 * 60_000);
    await expect(decide(pending.callId, pending.nonce, 'approve')).resolves.toMatchObject({
      ok: false,
      error: { code: 'expired', message: expect.stringMatching(/Too late/) },
    });
    await expect(call).resolves.toMatchObject({ ok: true, result: { isError: true } });
    expect(env.session.app.approvals.pendingCount).toBe(0);
  });

  it('a hostile tool name and arguments (HTML, ANSI, RTL override, NUL, 1 MB, __proto__) travel relay → approvals → IPC intact, as data', async () => {
    const serverId = await env.session.streaming('fx');
    const hostileName = 'x<img_src=x_onerror=alert(1)>\u202egnp.exe';
    const added = env.emulator.agent.callTool({
      ...agentInput(env.emulator, serverId, 'msg2'),
      toolName: 'add_tool',
      arguments: { name: hostileName },
    });
    const addPending = await onePending();
    await decide(addPending.callId, addPending.nonce, 'approve');
    await added;
    await waitFor('the new tool', () => {
      const state = env.session.app.runtime.bridgeHost?.get('fx')?.supervisor.state;
      return (
        (state?.kind === 'ready' && state.tools.some((tool) => tool.name === hostileName)) ||
        undefined
      );
    });
    const hostileArgs = {
      html: '<img src=x onerror="alert(document.cookie)"><script>alert(1)</script>',
      ansi: '\u001b[31mred\u001b[0m\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
      rtl: 'invoice\u202Efdp.exe',
      nul: 'a\u0000b',
      huge: 'A'.repeat(1_000_000),
      nested: { __proto__: { polluted: true }, constructor: 'x' },
    };
    env.emulator.mcp.publish(serverId, {
      jsonrpc: '2.0',
      id: 'mcp_req_conv1_msg3_hostile_1',
      method: 'tools/call',
      params: { name: hostileName, arguments: hostileArgs },
    });
    const pending = await waitFor('the hostile approval', () =>
      env.session.app.approvals.snapshot().pending.find((call) => call.tool === hostileName),
    );
    const [dto] = (await pendingCalls()).filter((call) => call.callId === pending.callId);
    expect(dto?.tool).toBe(hostileName);
    expect(dto?.arguments).toEqual(JSON.parse(JSON.stringify(hostileArgs)));
    const event = env.session.events
      .filter((hubEvent) => hubEvent.channel === 'approvals:changed')
      .at(-1);
    expect(JSON.stringify(event)).toContain(JSON.stringify(hostileArgs.rtl).slice(1, -1));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await decide(pending.callId, pending.nonce, 'deny');
    await waitFor(
      'the denial posted',
      () =>
        (env.emulator.counters.read().byKey['resultsById']?.['mcp_req_conv1_msg3_hostile_1'] ?? 0) >
          0 || undefined,
    );
  });
});
