import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { type Session, startSession } from './fault-session.js';

/**
 * A new permission applies at once to the calls already waiting, through the IPC
 * router as the window reaches it, with a real MCP server and the emulator's agent.
 */
let emulator: RunningEmulator;
let session: Session | undefined;

beforeEach(async () => {
  emulator = await startEmulator({ workos: { intervalSeconds: 1 } });
  const spec = fixtureSpec('fixture-server.mjs');
  session = await startSession(emulator, {
    servers: { fx: { command: spec.command, args: [...spec.args] } },
  });
});
afterEach(async () => {
  await session?.close();
  session = undefined;
  await emulator.close();
});

describe('calls waiting when a permission arrives', () => {
  it('a rule saved in the window settles the waiting calls it covers; others keep waiting', async () => {
    const serverId = await session!.streaming('fx');
    const input = agentInput(emulator, serverId);
    const one = emulator.agent.callTool({
      ...input,
      messageId: 'm1',
      toolName: 'echo',
      arguments: { message: 'one' },
    });
    const two = emulator.agent.callTool({
      ...input,
      conversationId: 'conv2',
      messageId: 'm2',
      toolName: 'echo',
      arguments: { message: 'two' },
    });
    const other = emulator.agent.callTool({
      ...input,
      messageId: 'm3',
      toolName: 'env',
      arguments: { name: 'HOME' },
    });
    await waitFor(
      'three waiting calls',
      () => session!.app.approvals.pendingCount === 3 || undefined,
    );

    await expect(
      session!.invoke('rules:set', { server: 'fx', tool: 'echo', action: 'allow' }),
    ).resolves.toMatchObject({ ok: true });
    await expect(one).resolves.toMatchObject({ ok: true, result: { content: [{ text: 'one' }] } });
    await expect(two).resolves.toMatchObject({ ok: true, result: { content: [{ text: 'two' }] } });
    expect(session!.app.approvals.snapshot().pending.map((call) => call.tool)).toEqual(['env']);
    const decided = session!.events
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
      session!.invoke('rules:set', { server: 'fx', tool: 'env', action: 'deny' }),
    ).resolves.toMatchObject({ ok: true });
    await expect(other).resolves.toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [{ text: expect.stringContaining('Denied by') as string }],
      },
    });
    expect(session!.app.approvals.pendingCount).toBe(0);
  });
});
