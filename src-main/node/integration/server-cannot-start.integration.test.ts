import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import { localServersOf } from '../../core/chat/local-servers.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from './bridge-kit.js';
import { type Session, startSession } from './fault-session.js';

/**
 * A server that cannot start does not look connected (issue K): it is never registered with
 * Dust (nothing for agents to call, nothing attached in Ask), its card says one state in words,
 * and Retry starts it afresh — once it works, it registers.
 */
let emulator: RunningEmulator;
let session: Session | undefined;

beforeEach(async () => {
  emulator = await startEmulator({ workos: { intervalSeconds: 1 } });
});
afterEach(async () => {
  await session?.close();
  session = undefined;
  await emulator.close();
});

interface StatusDto {
  name: string;
  status?: { tone: string; words: string };
  dust: { state: string; words: string; serverId?: string };
}

async function statuses(): Promise<StatusDto[]> {
  const answer = (await session!.invoke('servers:snapshot', undefined)) as { ok: true; value: { value: StatusDto[] } };
  return answer.value.value;
}

describe('a server that cannot start', () => {
  it('is never registered with Dust, says so in one sentence, and is not attached in Ask', async () => {
    const spec = fixtureSpec('fixture-server.mjs');
    const crash = fixtureSpec('crash-server.mjs');
    session = await startSession(emulator, {
      servers: {
        working: { command: spec.command, args: [...spec.args] },
        ghost: { command: '/nonexistent/dust-tray-no-such-server', args: [] },
        crashing: { command: crash.command, args: [...crash.args] },
      },
    });
    await session.streaming('working');
    await waitFor('ghost to fail in words', () => /could not start/.test(session!.app.runtime.bridgeHost?.get('ghost')?.supervisor.describeProblem() ?? '') || undefined);
    await waitFor('crashing to fail twice', () => (session!.app.runtime.bridgeHost?.get('crashing')?.supervisor.stderrLines().filter((line) => line.includes('starting crash-server')).length ?? 0) >= 2 || undefined);
    // A heartbeat or two for a stray registration to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emulator.mcp.registrations().map((entry) => entry.serverName)).toEqual(['working']);

    const byName = new Map((await statuses()).map((status) => [status.name, status]));
    expect(byName.get('ghost')).toMatchObject({
      status: { tone: 'bad', words: expect.stringMatching(/^It could not start: .*not found.*Agents cannot use it until it starts\.$/) as string },
      dust: { state: 'stopped', words: 'Not registered: it is offered to Dust once it starts' },
    });
    expect(byName.get('ghost')!.dust.serverId).toBeUndefined();
    expect(byName.get('crashing')!.status).toMatchObject({ tone: 'bad', words: expect.stringContaining('exited with code 3') as string });
    expect(byName.get('working')!.status).toMatchObject({ tone: 'good', words: expect.stringMatching(/^Connected: agents can use its \d+ tools\.$/) as string });
    // Ask attaches what Dust can route to: the working server only.
    const attachable = localServersOf(session.app.runtime.bridgeHost!).list().filter((server) => server.serverId !== undefined);
    expect(attachable.map((server) => server.name)).toEqual(['working']);
  });

  it('Retry after fixing it: it starts afresh and registers once', async () => {
    const spec = fixtureSpec('fixture-server.mjs');
    session = await startSession(emulator, { servers: { ghost: { command: '/nonexistent/dust-tray-no-such-server', args: [] } } });
    await waitFor('ghost to fail', () => /could not start/.test(session!.app.runtime.bridgeHost?.get('ghost')?.supervisor.describeProblem() ?? '') || undefined);
    expect(emulator.mcp.registrations()).toEqual([]);
    // The person fixes the command line (a settings change restarts it), then it registers.
    await session.app.settings.update((current) => ({ ...current, mcpServers: { ghost: { ...current.mcpServers['ghost']!, command: spec.command, args: [...spec.args] } } }));
    await session.streaming('ghost');
    expect(emulator.mcp.registrations().map((entry) => entry.serverName)).toEqual(['ghost']);
    await expect(session.invoke('servers:restart', { name: 'ghost' })).resolves.toMatchObject({ ok: true });
    await session.streaming('ghost');
    expect(emulator.mcp.registrations()).toHaveLength(1);
  });
});
