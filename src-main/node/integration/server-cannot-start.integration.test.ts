import { describe, expect, it } from 'vitest';

import { localServersOf } from '../../core/chat/local-servers.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { useEmulatorSession } from './kits/emulator-session.js';

/**
 * A server that cannot start does not look connected: it is never registered with
 * Dust (nothing for agents to call, nothing attached in Ask), its card says one state in words,
 * and Retry starts it afresh — once it works, it registers.
 */
const env = useEmulatorSession();

interface StatusDto {
  name: string;
  status?: { tone: string; words: string };
  dust: { state: string; words: string; serverId?: string };
}

async function statuses(): Promise<StatusDto[]> {
  const answer = (await env.session.invoke('servers:snapshot', undefined)) as {
    ok: true;
    value: { value: StatusDto[] };
  };
  return answer.value.value;
}

describe('a server that cannot start', () => {
  it('is never registered with Dust, says so in one sentence, and is not attached in Ask', async () => {
    const spec = fixtureSpec('fixture-server.mjs');
    const crash = fixtureSpec('crash-server.mjs');
    const session = await env.start({
      servers: {
        working: { command: spec.command, args: [...spec.args] },
        ghost: { command: '/nonexistent/dust-tray-no-such-server', args: [] },
        crashing: { command: crash.command, args: [...crash.args] },
      },
    });
    await session.streaming('working');
    await waitFor(
      'ghost to fail in words',
      () =>
        /could not start/.test(
          session.app.runtime.bridgeHost?.get('ghost')?.supervisor.describeProblem() ?? '',
        ) || undefined,
    );
    await waitFor(
      'crashing to fail twice',
      () =>
        (session.app.runtime.bridgeHost
          ?.get('crashing')
          ?.supervisor.stderrLines()
          .filter((line) => line.includes('starting crash-server')).length ?? 0) >= 2 || undefined,
    );
    // A heartbeat or two for a stray registration to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(env.emulator.mcp.registrations().map((entry) => entry.serverName)).toEqual(['working']);

    const byName = new Map((await statuses()).map((status) => [status.name, status]));
    expect(byName.get('ghost')).toMatchObject({
      status: {
        tone: 'bad',
        words: expect.stringMatching(
          /^It could not start: .*not found.*Agents cannot use it until it starts\.$/,
        ) as string,
      },
      dust: { state: 'stopped', words: 'Not registered: it is offered to Dust once it starts' },
    });
    expect(byName.get('ghost')!.dust.serverId).toBeUndefined();
    expect(byName.get('crashing')!.status).toMatchObject({
      tone: 'bad',
      words: expect.stringContaining('exited with code 3') as string,
    });
    expect(byName.get('working')!.status).toMatchObject({
      tone: 'good',
      words: expect.stringMatching(/^Connected: agents can use its \d+ tools\.$/) as string,
    });
    // Ask attaches what Dust can route to: the working server only.
    const attachable = localServersOf(session.app.runtime.bridgeHost!)
      .list()
      .filter((server) => server.serverId !== undefined);
    expect(attachable.map((server) => server.name)).toEqual(['working']);
  });

  it('Retry after fixing it: it starts afresh and registers once', async () => {
    const spec = fixtureSpec('fixture-server.mjs');
    const session = await env.start({
      servers: { ghost: { command: '/nonexistent/dust-tray-no-such-server', args: [] } },
    });
    await waitFor(
      'ghost to fail',
      () =>
        /could not start/.test(
          session.app.runtime.bridgeHost?.get('ghost')?.supervisor.describeProblem() ?? '',
        ) || undefined,
    );
    expect(env.emulator.mcp.registrations()).toEqual([]);
    // The person fixes the command line (a settings change restarts it), then it registers.
    await session.app.settings.update((current) => ({
      ...current,
      mcpServers: {
        ghost: { ...current.mcpServers['ghost']!, command: spec.command, args: [...spec.args] },
      },
    }));
    await session.streaming('ghost');
    expect(env.emulator.mcp.registrations().map((entry) => entry.serverName)).toEqual(['ghost']);
    await expect(session.invoke('servers:restart', { name: 'ghost' })).resolves.toMatchObject({
      ok: true,
    });
    await session.streaming('ghost');
    expect(env.emulator.mcp.registrations()).toHaveLength(1);
  });

  it('saving a server whose command cannot be found warns first and saves nothing; "save anyway" saves it, unregistered', async () => {
    const session = await env.start({ servers: {} });
    const form = {
      name: 'ghost',
      command: 'dust-tray-no-such-command',
      args: [],
      env: [],
      enabled: true,
      trusted: false,
    };
    const warned = (await session.invoke('servers:save', form)) as {
      ok: true;
      value: { name: string; warning?: string };
    };
    expect(warned).toMatchObject({
      ok: true,
      value: {
        name: 'ghost',
        warning: expect.stringMatching(
          /^"dust-tray-no-such-command" was not found on your PATH, so this server could not start\./,
        ) as string,
      },
    });
    expect(session.app.settings.settings.mcpServers['ghost']).toBeUndefined();

    const saved = (await session.invoke('servers:save', { ...form, saveAnyway: true })) as {
      ok: true;
      value: { name: string; warning?: string };
    };
    expect(saved.value).toEqual({ name: 'ghost' });
    expect(session.app.settings.settings.mcpServers['ghost']).toMatchObject({
      command: 'dust-tray-no-such-command',
    });
    await waitFor(
      'ghost to fail',
      () =>
        /not found on your PATH/.test(
          session.app.runtime.bridgeHost?.get('ghost')?.supervisor.describeProblem() ?? '',
        ) || undefined,
    );
    expect(env.emulator.mcp.registrations()).toEqual([]);

    // A command that exists saves without a word; a disabled server is not checked.
    const spec = fixtureSpec('fixture-server.mjs');
    await expect(
      session.invoke('servers:save', {
        ...form,
        name: 'works',
        command: spec.command,
        args: [...spec.args],
      }),
    ).resolves.toMatchObject({ ok: true, value: { name: 'works' } });
    const off = (await session.invoke('servers:save', {
      ...form,
      name: 'later',
      enabled: false,
    })) as { ok: true; value: { warning?: string } };
    expect(off.value.warning).toBeUndefined();
  });
});
