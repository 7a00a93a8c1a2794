import { afterEach, describe, expect, it } from 'vitest';

import { ApprovalService } from '../approvals/approval-service.js';
import { neverCancelled } from '../cancellation.js';
import type { PolicyRule } from '../policy/rules.js';
import type { GatedCall, LocalTool } from '../relay/relay-ports.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeRandom } from '../testing/fake-random.js';
import { GrantStore } from './grant-store.js';
import { PolicyGate } from './policy-gate.js';

/**
 * A new permission applies at once to the calls already waiting that it covers:
 * approving one of three identical waiting calls with "always" must not leave the person to
 * click through the other two.
 */
const writeTool: LocalTool = {
  name: 'write_file',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
};
const readTool: LocalTool = { name: 'read_file' };

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));

function setup() {
  const clock = new FakeClock();
  const random = new FakeRandom();
  const grants = new GrantStore();
  const rules: PolicyRule[] = [];
  const approvals = new ApprovalService({ clock, timers: clock, random });
  const gate = new PolicyGate({
    settings: {
      rules: () => rules,
      server: (name) =>
        name === 'fs' ? { command: 'node', args: ['fs.js'], trusted: false } : undefined,
    },
    grants,
    clock,
    random,
    approvals,
  });
  disposables.push(approvals, gate, grants);
  let n = 0;
  const call = (tool: LocalTool, conversationId = 'conv1'): GatedCall => ({
    requestId: `mcp_req_${conversationId}_m_u_${++n}`,
    serverName: 'fs',
    tool,
    arguments: { path: `/tmp/${n}` },
    conversationId,
    messageId: 'm',
    receivedAt: clock.now(),
  });
  const pendingTools = () =>
    approvals.snapshot().pending.map((p) => `${p.tool}@${p.conversationId}`);
  const approveFirst = (
    remember:
      | { kind: 'once' }
      | { kind: 'conversation' }
      | { kind: 'always' }
      | { kind: 'hours'; hours: number },
  ) => {
    const first = approvals.snapshot().pending[0]!;
    return approvals.decide(first.callId, first.nonce, { verdict: 'approve', remember });
  };
  return { clock, grants, rules, approvals, gate, call, pendingTools, approveFirst };
}

describe('PolicyGate: a new permission applies to the calls already waiting', () => {
  it('"always" allows every waiting call of that tool at once, by your permission; other tools still wait', async () => {
    const { gate, call, approvals, pendingTools, approveFirst } = setup();
    const first = gate.decide(call(writeTool, 'conv1'), neverCancelled);
    const second = gate.decide(call(writeTool, 'conv2'), neverCancelled);
    const other = gate.decide(call(readTool, 'conv1'), neverCancelled);
    expect(pendingTools()).toEqual(['write_file@conv1', 'write_file@conv2', 'read_file@conv1']);
    approveFirst({ kind: 'always' });
    await expect(first).resolves.toMatchObject({ allow: true, by: 'user' });
    await expect(second).resolves.toMatchObject({
      allow: true,
      by: 'policy',
      reason: expect.stringMatching(/permission/i) as string,
    });
    expect(pendingTools()).toEqual(['read_file@conv1']);
    let settled = false;
    void other.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(approvals.pendingCount).toBe(1);
  });

  it('"this conversation" allows the waiting calls of that conversation only', async () => {
    const { gate, call, pendingTools, approveFirst } = setup();
    const first = gate.decide(call(writeTool, 'conv1'), neverCancelled);
    const same = gate.decide(call(writeTool, 'conv1'), neverCancelled);
    void gate.decide(call(writeTool, 'conv2'), neverCancelled);
    approveFirst({ kind: 'conversation' });
    await first;
    await expect(same).resolves.toMatchObject({ allow: true, by: 'policy' });
    expect(pendingTools()).toEqual(['write_file@conv2']);
  });

  it('"for N hours" allows the waiting calls too; "once" does not', async () => {
    const once = setup();
    const a = once.gate.decide(once.call(writeTool), neverCancelled);
    void once.gate.decide(once.call(writeTool), neverCancelled);
    once.approveFirst({ kind: 'once' });
    await a;
    expect(once.pendingTools()).toEqual(['write_file@conv1']);

    const hours = setup();
    const b = hours.gate.decide(hours.call(writeTool), neverCancelled);
    const c = hours.gate.decide(hours.call(writeTool, 'conv9'), neverCancelled);
    hours.approveFirst({ kind: 'hours', hours: 2 });
    await b;
    await expect(c).resolves.toMatchObject({ allow: true, by: 'policy' });
    expect(hours.pendingTools()).toEqual([]);
  });

  it('a rule added while calls wait applies at once: allow runs them, deny refuses them with the rule as reason', async () => {
    const { gate, call, rules, pendingTools } = setup();
    const write = gate.decide(call(writeTool), neverCancelled);
    const read = gate.decide(call(readTool), neverCancelled);
    rules.push(
      { server: 'fs', tool: 'write_file', action: 'allow' },
      { server: 'fs', tool: 'read_*', action: 'deny' },
    );
    gate.recheckWaiting();
    await expect(write).resolves.toMatchObject({ allow: true, by: 'policy' });
    await expect(read).resolves.toMatchObject({ allow: false, by: 'policy' });
    expect(pendingTools()).toEqual([]);
  });

  it('a person answering a call the permission already settled hears it was decided', async () => {
    const { gate, call, approvals, approveFirst } = setup();
    const first = gate.decide(call(writeTool, 'conv1'), neverCancelled);
    void gate.decide(call(writeTool, 'conv2'), neverCancelled);
    const second = approvals.snapshot().pending[1]!;
    approveFirst({ kind: 'always' });
    await first;
    expect(approvals.decide(second.callId, second.nonce, { verdict: 'deny' })).toEqual({
      ok: false,
      error: 'already_decided',
    });
  });
});
