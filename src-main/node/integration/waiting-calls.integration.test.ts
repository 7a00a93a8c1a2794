import { describe, expect, it } from 'vitest';

import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { fixtureServer, useEmulatorSession } from './kits/emulator-session.js';

/**
 * A new permission applies at once to the calls already waiting, through the IPC
 * router as the window reaches it, with a real MCP server and the emulator's agent.
 */
const env = useEmulatorSession({ session: () => ({ servers: { fx: fixtureServer() } }) });

describe('calls waiting when a permission arrives', () => {
  it('a rule saved in the window settles the waiting calls it covers; others keep waiting', async () => {
    const serverId = await env.session.streaming('fx');
    const input = agentInput(env.emulator, serverId);
    const one = env.emulator.agent.callTool({
      ...input,
      messageId: 'm1',
      toolName: 'echo',
      arguments: { message: 'one' },
    });
    const two = env.emulator.agent.callTool({
      ...input,
      conversationId: 'conv2',
      messageId: 'm2',
      toolName: 'echo',
      arguments: { message: 'two' },
    });
    const other = env.emulator.agent.callTool({
      ...input,
      messageId: 'm3',
      toolName: 'env',
      arguments: { name: 'HOME' },
    });
    await waitFor(
      'three waiting calls',
      () => env.session.app.approvals.pendingCount === 3 || undefined,
    );

    await expect(
      env.session.invoke('rules:set', { server: 'fx', tool: 'echo', action: 'allow' }),
    ).resolves.toMatchObject({ ok: true });
    await expect(one).resolves.toMatchObject({ ok: true, result: { content: [{ text: 'one' }] } });
    await expect(two).resolves.toMatchObject({ ok: true, result: { content: [{ text: 'two' }] } });
    expect(env.session.app.approvals.snapshot().pending.map((call) => call.tool)).toEqual(['env']);
    const decided = env.session.events
      .filter((event) => event.channel === 'approvals:changed')
      .map((event) => event.message.payload as { kind: string; by?: string; reason?: string });
    expect(decided.filter((delta) => delta.kind === 'decided')).toEqual([
      expect.objectContaining({
        by: 'policy',
        reason: expect.stringContaining('(a rule you saved while it waited)') as string,
      }),
      expect.objectContaining({ by: 'policy' }),
    ]);

    await expect(
      env.session.invoke('rules:set', { server: 'fx', tool: 'env', action: 'deny' }),
    ).resolves.toMatchObject({ ok: true });
    await expect(other).resolves.toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [{ text: expect.stringContaining('Denied by') as string }],
      },
    });
    expect(env.session.app.approvals.pendingCount).toBe(0);
  });
});
