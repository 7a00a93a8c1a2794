import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { waitFor } from '../../src-main/node/test-fixtures/wait-for.js';
import { HARNESS_RENDERER_DIR } from './app-harness.js';
import { type RunningDemo, startDemo } from './demo.js';
import { filesystemServer } from './sample-servers.js';

let demo: RunningDemo | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

describe('npm run demo', () => {
  it('serves the page, signed in, and the scripted agent’s call arrives as a pending approval', async () => {
    const lines: string[] = [];
    demo = await startDemo({
      intervalMs: 60_000,
      firstCallMs: 200,
      log: (line) => lines.push(line),
    });
    const response = await fetch(demo.pageUrl);
    // The page itself exists once `npm run build:harness` ran (npm run demo does it first).
    if (existsSync(join(HARNESS_RENDERER_DIR, 'index.html'))) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
    } else expect(response.status).toBe(404);
    expect(demo.harness.services.auth.state.kind).toBe('signed-in');

    const { approvals } = demo.harness.services;
    const pending = await waitFor(
      'the agent’s call',
      () => approvals.snapshot().pending[0],
      20_000,
    );
    expect(pending).toMatchObject({
      server: 'everything',
      tool: 'echo',
      conversationId: 'demo-conversation',
    });
    approvals.decide(pending.callId, pending.nonce, {
      verdict: 'approve',
      remember: { kind: 'once' },
    });
    await waitFor(
      'the agent to get the result',
      () => lines.find((line) => line.includes('call 1 → result')),
      20_000,
    );
    expect(demo.agent.calls).toBe(1);
    // The sample server's command line was confirmed once, by the demo's scripted person, aloud.
    expect(demo.harness.confirmations.asked.map((question) => question.action)).toEqual(['start']);
    expect(lines).toContain(
      'Main asked "Allow "everything" to run this program on this computer?" (the desktop shows a dialog); the demo answers "Allow and run".',
    );
  }, 60_000);

  it('keeps working after the person adds a server without its tool: the agent calls the server that has it', async () => {
    const lines: string[] = [];
    demo = await startDemo({ intervalMs: 400, firstCallMs: 200, log: (line) => lines.push(line) });
    const { approvals, settings } = demo.harness.services;
    const first = await waitFor(
      'the agent’s first call',
      () => approvals.snapshot().pending[0],
      20_000,
    );
    approvals.decide(first.callId, first.nonce, { verdict: 'deny' });

    const folder = mkdtempSync(join(tmpdir(), 'dust-tray-demo-fs-'));
    await settings.update((current) => ({
      ...current,
      mcpServers: {
        ...current.mcpServers,
        files: { ...filesystemServer(folder), env: {}, enabled: true, trusted: false },
      },
    }));
    await waitFor(
      'the new server to register',
      () => (demo!.harness.emulator.mcp.registrations().length === 2 ? true : undefined),
      30_000,
    );
    const newest = demo.harness.emulator.mcp
      .registrations()
      .sort((a, b) => b.registeredAt - a.registeredAt)[0]!;
    expect(newest.serverName).not.toContain('everything');
    // Calls made before the new server registered are answered; only later ones count.
    const earlier = new Set(approvals.snapshot().pending.map((call) => call.callId));
    for (const call of approvals.snapshot().pending)
      approvals.decide(call.callId, call.nonce, { verdict: 'deny' });
    const seenAfter = lines.length;

    const next = await waitFor(
      'a call after the server was added',
      () =>
        approvals
          .snapshot()
          .pending.find((call) => call.callId !== first.callId && !earlier.has(call.callId)),
      20_000,
    );
    expect(next).toMatchObject({ server: 'everything', tool: 'echo' });
    expect(lines.slice(seenAfter).join('\n')).not.toMatch(/no tool named|cannot run this call/);
  }, 60_000);
});
