/**
 * Remote MCP servers relayed to Dust exactly like local ones: server-everything started on
 * loopback in its Streamable HTTP mode and in its legacy HTTP+SSE mode, reached through the
 * real transports, behind the real registration, relay, gate and approvals, against the emulator.
 */
import { describe, expect, it } from 'vitest';

import {
  freePort,
  type RemoteMode,
  startRemoteEverything,
} from '../test-fixtures/remote-everything.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

const env = useEmulatorBridge();

const FAST_RETRY = { backoff: { initialMs: 100, maxMs: 400, jitter: 'none' as const } };

describe.each<[RemoteMode, 'auto' | 'sse']>([
  ['streamableHttp', 'auto'],
  ['sse', 'auto'],
  ['sse', 'sse'],
])('remote server-everything (%s, transport %s)', (mode, transport) => {
  it('lists its tools to the agent and runs an allowed call', async () => {
    const remote = await startRemoteEverything(mode);
    env.onClose(() => remote.stop());
    const kit = env.start({ rules: [{ server: 'wiki', tool: 'echo', action: 'allow' }] });
    await kit.add({
      name: 'wiki',
      dustName: 'intranet wiki',
      spec: { url: remote.url, transport, headers: {} },
    });
    const serverId = await env.streaming('wiki');
    expect(kit.host.get('wiki')?.supervisor.describeProblem()).toBe(
      'The remote server "wiki" is ready.',
    );

    const listing = await env.emulator.agent.listTools(env.agentInput(serverId));
    expect(listing.ok && listing.tools.map((tool) => tool.name)).toContain('echo');
    const call = await env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'hello over HTTP' },
    });
    expect(call).toMatchObject({
      ok: true,
      result: { content: [{ type: 'text', text: expect.stringContaining('hello over HTTP') }] },
    });
    expect(kit.events.calls).toEqual([{ tool: 'echo', outcome: 'result', detail: 'Done.' }]);
  });

  it('asks a person: approve runs the tool, deny tells the agent why', async () => {
    const remote = await startRemoteEverything(mode);
    env.onClose(() => remote.stop());
    const kit = env.start({ withApprovals: true });
    await kit.add({
      name: 'wiki',
      dustName: 'intranet wiki',
      spec: { url: remote.url, transport, headers: {} },
    });
    const serverId = await env.streaming('wiki');
    const approvals = kit.approvals!;

    const approved = env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'approve me' },
    });
    const first = await waitFor('a pending approval', () => approvals.snapshot().pending[0]);
    expect(first).toMatchObject({
      server: 'wiki',
      tool: 'echo',
      arguments: { message: 'approve me' },
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
    approvals.decide(second.callId, second.nonce, {
      verdict: 'deny',
      reason: 'not on the intranet',
    });
    await expect(denied).resolves.toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [{ text: expect.stringContaining('not on the intranet') }],
      },
    });
    expect(kit.events.calls.map((call) => call.outcome)).toEqual(['result', 'denied']);
  });

  it('reconnects with a new session after the server restarts, and keeps serving', async () => {
    const remote = await startRemoteEverything(mode);
    env.onClose(() => remote.stop());
    const kit = env.start({
      rules: [{ server: 'wiki', tool: '*', action: 'allow' }],
      supervisor: { ...FAST_RETRY, pingIntervalMs: 200, pingTimeoutMs: 1_000 },
    });
    await kit.add({
      name: 'wiki',
      dustName: 'intranet wiki',
      spec: { url: remote.url, transport, headers: {} },
    });
    const serverId = await env.streaming('wiki');
    const supervisor = kit.host.get('wiki')!.supervisor;
    const states: string[] = [];
    supervisor.onDidChangeState((state) => states.push(state.kind));

    await remote.restart();
    await waitFor('the session to be lost', () => states.includes('crashed'));
    await waitFor('ready again', () => supervisor.state.kind === 'ready');
    const id = await env.streaming('wiki');
    const call = await env.emulator.agent.callTool({
      ...env.agentInput(id),
      toolName: 'echo',
      arguments: { message: 'after restart' },
    });
    expect(call).toMatchObject({
      ok: true,
      result: { content: [{ text: expect.stringContaining('after restart') }] },
    });
    expect(id).toBe(serverId);
  });
});

