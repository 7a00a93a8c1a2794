import { describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../e2e/dust-emulator/index.js';
import type { AccessTokenSource } from '../../core/dust/dust-http.js';
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
 * Fault matrix, part 3: the token and the workspace. The access token lives 60 s of emulated
 * time; advancing the emulator clock past it makes the next reconnect get Dust's 401, which must
 * lead to one refresh and a resumed stream — or, when the refresh is refused, to a signed-out
 * state in words with nothing left retrying.
 */
const env = useEmulatorBridge();

/** A stand-in for TokenSession: short-lived tokens minted by the emulator, refresh on demand. */
class MintingTokens implements AccessTokenSource {
  refreshes = 0;
  refuse = false;
  private token: string;

  constructor(private readonly target: RunningEmulator) {
    this.token = this.mint();
  }

  private mint(): string {
    return this.target.identity.mintAccessToken(this.target.seeds.users.ada.sId, {
      lifetimeSeconds: 60,
    });
  }

  getAccessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  refreshAfterRejection(): Promise<string | null> {
    this.refreshes++;
    if (this.refuse) return Promise.resolve(null);
    this.token = this.mint();
    return Promise.resolve(this.token);
  }
}

function start(tokens?: AccessTokenSource) {
  env.start({
    rules: allowAll('fx'),
    connection: fastConnection,
    ...(tokens ? { tokens } : {}),
  });
  return env.kit.add({
    name: 'fx',
    dustName: 'fixture server',
    spec: fixtureSpec('fixture-server.mjs'),
  });
}

function echo(serverId: string, message: string) {
  return env.emulator.agent.callTool({
    ...agentInput(env.emulator, serverId),
    toolName: 'echo',
    arguments: { message },
  });
}

describe('fault matrix: token and workspace', () => {
  it('A01 the token expires mid-stream: 401 on reconnect → one refresh → the same registration streams on', async () => {
    const tokens = new MintingTokens(env.emulator);
    await start(tokens);
    const serverId = await streaming(env.kit, 'fx');
    env.emulator.clock.advance(120_000);
    env.emulator.faults.dropStreams('abort', 'mcp-requests');
    await waitFor('a refresh', () => tokens.refreshes > 0 || undefined);
    expect(await streaming(env.kit, 'fx')).toBe(serverId);
    await expect(echo(serverId, 'after refresh')).resolves.toMatchObject({ ok: true });
    expect(tokens.refreshes).toBeLessThanOrEqual(2);
    expectExactlyOnce(env.emulator, 1);
  });

  it('A02 the refresh token is rejected: signed out in words, the connection stops retrying', async () => {
    const tokens = new MintingTokens(env.emulator);
    tokens.refuse = true;
    await start(tokens);
    await streaming(env.kit, 'fx');
    env.emulator.clock.advance(120_000);
    env.emulator.faults.dropStreams('abort', 'mcp-requests');
    await waitFor(
      'signed out',
      () => env.kit.host.get('fx')!.connection.state.kind === 'unauthorized' || undefined,
    );
    expect(words(env.kit, 'fx')).toMatch(/^Signed out: .+/);
    const connects = env.emulator.counters.get('requestsConnects');
    const registrations = env.emulator.counters.get('registrations');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(env.emulator.counters.get('requestsConnects')).toBe(connects);
    expect(env.emulator.counters.get('registrations')).toBe(registrations);
  });

  it('A03 the workspace goes into maintenance (503 on every route) and comes back: reconnects, serves', async () => {
    await start();
    const first = await streaming(env.kit, 'fx');
    env.emulator.faults.set({ workspaceMode: 'maintenance' });
    env.emulator.faults.dropStreams('abort', 'mcp-requests');
    await waitFor(
      'the outage in words',
      () =>
        /Reconnecting|Could not register|Re-registering/.test(words(env.kit, 'fx')) || undefined,
    );
    env.emulator.faults.set({ workspaceMode: 'normal' });
    const serverId = await streaming(env.kit, 'fx');
    expect([first, serverId]).toContain(serverId);
    await expect(echo(serverId, 'after maintenance')).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator, 1);
  });

  it('A04 an HTML 502 from a proxy on the requests path, then 429 with Retry-After: backs off, reconnects', async () => {
    await start();
    const serverId = await streaming(env.kit, 'fx');
    env.emulator.faults.injectStatus({ endpoint: 'requests', status: 502, count: 2, html: true });
    env.emulator.faults.injectStatus({
      endpoint: 'requests',
      status: 429,
      count: 1,
      retryAfterSeconds: 1,
    });
    const before = env.emulator.counters.get('requestsConnects');
    env.emulator.faults.dropStreams('abort', 'mcp-requests');
    await waitFor(
      'the errors to pass',
      () => env.emulator.counters.get('injectedFaults') >= 3 || undefined,
    );
    expect(await streaming(env.kit, 'fx')).toBe(serverId);
    expect(env.emulator.counters.get('requestsConnects') - before).toBeLessThanOrEqual(6);
    await expect(echo(serverId, 'after 502 and 429')).resolves.toMatchObject({ ok: true });
    expectExactlyOnce(env.emulator, 1);
  });

  it('A05 register refused for good (400 bad name): failed, in words, no retry storm', async () => {
    const kit = env.start({ rules: allowAll('fx'), connection: fastConnection });
    await kit.add({ name: 'fx', dustName: 'fx', spec: fixtureSpec('fixture-server.mjs') });
    await waitFor(
      'a refusal',
      () => kit.host.get('fx')!.connection.state.kind === 'failed' || undefined,
    );
    expect(words(kit, 'fx')).toMatch(/^Dust refused the server: .+/);
    const registrations = env.emulator.counters.get('registerRejected');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(env.emulator.counters.get('registerRejected')).toBe(registrations);
  });
});
