import { describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../e2e/dust-emulator/index.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import {
  agentInput,
  allowAll,
  CuttableLink,
  expectExactlyOnce,
  fastConnection,
  streaming,
  words,
} from './fault-kit.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

/**
 * Fault matrix, part 1: the network and Dust's side of the wire (docs/protocol/emulator.md#mcp-35
 * and docs/reliability.md). Each test injects one fault against the emulator and the real core with
 * a real stdio server, then checks: every request answered exactly once (or denied with a reason),
 * the bridge back to streaming by itself, and the state readable in words. Recovery times are
 * logged as `[fault-matrix]` lines for docs/reliability.md.
 */
const env = useEmulatorBridge({ agent: { initializeTimeoutMs: 5_000 } });

function start(target: RunningEmulator = env.emulator) {
  env.start({ rules: allowAll('fx'), connection: fastConnection }, target);
  return env.kit.add({
    name: 'fx',
    dustName: 'fixture server',
    spec: fixtureSpec('fixture-server.mjs'),
  });
}

function echo(serverId: string, message: string, timeoutMs?: number) {
  return env.emulator.agent.callTool({
    ...agentInput(env.emulator, serverId),
    toolName: 'echo',
    arguments: { message },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

function figure(name: string, value: string): void {
  process.stdout.write(`[fault-matrix] ${name}: ${value}\n`);
}

describe('fault matrix: network and Dust', () => {
  it('F01 network down for minutes, then back: same registration resumes, the call made during the outage is answered once', async () => {
    const link = new CuttableLink(env.emulator.port);
    env.onClose(() => link.close());
    const url = await link.start();
    await start({ url, seeds: env.emulator.seeds } as RunningEmulator);
    const serverId = await streaming(env.kit, 'fx');
    link.down();
    await waitFor(
      'the outage to show',
      () => env.kit.host.get('fx')!.connection.state.kind !== 'streaming' || undefined,
    );
    expect(words(env.kit, 'fx')).toMatch(/Reconnecting \(.+\)|Could not/);
    env.emulator.clock.advance(4 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const during = echo(serverId, 'sent while the network was down', 20_000);
    const downAt = Date.now();
    link.up();
    const after = await streaming(env.kit, 'fx');
    figure('F01 reconnect after the network is back (ms)', String(Date.now() - downAt));
    expect(after).toBe(serverId);
    await expect(during).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator, 1);
  });

  it('F02 network down past the TTL: Dust forgot the server, the app re-registers and serves under the new id', async () => {
    const link = new CuttableLink(env.emulator.port);
    env.onClose(() => link.close());
    const url = await link.start();
    await start({ url, seeds: env.emulator.seeds } as RunningEmulator);
    const first = await streaming(env.kit, 'fx');
    link.down();
    env.emulator.clock.advance(11 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    link.up();
    const second = await streaming(env.kit, 'fx', { not: first });
    expect(second).not.toBe(first);
    await expect(echo(second, 'after a long outage')).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator, 1);
  });

  it('F03 5xx storm on heartbeat: the stream keeps serving, the beat retries', async () => {
    await start();
    const serverId = await streaming(env.kit, 'fx');
    const before = env.emulator.counters.get('heartbeats');
    env.emulator.faults.injectStatus({ endpoint: 'heartbeat', status: 503, count: 5 });
    await waitFor(
      'the storm to pass',
      () => env.emulator.counters.get('heartbeats') >= before + 6 || undefined,
      20_000,
    );
    expect(env.kit.host.get('fx')!.connection.state).toMatchObject({ kind: 'streaming', serverId });
    await expect(echo(serverId, 'during a heartbeat storm')).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator, 1);
  });

  it('F04 5xx storm on results (HTML 502 pages included): the result is retried until Dust takes it, once', async () => {
    await start();
    const serverId = await streaming(env.kit, 'fx');
    env.emulator.faults.injectStatus({ endpoint: 'results', status: 502, count: 2, html: true });
    env.emulator.faults.injectStatus({
      endpoint: 'results',
      status: 503,
      count: 2,
      retryAfterSeconds: 0,
    });
    const started = Date.now();
    await expect(echo(serverId, 'through a results storm')).resolves.toMatchObject({
      ok: true,
      result: { content: [{ text: 'through a results storm' }] },
    });
    figure('F04 answer delivered through 4 failed posts (ms)', String(Date.now() - started));
    expectExactlyOnce(env.emulator, 1);
  });

  it('F05 `data: done` right after the handshake, repeatedly: backs off instead of spinning, then serves', async () => {
    await start();
    await streaming(env.kit, 'fx');
    const before = env.emulator.counters.get('requestsConnects');
    env.emulator.faults.armStream({ doneAfterHandshake: 6 });
    env.emulator.faults.dropStreams('done', 'mcp-requests');
    const started = Date.now();
    const serverId = await waitFor(
      'a stream that stays',
      () =>
        env.emulator.counters.get('requestsConnects') >= before + 7
          ? env.kit.host.get('fx')!.connection.state
          : undefined,
      20_000,
    ).then(() => streaming(env.kit, 'fx'));
    const connects = env.emulator.counters.get('requestsConnects') - before;
    const seconds = (Date.now() - started) / 1_000;
    figure('F05 connects for 6 instant dones', `${connects} in ${seconds.toFixed(1)} s`);
    expect(connects).toBeLessThanOrEqual(9);
    await expect(echo(serverId, 'after the quick dones')).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator, 1);
  });

  it('F06 clock jump (laptop slept past the TTL): heartbeat 404 → re-registered with a new id, announced', async () => {
    await start();
    const first = await streaming(env.kit, 'fx');
    const changes: Array<string | undefined> = [];
    env.kit.host.onDidChange((event) => event.kind === 'serverId' && changes.push(event.next));
    env.emulator.clock.advance(15 * 60_000);
    const started = Date.now();
    const second = await streaming(env.kit, 'fx', { not: first });
    figure('F06 re-registered after the clock jump (ms)', String(Date.now() - started));
    expect(changes).toContain(second);
    expect(
      env.emulator.counters.get('heartbeatsNotFound') +
        env.emulator.counters.get('requestsRejected'),
    ).toBeGreaterThan(0);
    await expect(echo(second, 'after sleep')).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator, 1);
  });

  it('F07 a request published while no SSE is connected, inside the 5-s init window: replayed on reconnect, answered once', async () => {
    await start();
    const serverId = await streaming(env.kit, 'fx');
    env.emulator.faults.injectStatus({ endpoint: 'requests', status: 503, count: 2 });
    env.emulator.faults.dropStreams('abort', 'mcp-requests');
    const outcome = echo(serverId, 'published with no stream');
    await expect(outcome).resolves.toMatchObject({ ok: true });
    expect(env.emulator.counters.get('initializeTimeouts')).toBe(0);
    expectExactlyOnce(env.emulator, 1);
  });

  it('F08 a request published while no SSE is connected, past the 5-s init window: Dust gives up, the late answer is ignored, nothing runs twice', async () => {
    env.emulator.agentOptions.set({ initializeTimeoutMs: 300 });
    await start();
    const serverId = await streaming(env.kit, 'fx');
    env.emulator.faults.set({ delaysMs: { requests: 1_200 } });
    env.emulator.faults.dropStreams('abort', 'mcp-requests');
    await expect(echo(serverId, 'too late')).resolves.toMatchObject({
      ok: false,
      reason: 'initialize_timeout',
    });
    env.emulator.faults.set({ delaysMs: { requests: 0 } });
    await streaming(env.kit, 'fx');
    expect(env.emulator.counters.get('initializeTimeouts')).toBe(1);
    expect(env.kit.events.calls.filter((call) => call.tool === 'echo')).toHaveLength(0);
    env.emulator.agentOptions.set({ initializeTimeoutMs: 5_000 });
    await expect(echo(serverId, 'next one')).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator);
  });

  it('F09 stale replay of an answered request (reconnect without cursor): never run again, the cached answer is re-sent', async () => {
    await start();
    const serverId = await streaming(env.kit, 'fx');
    for (let i = 0; i < 3; i++)
      await expect(echo(serverId, `first ${i}`)).resolves.toMatchObject({ ok: true });
    const unanswered = {
      jsonrpc: '2.0',
      id: 'mcp_req_stale_x_0',
      method: 'tools/call',
      params: { name: 'echo', arguments: { message: 'stale' } },
    };
    env.emulator.mcp.publish(serverId, unanswered);
    await waitFor(
      'the stale request answered',
      () =>
        (env.emulator.counters.read().byKey['resultsById']?.[unanswered.id] ?? 0) > 0 || undefined,
    );
    const runs = env.kit.events.calls.length;
    for (let i = 0; i < 3; i++) env.emulator.mcp.publish(serverId, unanswered);
    await new Promise((resolve) => setTimeout(resolve, 500));
    env.emulator.faults.dropStreams('abort', 'mcp-requests');
    await streaming(env.kit, 'fx');
    await expect(echo(serverId, 'after the replay')).resolves.toMatchObject({ ok: true });
    const echoes = env.kit.events.calls.filter((call) => call.tool === 'echo').length;
    expect(echoes).toBe(runs + 1);
    const posts = env.emulator.counters.read().byKey['resultsById']?.[unanswered.id] ?? 0;
    figure('F09 results posted for a request replayed 3 times', String(posts));
    // By design (mcp-relay.ts): a replayed id gets the cached answer again, never a second run;
    // Dust answers every post 200 and its client routes only the first.
    expect(posts).toBeLessThanOrEqual(4);
    // The raw id has no agent waiting (so it counts as unknown); every agent call got one result.
    const byId = env.emulator.counters.read().byKey['resultsById'] ?? {};
    for (const [id, count] of Object.entries(byId))
      if (id !== unanswered.id) expect(count, id).toBe(1);
  });

  it('F10 a slow tool answered after Dust’s timeout: Dust got a cancel, the late result is not posted twice', async () => {
    await start();
    const serverId = await streaming(env.kit, 'fx');
    const outcome = await env.emulator.agent.callTool({
      ...agentInput(env.emulator, serverId),
      toolName: 'slow',
      arguments: { ms: 1_500 },
      timeoutMs: 400,
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(env.emulator.counters.get('cancellationsSent')).toBe(1);
    await waitFor(
      'the call to finish on our side',
      () => env.kit.events.calls.find((call) => call.tool === 'slow'),
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expectExactlyOnce(env.emulator);
    await expect(echo(serverId, 'still fine')).resolves.toMatchObject({ ok: true });
  });

  it('F11 SSE closed by Dust while idle (done, close and abort): reconnects at once from the cursor', async () => {
    await start();
    const serverId = await streaming(env.kit, 'fx');
    for (const mode of ['done', 'close', 'abort'] as const) {
      const before = env.emulator.counters.get('requestsConnects');
      const started = Date.now();
      env.emulator.faults.dropStreams(mode, 'mcp-requests');
      await waitFor(
        `a reconnect after ${mode}`,
        () => env.emulator.counters.get('requestsConnects') > before || undefined,
      );
      await streaming(env.kit, 'fx');
      figure(`F11 reconnect after ${mode} (ms)`, String(Date.now() - started));
      await expect(echo(serverId, `after ${mode}`)).resolves.toMatchObject({ ok: true });
    }
    expectExactlyOnce(env.emulator, 3);
  });

  it('F12 403 on reconnect after expiry: re-registers instead of retrying the dead id', async () => {
    await start();
    const first = await streaming(env.kit, 'fx');
    env.emulator.faults.expireRegistration(first);
    env.emulator.faults.dropStreams('abort', 'mcp-requests');
    const second = await streaming(env.kit, 'fx', { not: first });
    expect(env.emulator.counters.get('requestsRejected')).toBeGreaterThan(0);
    await expect(echo(second, 'new id')).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator, 1);
  });
});