describe('grants for a remote server', () => {
  it('bind to its URL (origin + path): the same tool at another origin is asked again', async () => {
    const remote = await startRemoteEverything('streamableHttp');
    env.onClose(() => remote.stop());
    const other = await startRemoteEverything('streamableHttp');
    try {
      env.start({ withApprovals: true });
      const approvals = env.kit.approvals!;
      await env.kit.add({
        name: 'wiki',
        dustName: 'intranet wiki',
        spec: { url: remote.url, transport: 'auto', headers: {} },
      });
      let serverId = await env.streaming('wiki');
      const first = env.emulator.agent.callTool({
        ...env.agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'one' },
      });
      const pending = await waitFor('a pending approval', () => approvals.snapshot().pending[0]);
      approvals.decide(pending.callId, pending.nonce, {
        verdict: 'approve',
        remember: { kind: 'always' },
      });
      await expect(first).resolves.toMatchObject({ ok: true });
      // Remembered: the same URL runs without asking, even with another query string.
      await env.kit.add({
        name: 'wiki',
        dustName: 'intranet wiki',
        spec: { url: `${remote.url}?v=2`, transport: 'auto', headers: {} },
      });
      serverId = await env.streaming('wiki');
      await expect(
        env.emulator.agent.callTool({
          ...env.agentInput(serverId),
          toolName: 'echo',
          arguments: { message: 'two' },
        }),
      ).resolves.toMatchObject({ ok: true });
      expect(approvals.snapshot().pending).toEqual([]);

      // Another origin under the same name: the grant does not describe it, so the person is asked.
      await env.kit.add({
        name: 'wiki',
        dustName: 'intranet wiki',
        spec: { url: other.url, transport: 'auto', headers: {} },
      });
      serverId = await env.streaming('wiki');
      const third = env.emulator.agent.callTool({
        ...env.agentInput(serverId),
        toolName: 'echo',
        arguments: { message: 'three' },
      });
      const asked = await waitFor('a new approval', () => approvals.snapshot().pending[0]);
      expect(asked).toMatchObject({ server: 'wiki', tool: 'echo' });
      approvals.decide(asked.callId, asked.nonce, { verdict: 'deny' });
      await expect(third).resolves.toMatchObject({ ok: true, result: { isError: true } });
    } finally {
      await other.stop();
    }
  });
});

describe('remote server that is down or refuses', () => {
  it('says in words that nothing listens, retries with backoff, is not registered with Dust meanwhile, and connects once it is up', async () => {
    const port = await freePort();
    const kit = env.start({
      rules: [{ server: 'wiki', tool: '*', action: 'allow' }],
      supervisor: FAST_RETRY,
    });
    await kit.add({
      name: 'wiki',
      dustName: 'intranet wiki',
      spec: { url: `http://127.0.0.1:${port}/mcp`, transport: 'auto', headers: {} },
    });
    const supervisor = kit.host.get('wiki')!.supervisor;
    await waitFor('backoff', () => supervisor.state.kind === 'backoff');
    expect(supervisor.describeProblem()).toMatch(
      new RegExp(
        `^The remote server "wiki" is unreachable: 127\\.0\\.0\\.1:${port} refused the connection \\(is the server running\\?\\); it retries in `,
      ),
    );
    // Never connected, so never registered: no agent is offered a server it cannot reach (a server
    // that cannot start does not look connected).
    const seen: string[] = [];
    supervisor.onDidChangeState((state) => seen.push(state.kind));
    await waitFor(
      'a retry that fails again',
      () => (seen.includes('starting') && seen.at(-1) === 'backoff') || undefined,
    );
    expect(kit.host.get('wiki')!.connection.state.kind).toBe('stopped');
    expect(env.emulator.mcp.registrations()).toEqual([]);

    const remote = await startRemoteEverything('streamableHttp', port);

    env.onClose(() => remote.stop());
    const serverId = await env.streaming('wiki');
    expect(env.emulator.mcp.registrations().map((registration) => registration.serverId)).toEqual([
      serverId,
    ]);
    const call = await env.emulator.agent.callTool({
      ...env.agentInput(serverId),
      toolName: 'echo',
      arguments: { message: 'finally up' },
    });
    expect(call).toMatchObject({ ok: true });
  });

  it('names a host that does not resolve, and is not registered with Dust', async () => {
    const kit = env.start({ supervisor: FAST_RETRY });
    await kit.add({
      name: 'wiki',
      dustName: 'intranet wiki',
      spec: { url: 'https://wiki.invalid/mcp', transport: 'auto', headers: {} },
    });
    const supervisor = kit.host.get('wiki')!.supervisor;
    await waitFor('backoff', () => supervisor.state.kind === 'backoff');
    expect(supervisor.describeProblem()).toContain(
      'is unreachable: the name "wiki.invalid" could not be resolved (DNS',
    );
    expect(kit.host.get('wiki')!.connection.state.kind).toBe('stopped');
    expect(env.emulator.mcp.registrations()).toEqual([]);
  });
});
