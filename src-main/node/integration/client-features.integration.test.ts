import { describe, expect, it } from 'vitest';

import { ElicitationService } from '../../core/elicitation/elicitation-service.js';
import { NodeRandom } from '../node-random.js';
import { SystemClock } from '../system-clock.js';
import { everythingSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { type createBridgeKit } from './bridge-kit.js';
import { useEmulatorBridge } from './kits/emulator-bridge.js';

/** The local server's own requests and notifications to us, with server-everything. */
const env = useEmulatorBridge();

async function everything(options: Parameters<typeof createBridgeKit>[1] = {}): Promise<string> {
  env.start({
    rules: [{ server: 'everything', tool: '*', action: 'allow' }],
    ...options,
  });
  await env.kit.add({
    name: 'everything',
    dustName: 'everything server',
    spec: everythingSpec(),
    roots: () => ['/tmp'],
  });
  return env.streaming('everything');
}

function call(serverId: string, toolName: string, args: Record<string, unknown> = {}) {
  return env.emulator.agent.callTool({
    ...env.agentInput(serverId),
    toolName,
    arguments: args,
  });
}

const text = (outcome: Awaited<ReturnType<typeof call>>): string =>
  outcome.ok
    ? outcome.result.content.map((item) => (item as { text?: string }).text ?? '').join('\n')
    : `failed: ${outcome.message}`;

describe('what a local server asks of us, its client', () => {
  it("shows the server's progress on the running call (ratio), and the call still ends normally", async () => {
    const serverId = await everything();
    const outcome = await call(serverId, 'trigger-long-running-operation', {
      duration: 0.8,
      steps: 4,
    });
    expect(text(outcome)).toContain('Long running operation completed');
    expect(env.kit.events.progress.map((p) => p.ratio)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(env.kit.events.progress.every((p) => p.tool === 'trigger-long-running-operation')).toBe(
      true,
    );
  });

  it('answers roots/list with the folders it may see', async () => {
    const serverId = await everything();
    await waitFor('get-roots-list to be offered', () =>
      env.kit.host
        .get('everything')!
        .supervisor.tools()
        ?.some((tool) => tool.name === 'get-roots-list'),
    );
    const outcome = await call(serverId, 'get-roots-list');
    expect(text(outcome)).toContain('file:///tmp');
  });

  it('offers no sampling: the sampling tool is not even listed, and elicitation is declined where no one can answer', async () => {
    const serverId = await everything();
    await waitFor('the conditional tools', () =>
      env.kit.host
        .get('everything')!
        .supervisor.tools()
        ?.some((tool) => tool.name === 'get-roots-list'),
    );
    const names = env.kit.host
      .get('everything')!
      .supervisor.tools()!
      .map((tool) => tool.name);
    expect(names).not.toContain('trigger-sampling-request');
    // No person here (like headless): elicitation is not declared, so its tool is not offered
    // either.
    expect(names).not.toContain('trigger-elicitation-request');
    expect(serverId).toBeTruthy();
  });

  it('puts an elicitation during a tool call in front of the person, and their answer reaches the server', async () => {
    const clock = new SystemClock();
    const elicitation = new ElicitationService({ clock, timers: clock, random: new NodeRandom() });
    const serverId = await everything({ elicitation });
    await waitFor('the elicitation tool', () =>
      env.kit.host
        .get('everything')!
        .supervisor.tools()
        ?.some((tool) => tool.name === 'trigger-elicitation-request'),
    );
    const running = call(serverId, 'trigger-elicitation-request');
    const form = await waitFor('the form', () => elicitation.pending()[0]);
    expect(form).toMatchObject({
      server: 'everything',
      tool: 'trigger-elicitation-request',
      message: 'Please provide inputs for the following fields:',
    });
    expect(form.fields.map((field) => field.kind)).toEqual([
      'string',
      'boolean',
      'string',
      'string',
      'string',
      'string',
      'number',
      'number',
      'choice',
      'choices',
      'choice',
      'choices',
      'choice',
    ]);
    // Dust's 3-minute budget, less the margin for the answer to reach Dust.
    expect(form.deadlineAt - form.receivedAt).toBeLessThanOrEqual(165_000);
    expect(
      elicitation.answer(form.id, form.nonce, { action: 'accept', content: { name: 42 } }),
    ).toMatchObject({ ok: false, error: 'bad_input' });
    expect(
      elicitation.answer(form.id, 'forged', { action: 'accept', content: { name: 'Ada' } }),
    ).toMatchObject({ ok: false, error: 'forbidden' });
    expect(
      elicitation.answer(form.id, form.nonce, {
        action: 'accept',
        content: { name: 'Ada Lovelace', integer: 7 },
      }),
    ).toEqual({ ok: true });
    const outcome = await running;
    expect(text(outcome)).toContain('- Name: Ada Lovelace');
    expect(text(outcome)).toContain('- Favorite Integer: 7');
    expect(JSON.stringify(env.kit.events.logs)).not.toContain('Ada Lovelace');
    elicitation.dispose();
  });

  it('withdraws the form when Dust cancels the call, and the server hears "cancel"', async () => {
    const clock = new SystemClock();
    const elicitation = new ElicitationService({ clock, timers: clock, random: new NodeRandom() });
    const serverId = await everything({ elicitation });
    await waitFor('the elicitation tool', () =>
      env.kit.host
        .get('everything')!
        .supervisor.tools()
        ?.some((tool) => tool.name === 'trigger-elicitation-request'),
    );
    const outcome = await env.emulator.agent.callTool({
      workspaceId: env.emulator.seeds.workspaceId,
      userId: env.emulator.seeds.users.ada.sId,
      serverId,
      conversationId: 'conv1',
      messageId: 'msg1',
      toolName: 'trigger-elicitation-request',
      arguments: {},
      timeoutMs: 1_500,
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    await waitFor('the form to be withdrawn', () => elicitation.pending().length === 0);
    elicitation.dispose();
  });
});
