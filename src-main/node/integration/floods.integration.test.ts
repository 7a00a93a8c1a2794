import { describe, expect, it } from 'vitest';

import { MAX_PENDING_PER_SERVER } from '../../core/gate/policy-gate.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { fixtureServer, useEmulatorSession } from './kits/emulator-session.js';

/**
 * Hardening, floods: an agent (or a compromised Dust) publishing a burst of calls must not pile up
 * unbounded approvals. Beyond the cap per server, calls are denied at once, with the reason in
 * words in the error Dust gets; the person still sees (and can answer) the ones within the cap.
 */
const env = useEmulatorSession({ session: () => ({ servers: { fx: fixtureServer() } }) });

describe('a flood of calls', () => {
  it(`keeps at most ${MAX_PENDING_PER_SERVER} waiting per server and denies the rest at once, in words`, async () => {
    const serverId = await env.session.streaming('fx');
    const extra = 5;
    const calls = Array.from({ length: MAX_PENDING_PER_SERVER + extra }, (_, i) =>
      env.emulator.agent.callTool({
        ...agentInput(env.emulator, serverId, `msg${i}`),
        toolName: 'echo',
        arguments: { message: `call ${i}` },
      }),
    );
    const settled: unknown[] = [];
    for (const call of calls) void call.then((outcome) => settled.push(outcome));
    await waitFor('the overflow to be denied', () => settled.length >= extra || undefined, 20_000);
    await waitFor(
      'the cap to fill',
      () => env.session.app.approvals.pendingCount === MAX_PENDING_PER_SERVER || undefined,
      20_000,
    );
    // A moment more: nothing else may slip in.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(env.session.app.approvals.pendingCount).toBe(MAX_PENDING_PER_SERVER);
    expect(settled).toHaveLength(extra);
    for (const outcome of settled) {
      expect(JSON.stringify(outcome)).toMatch(/already waiting for you on \\"fx\\"/);
    }
    const first = env.session.app.approvals.snapshot().pending[0]!;
    await env.session.invoke('approvals:decide', {
      callId: first.callId,
      nonce: first.nonce,
      decision: { verdict: 'approve', remember: { kind: 'once' } },
    });
    await waitFor('the approved call to finish', () => settled.length === extra + 1 || undefined);
  });
});
