import { describe, expect, it } from 'vitest';

import { agentInput } from './fault-kit.js';
import { fixtureServer, useEmulatorSession } from './kits/emulator-session.js';

/**
 * Tools you can turn off, end to end: the switch goes through the IPC router, Dust's
 * agent no longer lists the tool, a call to it anyway is refused in words and never runs, and the
 * local server is not restarted for it.
 */
const env = useEmulatorSession({
  session: () => ({
    servers: { fixture: fixtureServer() },
    settings: { rules: [{ server: 'fixture', tool: '*', action: 'allow' }] },
  }),
});

describe('tool switches', () => {
  it('a tool switched off is left out of tools/list and refused if called; switched on again, it works', async () => {
    const serverId = await env.session.streaming('fixture');
    const input = agentInput(env.emulator, serverId);
    const pid = env.session.app.runtime.bridgeHost?.get('fixture')?.supervisor.pid;
    const listed = async () => {
      const outcome = await env.emulator.agent.listTools(input);
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.tools.map((tool) => tool.name);
    };
    expect(await listed()).toContain('echo');

    await expect(
      env.session.invoke('servers:setToolEnabled', {
        name: 'fixture',
        tool: 'echo',
        enabled: false,
      }),
    ).resolves.toMatchObject({ ok: true });
    expect(await listed()).not.toContain('echo');
    expect(await listed()).toContain('slow');
    const refused = await env.emulator.agent.callTool({
      ...input,
      toolName: 'echo',
      arguments: { message: 'should not run' },
    });
    expect(refused).toMatchObject({
      ok: true,
      result: {
        isError: true,
        content: [
          {
            type: 'text',
            text: 'This call was not run: the tool "echo" of "fixture" is switched off in Dust MCP Tray.',
          },
        ],
      },
    });
    const status = (await env.session.invoke('servers:snapshot', undefined)) as {
      ok: true;
      value: { value: Array<{ tools: Array<{ name: string; enabled?: boolean }> }> };
    };
    expect(status.value.value[0]!.tools.find((tool) => tool.name === 'echo')).toMatchObject({
      enabled: false,
    });
    const activity = env.session.app.activity.entries(10).find((entry) => entry.tool === 'echo');
    expect(activity?.outcome).toMatchObject({
      kind: 'denied',
      detail: expect.stringContaining('switched off') as string,
    });

    await env.session.invoke('servers:setToolEnabled', {
      name: 'fixture',
      tool: 'echo',
      enabled: true,
    });
    expect(env.session.app.settings.settings.mcpServers['fixture']!.disabledTools).toBeUndefined();
    expect(await listed()).toContain('echo');
    await expect(
      env.emulator.agent.callTool({
        ...input,
        toolName: 'echo',
        arguments: { message: 'back on' },
      }),
    ).resolves.toMatchObject({
      ok: true,
      result: { content: [{ text: 'back on' }] },
    });
    expect(env.session.app.runtime.bridgeHost?.get('fixture')?.supervisor.pid).toBe(pid);
  });

  it('refuses a switch for a server that does not exist, in words', async () => {
    await expect(
      env.session.invoke('servers:setToolEnabled', { name: 'nope', tool: 'echo', enabled: false }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no server named "nope".' },
    });
  });
});
