import { describe, expect, it } from 'vitest';

import type { LocalServerSpec, SecretStore } from '../../core/ports.js';
import { resolvePlaceholders } from '../../core/secrets/placeholders.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import {
  agentInput,
  allowAll,
  expectExactlyOnce,
  fastConnection,
  streaming,
  words,
} from './fault-kit.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

/**
 * Fault matrix, part 2: the local MCP server misbehaves (crash mid-call, hang, garbage on
 * stdout, stderr flood) or cannot be started (keychain locked). The agent must always get an
 * answer in words, the supervisor must say what happened and bring the server back.
 */
const env = useEmulatorBridge();

const fastSupervisor = {
  backoff: { initialMs: 100, maxMs: 400, jitter: 'equal' as const },
  handshakeTimeoutMs: 3_000,
  requestTimeoutMs: 1_000,
  pingIntervalMs: 0,
};

function start(
  spec: LocalServerSpec | (() => Promise<LocalServerSpec>),
  supervisor: Record<string, unknown> = {},
) {
  env.start({
    rules: allowAll('fx'),
    connection: fastConnection,
    supervisor: { ...fastSupervisor, ...supervisor },
  });
  // A static spec goes through kit.add, which also tells the gate the server is configured.
  if (typeof spec !== 'function')
    return env.kit.add({ name: 'fx', dustName: 'fixture server', spec });
  return env.kit.host.add({ name: 'fx', dustName: 'fixture server', spec });
}

function call(serverId: string, toolName: string, args: Record<string, unknown>) {
  return env.emulator.agent.callTool({
    ...agentInput(env.emulator, serverId),
    toolName,
    arguments: args,
  });
}

function figure(name: string, value: string): void {
  process.stdout.write(`[fault-matrix] ${name}: ${value}\n`);
}

