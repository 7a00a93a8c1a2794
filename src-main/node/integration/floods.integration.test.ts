import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import { MAX_PENDING_PER_SERVER } from '../../core/gate/policy-gate.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { type Session, startSession } from './fault-session.js';

/**
 * Hardening, floods: an agent (or a compromised Dust) publishing a burst of calls must not pile up
 * unbounded approvals. Beyond the cap per server, calls are denied at once, with the reason in
 * words in the error Dust gets; the person still sees (and can answer) the ones within the cap.
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

describe('a flood of calls', () => {
  it(`keeps at most ${MAX_PENDING_PER_SERVER} waiting per server and denies the rest at once, in words`, async () => {
    const serverId = await session!.streaming('fx');
    const extra = 5;
    const calls = Array.from({ length: MAX_PENDING_PER_SERVER + extra }, (_, i) =>
      emulator.agent.callTool({
        ...agentInput(emulator, serverId, `msg${i}`),
        toolName: 'echo',
        arguments: { message: `call ${i}` },
      }),
    );
    const settled: unknown[] = [];
    for (const call of calls) void call.then((outcome) => settled.push(outcome));
    await waitFor('the overflow to be denied', () => settled.length >= extra || undefined, 20_000);
    await waitFor(
      'the cap to fill',
      () => session!.app.approvals.pendingCount === MAX_PENDING_PER_SERVER || undefined,
      20_000,
    );
    // A moment more: nothing else may slip in.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(session!.app.approvals.pendingCount).toBe(MAX_PENDING_PER_SERVER);
    expect(settled).toHaveLength(extra);
    for (const outcome of settled) {
      expect(JSON.stringify(outcome)).toMatch(/already waiting for you on \\"fx\\"/);
    }
    const first = session!.app.approvals.snapshot().pending[0]!;
    await session!.invoke('approvals:decide', {
      callId: first.callId,
      nonce: first.nonce,
      decision: { verdict: 'approve', remember: { kind: 'once' } },
    });
    await waitFor('the approved call to finish', () => settled.length === extra + 1 || undefined);
  });
});
