import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { type AppHost, type AppHostOptions, createAppHost } from '../../app/app-host.js';
import { ScriptedConfirmer } from '../../app/consent/scripted-confirmer.js';
import { createEventHub, type HubEvent } from '../../app/event-hub.js';
import type { ApprovalNotification } from '../../app/notification-policy.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { createNodePorts } from '../create-node-ports.js';
import { EventSourceStreams } from '../eventsource-streams.js';

const hosts: AppHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.dispose()));
});

/** A signed-out app host on real Node ports (no Dust needed): what every entry point builds. */
async function start(options: Partial<AppHostOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dust-tray-host-'));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ mcpServers: {} }));
  const host = await createAppHost(
    {
      ...createNodePorts(),
      secrets: new InMemorySecretStore(),
      streams: new EventSourceStreams(),
      logger: { log: () => undefined },
      confirm: new ScriptedConfirmer(),
      urls: { open: () => Promise.resolve() },
    },
    { appInfo: { name: 'Dust MCP Tray', version: '0.0.0-test' }, dataDir, ...options },
  );
  hosts.push(host);
  return host;
}

describe('createAppHost', () => {
  it('answers the IPC contract over its services and publishes their changes on its hub', async () => {
    const host = await start();
    expect(host.servers).toBe(host.services.servers);
    await expect(host.router.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: true,
      value: { name: 'Dust MCP Tray', version: '0.0.0-test' },
    });
    const events: HubEvent[] = [];
    host.hub.subscribe((event) => events.push(event));
    let changes = 0;
    const watching = host.onDidChange(() => changes++);
    await host.router.dispatch('settings:set', { kind: 'notifications', enabled: false });
    expect(host.services.settings.settings.approvals.notify).toBe(false);
    expect(events.map((event) => event.channel)).toContain('servers:changed');
    expect(changes).toBeGreaterThan(0);
    watching.dispose();
    const seen = changes;
    await host.services.settings.update((current) => ({ ...current }));
    expect(changes).toBe(seen);
    expect(host.trayFacts(Date.now())).toMatchObject({ status: { kind: 'signed-out' } });
  });

  it('notifies waiting calls and forms only while the window is not in front, and closes them once settled', async () => {
    const shown: ApprovalNotification[] = [];
    const closed: string[] = [];
    let disposed = 0;
    let focused = false;
    const host = await start({
      notifications: {
        sink: {
          show: (notification) => shown.push(notification),
          close: (id) => closed.push(id),
          dispose: () => disposed++,
        },
        windowFocused: () => focused,
      },
    });
    const { approvals, elicitations } = host.services;
    void approvals.requestApproval({ callId: 'c1', server: 'fs', tool: 'read', arguments: {} });
    expect(shown).toEqual([expect.objectContaining({ requestId: 'c1' })]);

    const form = { server: 'fs', tool: 'read', message: 'Which folder?', fields: [] };
    void elicitations.ask({ ...form, deadlineAt: Date.now() + 60_000 });
    expect(shown).toHaveLength(2);
    const [pending] = elicitations.pending();
    elicitations.answer(pending!.id, pending!.nonce, { action: 'decline' });
    expect(closed).toContain(pending!.id);

    focused = true;
    void elicitations.ask({ ...form, deadlineAt: Date.now() + 60_000 });
    expect(shown).toHaveLength(2);

    await host.dispose();
    expect(disposed).toBe(1);
  });

  it('disposes the hub it made, and leaves alone the one it was given', async () => {
    const given = createEventHub();
    const withGiven = await start({ hub: given });
    expect(withGiven.hub).toBe(given);
    const own = await start();
    await withGiven.dispose();
    await own.dispose();
    expect(given.publish('servers:changed', [])).toBe(1);
    expect(own.hub.publish('servers:changed', [])).toBe(0);
  });
});