describe('fault matrix: the local server', () => {
  it('L01 crashes mid-call: the call gets a JSON-RPC error in words, the server restarts and serves', async () => {
    await start(fixtureSpec('fixture-server.mjs', { FIXTURE_CRASH_AFTER_MS: '700' }), {
      requestTimeoutMs: 10_000,
    });
    const serverId = await streaming(env.kit, 'fx');
    const bridge = env.kit.host.get('fx')!;
    const firstPid = bridge.supervisor.pid;
    const outcome = await call(serverId, 'slow', { ms: 5_000 });
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'jsonrpc_error',
      error: { message: expect.stringMatching(/exited with code 7|stopped|crash/i) },
    });
    const crashedAt = Date.now();
    await waitFor(
      'a restarted server',
      () =>
        (bridge.supervisor.state.kind === 'ready' && bridge.supervisor.pid !== firstPid) ||
        undefined,
    );
    figure('L01 back to ready after the crash (ms)', String(Date.now() - crashedAt));
    expectExactlyOnce(env.emulator, 1);
  });

  it('L02 hangs (no answer, no pong): the call times out with an error in words, the server is declared hung and restarted', async () => {
    await start(fixtureSpec('fixture-server.mjs', { FIXTURE_NO_PING: '1' }), {
      pingIntervalMs: 400,
      pingTimeoutMs: 300,
    });
    const serverId = await streaming(env.kit, 'fx');
    const bridge = env.kit.host.get('fx')!;
    const states: string[] = [];
    bridge.supervisor.onDidChangeState((state) =>
      states.push(state.kind === 'hung' ? `hung: ${state.error}` : state.kind),
    );
    const outcome = await call(serverId, 'slow', { ms: 30_000 });
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'jsonrpc_error',
      error: { message: expect.stringMatching(/time|answer|stopped|hung/i) },
    });
    await waitFor('a hung state', () => states.find((state) => state.startsWith('hung: ')));
    expect(states.find((state) => state.startsWith('hung: '))).toMatch(/ping|answer|respond/i);
    await waitFor(
      'ready again',
      () =>
        states.lastIndexOf('ready') > states.findIndex((state) => state.startsWith('hung')) ||
        undefined,
    );
    expectExactlyOnce(env.emulator, 1);
  });

  it('L03 prints garbage on stdout: the noise is skipped, calls still work', async () => {
    await start(fixtureSpec('fixture-server.mjs', { FIXTURE_GARBAGE: '1' }));
    const serverId = await streaming(env.kit, 'fx');
    for (let i = 0; i < 3; i++)
      await expect(call(serverId, 'echo', { message: `clean ${i}` })).resolves.toMatchObject({
        ok: true,
        result: { content: [{ text: `clean ${i}` }] },
      });
    expect(env.kit.host.get('fx')!.supervisor.state.kind).toBe('ready');
    expectExactlyOnce(env.emulator, 3);
  });

  it('L04 floods stderr (4 MB): memory stays bounded (the buffer keeps ≤ 64 KiB), calls still work', async () => {
    const flood = `for (let i = 0; i < 40000; i++) process.stderr.write('flood line ' + i + ' ' + 'x'.repeat(90) + '\\n');`;
    const script = `${flood} import(${JSON.stringify(fixtureSpec('fixture-server.mjs').args[0])});`;
    await start({ command: process.execPath, args: ['-e', script], env: {} });
    const serverId = await streaming(env.kit, 'fx');
    const bridge = env.kit.host.get('fx')!;
    await waitFor(
      'the flood to arrive',
      () =>
        bridge.supervisor.stderrLines().some((line) => line.startsWith('flood line 39999')) ||
        undefined,
    );
    const lines = bridge.supervisor.stderrLines();
    const bytes = lines.reduce((total, line) => total + Buffer.byteLength(line) + 1, 0);
    figure('L04 stderr kept after a 4 MB flood (bytes)', String(bytes));
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    await expect(call(serverId, 'echo', { message: 'after the flood' })).resolves.toMatchObject({
      ok: true,
    });
    expectExactlyOnce(env.emulator, 1);
  });

  it('L05 keychain locked: a ${secret:…} server does not start, says why in words, and is not offered to Dust', async () => {
    const locked: SecretStore = {
      get: () => Promise.reject(new Error('The system keychain is locked.')),
      set: () => Promise.reject(new Error('The system keychain is locked.')),
      delete: () => Promise.reject(new Error('The system keychain is locked.')),
    };
    const base = fixtureSpec('fixture-server.mjs', { API_KEY: '${secret:API_KEY}' });
    await start(async () => ({ ...base, env: await resolvePlaceholders(base.env, locked, 'fx') }));
    await waitFor(
      'the reason in words',
      () => /keychain is locked/.test(words(env.kit, 'fx')) || undefined,
    );
    // Never started, so never registered: no agent can reach a server that cannot run.
    expect(env.kit.host.get('fx')!.connection.state.kind).toBe('stopped');
    expect(env.emulator.mcp.registrations()).toEqual([]);
  });

  it('L06 keychain absent (no entry): the missing secret is named, never a value', async () => {
    const empty = {
      get: () => Promise.resolve(null),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    } as unknown as SecretStore;
    const base = fixtureSpec('fixture-server.mjs', { API_KEY: '${secret:API_KEY}' });
    await start(async () => ({ ...base, env: await resolvePlaceholders(base.env, empty, 'fx') }));
    await waitFor(
      'the reason in words',
      () => /needs the secret \$\{secret:API_KEY\}/.test(words(env.kit, 'fx')) || undefined,
    );
    expect(env.emulator.mcp.registrations()).toEqual([]);
  });

  it('L07 a command that does not exist: spawn error in words, retried with backoff, never registered', async () => {
    await start({ command: '/nonexistent/dust-tray-no-such-server', args: [], env: {} });
    await waitFor(
      'the spawn error in words',
      () =>
        /ENOENT|not found|could not start|No such file/i.test(words(env.kit, 'fx')) || undefined,
    );
    await waitFor(
      'a retry',
      () => env.kit.host.get('fx')!.supervisor.state.kind === 'backoff' || undefined,
    );
    expect(env.kit.host.get('fx')!.connection.state.kind).toBe('stopped');
    expect(env.emulator.mcp.registrations()).toEqual([]);
  });
});
