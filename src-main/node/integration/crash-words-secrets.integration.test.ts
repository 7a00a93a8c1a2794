import { randomBytes } from 'node:crypto';

import { beforeEach, describe, expect, it } from 'vitest';

import { approvalNotification } from '../../app/notification-policy.js';
import { trayFacts } from '../../app/tray-facts.js';
import { type TrayMenuActions, trayMenuTemplate } from '../../app/tray-menu.js';
import { trayGlyph } from '../../app/tray-model.js';
import { secretStoreKey } from '../../core/secrets/placeholders.js';
import { KeyringSecretStore } from '../keyring-secret-store.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { secretHits } from '../test-fixtures/secret-leaks.js';
import { needsSecretService } from '../test-fixtures/secret-service.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { agentInput } from './fault-kit.js';
import { useEmulatorSession } from './kits/emulator-session.js';

/**
 * Hardening, "secrets leave through crash words": a real stdio server reads its key from the real
 * keychain, puts it in a tool description, prints it on stderr (raw, base64, hex, URL-encoded)
 * and exits when called. Nothing Dust receives (tools/list, the tools/call errors), nothing the
 * window gets (servers:snapshot, servers:get, servers:changed), the tray's text, a notification
 * or the logs may carry it in any of those forms.
 */
const SECRET = `sk-live-CRASHWORDS-${randomBytes(12).toString('hex')}`;
const noActions = new Proxy({}, { get: () => () => undefined }) as TrayMenuActions;

function menuText(items: ReturnType<typeof trayMenuTemplate>): string {
  return items
    .map((item) =>
      'label' in item ? `${item.label}\n${'submenu' in item ? menuText(item.submenu) : ''}` : '',
    )
    .join('\n');
}

describe('a server that prints its keychain secret and exits', () => {
  if (!needsSecretService()) return;

  const env = useEmulatorSession();
  const store = new KeyringSecretStore(`dust-mcp-tray-test-${randomBytes(6).toString('hex')}`);
  beforeEach(() => env.onClose(() => store.delete(secretStoreKey('leaky', 'API_KEY'))));

  it('leaks it nowhere: Dust, IPC answers and events, tray, notifications, logs', async () => {
    await store.set(secretStoreKey('leaky', 'API_KEY'), SECRET);
    const spec = fixtureSpec('leaky-server.mjs');
    const session = await env.start({
      secrets: store,
      servers: {
        leaky: {
          command: spec.command,
          args: [...spec.args],
          env: { API_KEY: '${secret:API_KEY}' },
        },
      },
      settings: { rules: [{ server: 'leaky', tool: '*', action: 'allow' }] },
    });
    const serverId = await session.streaming('leaky');
    const toDust: unknown[] = [];
    toDust.push(await env.emulator.agent.listTools(agentInput(env.emulator, serverId)));
    await session.invoke('servers:snapshot', undefined);

    // The call crashes the server: its error to Dust carries "exited with code 1: <last line>".
    const crashed = await env.emulator.agent.callTool({
      ...agentInput(env.emulator, serverId),
      toolName: 'lookup',
      arguments: {},
    });
    toDust.push(crashed);
    expect(crashed).toMatchObject({ ok: false });
    const supervisor = session.app.runtime.bridgeHost!.get('leaky')!.supervisor;
    await waitFor(
      'the crash in words',
      () => /exited with code 1/.test(supervisor.describeProblem()) || undefined,
    );
    expect(supervisor.describeProblem()).toContain('the API rejected key');
    // While it backs off, Dust's next calls get the problem in words too.
    toDust.push(
      await env.emulator.agent.callTool({
        ...agentInput(env.emulator, serverId, 'msg2'),
        toolName: 'lookup',
        arguments: {},
      }),
    );
    toDust.push(await env.emulator.agent.listTools(agentInput(env.emulator, serverId, 'msg3')));
    await session.invoke('servers:snapshot', undefined);
    await session.invoke('servers:get', { name: 'leaky' });
    // "Test server": its tools (with the description) and stderr tail come back to the window.
    const tested = await session.invoke('servers:test', { kind: 'saved', name: 'leaky' });
    expect(JSON.stringify(tested)).toContain('Looks things up with key sk-…');

    const facts = trayFacts(session.app, Date.now());
    const tray = menuText(
      trayMenuTemplate(
        { ...facts, now: Date.now(), startAtLogin: { supported: false, enabled: false } },
        noActions,
      ),
    );
    const notification = approvalNotification({
      requestId: 'r1',
      agentName: 'Agent',
      toolName: 'lookup',
      serverName: 'leaky',
    });
    const places = {
      'results posted to Dust': JSON.stringify(toDust),
      'IPC answers': JSON.stringify(session.answers),
      'IPC events (servers:changed …)': JSON.stringify(session.events),
      'tray menu and tooltip': `${tray}\n${trayGlyph(facts.status, Date.now()).tooltip}`,
      notification: JSON.stringify(notification),
      logs: session.logs.join('\n'),
      'stderr tail': supervisor.stderrLines().join('\n'),
    };
    expect(session.events.some((event) => event.channel === 'servers:changed')).toBe(true);
    // The crash words did reach the window and Dust — masked, not dropped.
    expect(JSON.stringify(session.events)).toContain(
      'exited with code 1: fatal: the API rejected key sk-…',
    );
    expect(JSON.stringify(toDust)).toContain('exited with code 1');
    expect(secretHits(places, { secret: SECRET })).toEqual([]);
  });
});
