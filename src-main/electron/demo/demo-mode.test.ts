import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { AppHost } from '../../app/app-host.js';
import { ScriptedConfirmer } from '../../app/consent/scripted-confirmer.js';
import { createEventHub } from '../../app/event-hub.js';
import type { ApprovalNotification } from '../../app/notification-policy.js';
import { waitFor } from '../../node/test-fixtures/wait-for.js';
import { startShellHost } from '../boot-services.js';
import { startDemoSession } from './demo-mode.js';

let host: AppHost | undefined;
afterEach(async () => {
  await host?.dispose();
  host = undefined;
});

describe('demo mode (the Electron composition, without Electron)', () => {
  it('signs in to the bundled emulator, runs the sample server, and the scripted agent’s call is notified and approved', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dust-tray-demo-test-'));
    const lines: string[] = [];
    const demo = await startDemoSession({
      dataDir,
      nodeCommand: process.execPath,
      intervalMs: 60_000,
      firstCallMs: 200,
      log: (line) => lines.push(line),
    });
    const shown: ApprovalNotification[] = [];
    const opened: string[] = [];
    const held = new Map<string, () => void>();
    let asked = 0;
    const person = new ScriptedConfirmer();
    host = await startShellHost({
      hub: createEventHub(),
      dataDir,
      appInfo: { name: 'Dust MCP Tray', version: '0.0.0-test' },
      platformInfo: { platform: 'linux', home: dataDir },
      openExternal: (url) => Promise.resolve(void opened.push(url)),
      notifications: {
        sink: { show: (n) => shown.push(n), close: () => undefined, dispose: () => undefined },
        windowFocused: () => false,
      },
      confirm: person,
      globalShortcuts: {
        register: (keys, onPress) => (held.set(keys, onPress), true),
        unregister: (keys) => void held.delete(keys),
      },
      onAskShortcut: () => asked++,
      logger: { log: () => undefined },
      demo,
    });
    const app = host.services;
    const pending = await waitFor(
      'the agent’s call',
      () => app.approvals.snapshot().pending[0],
      20_000,
    );
    expect(pending).toMatchObject({ server: 'demo-echo', tool: 'echo' });
    expect(opened).toEqual([]);
    expect(shown).toEqual([
      expect.objectContaining({
        requestId: pending.callId,
        title: expect.stringContaining('echo'),
      }),
    ]);
    expect(host.trayFacts(Date.now())).toMatchObject({
      status: { kind: 'attention', pendingCount: 1 },
      servers: [{ id: 'demo-echo', state: 'running' }],
    });
    expect(app.approvals.pendingCount).toBe(1);
    app.approvals.decide(pending.callId, pending.nonce, {
      verdict: 'approve',
      remember: { kind: 'once' },
    });
    await waitFor(
      'the result',
      () => lines.find((line) => line.includes('result: Echo: Hello from the demo agent')),
      20_000,
    );

    // The global shortcut reached the desktop, shows in the tray, and opens the composer.
    expect(host.trayFacts(Date.now()).askShortcut).toBe('CommandOrControl+Shift+Space');
    held.get('CommandOrControl+Shift+Space')!();
    expect(asked).toBe(1);

    // The tray's kill switch: every server off (deregistered from Dust), then back on.
    await host.servers.setAllEnabled(false);
    await waitFor(
      'every server deregistered',
      () => (demo.emulator.mcp.registrations().length === 0 ? true : undefined),
      20_000,
    );
    expect(host.trayFacts(Date.now()).servers).toEqual([
      expect.objectContaining({ id: 'demo-echo', enabled: false }),
    ]);
    await host.servers.setAllEnabled(true);
    await waitFor(
      'the server registered again',
      () => (demo.emulator.mcp.registrations().length === 1 ? true : undefined),
      20_000,
    );
    // The demo's own sample server counts as confirmed (`--demo` wrote it): no dialog, before or
    // after the switch.
    expect(person.asked).toEqual([]);
  }, 60_000);
});
