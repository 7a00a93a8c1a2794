import { describe, expect, it } from 'vitest';

import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

const MiB = 1024 * 1024;
const env = useEmulatorBridge();

async function bigServer(): Promise<string> {
  env.start({ rules: [{ server: 'fixture', tool: '*', action: 'allow' }] });
  await env.kit.add({
    name: 'fixture',
    dustName: 'fixture server',
    spec: fixtureSpec('fixture-server.mjs', { FIXTURE_BIG: '1' }),
  });
  return env.streaming('fixture');
}

function callBig(serverId: string, bytes: number) {
  return env.emulator.agent.callTool({
    ...env.agentInput(serverId),
    toolName: 'big',
    arguments: { bytes },
    // Well under Dust's 3 minutes: a refusal must come in seconds, not at the timeout.
    timeoutMs: 20_000,
  });
}

describe("results up to Dust's 16 MiB limit", () => {
  it('delivers a 15 MiB result intact (the stdio splitter used to cut lines at 10 MiB)', async () => {
    const serverId = await bigServer();
    const outcome = await callBig(serverId, 15 * MiB);
    expect(outcome.ok).toBe(true);
    const text = outcome.ok ? (outcome.result.content[0] as { text: string }).text : '';
    expect(text.length).toBe(15 * MiB);
    expect(/^x+$/.test(text)).toBe(true);
  });

  it('refuses a 17 MiB result in words within seconds, and the server keeps serving', async () => {
    const serverId = await bigServer();
    const started = Date.now();
    const outcome = await callBig(serverId, 17 * MiB);
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'jsonrpc_error',
      error: { message: expect.stringContaining('too large to send to Dust (17.0 MiB') },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(callBig(serverId, 10)).resolves.toMatchObject({ ok: true });
    expect(env.kit.host.get('fixture')!.supervisor.stderrLines().join('\n')).toContain(
      'a message of 17.0 MiB was dropped',
    );
  });

  it("a result just over Dust's limit reaches Dust, and its 413 becomes an error the agent can read", async () => {
    const serverId = await bigServer();
    const outcome = await callBig(serverId, 16 * MiB + 100 * 1024);
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'jsonrpc_error',
      error: { code: -32000, message: expect.stringContaining('too large') },
    });
    expect(env.emulator.counters.get('resultsRejected')).toBe(1);
  });
});
