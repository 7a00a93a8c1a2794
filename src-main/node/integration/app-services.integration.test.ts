import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import { ScriptedConfirmer } from '../../app/consent/scripted-confirmer.js';
import { type AppServices, createAppServices } from '../../app/services/create-services.js';
import type { Logger } from '../../core/ports.js';
import { secretStoreKey } from '../../core/secrets/placeholders.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { createNodePorts } from '../create-node-ports.js';
import { EventSourceStreams } from '../eventsource-streams.js';
import { everythingSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';

let emulator: RunningEmulator;
let services: AppServices | undefined;

beforeEach(async () => {
  emulator = await startEmulator({ workos: { intervalSeconds: 1 } });
});
afterEach(async () => {
  await services?.dispose();
  services = undefined;
  await emulator.close();
});

/** The app's real services with a browser that confirms the sign-in code as a person would. */
async function start(
  options: { env?: Record<string, string>; secrets?: InMemorySecretStore } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dust-tray-app-'));
  const spec = everythingSpec();
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      dust: {
        region: 'custom',
        customUrl: emulator.url,
        authBaseUrl: emulator.url,
        workosClientId: emulator.seeds.workosClientId,
      },
      mcpServers: {
        everything: { command: spec.command, args: spec.args, env: options.env ?? {} },
      },
    }),
  );
  const opened: string[] = [];
  const logs: string[] = [];
  const logger: Logger = { log: (level, message) => logs.push(`${level}: ${message}`) };
  const ports = {
    ...createNodePorts(),
    secrets: options.secrets ?? new InMemorySecretStore(),
    streams: new EventSourceStreams(),
    logger,
    confirm: new ScriptedConfirmer(),
  };
  services = await createAppServices(
    {
      ...ports,
      urls: {
        open: (url) => {
          opened.push(url);
          const code = new URL(url).searchParams.get('user_code');
          if (code) setTimeout(() => emulator.identity.approveDeviceCode(code), 200);
          return Promise.resolve();
        },
      },
    },
    { dataDir, appVersion: '0.0.0-test' },
  );
  return { services, opened, logs, dataDir };
}

describe('app services against the emulator', () => {
  it('signs in with the device code, picks the workspace, bridges the configured server and asks before a call', async () => {
    const { services: app, opened } = await start();
    expect(app.auth.state.kind).toBe('signed-out');
    await app.auth.startSignIn();
    if (app.auth.state.kind === 'choose-workspace')
      await app.auth.selectWorkspace(emulator.seeds.workspaceId);
    expect(app.auth.state).toMatchObject({
      kind: 'signed-in',
      workspaceId: emulator.seeds.workspaceId,
      user: { email: expect.any(String) },
    });
    expect(opened[0]).toContain('user_code=');

    const serverId = await waitFor('the server to stream', () => {
      const bridge = app.runtime.bridgeHost?.get('everything');
      const state = bridge?.connection.state;
      return state?.kind === 'streaming' &&
        state.stream === 'open' &&
        bridge?.supervisor.state.kind === 'ready'
        ? state.serverId
        : undefined;
    });
    const input = {
      workspaceId: emulator.seeds.workspaceId,
      userId: emulator.seeds.users.ada.sId,
      serverId,
      conversationId: 'c1',
      messageId: 'm1',
    };
    const call = emulator.agent.callTool({
      ...input,
      toolName: 'echo',
      arguments: { message: 'from the app' },
    });
    const pending = await waitFor('a pending approval', () => app.approvals.snapshot().pending[0]);
    app.approvals.decide(pending.callId, pending.nonce, {
      verdict: 'approve',
      remember: { kind: 'always' },
    });
    await expect(call).resolves.toMatchObject({
      ok: true,
      result: { content: [{ text: expect.stringContaining('from the app') }] },
    });
    expect(app.grants.grants).toHaveLength(1);
    await expect(
      emulator.agent.callTool({ ...input, toolName: 'echo', arguments: { message: 'again' } }),
    ).resolves.toMatchObject({ ok: true });
    expect(app.activity.entries().map((entry) => entry.decision?.by)).toEqual(['user', 'policy']);
  });

  it('deregisters a server the user disables, and everything on dispose', async () => {
    const { services: app } = await start();
    await app.auth.startSignIn();
    if (app.auth.state.kind === 'choose-workspace')
      await app.auth.selectWorkspace(emulator.seeds.workspaceId);
    await waitFor('a registration', () => emulator.mcp.registrations().length === 1);
    await app.settings.update((current) => ({
      ...current,
      mcpServers: { everything: { ...current.mcpServers['everything']!, enabled: false } },
    }));
    await waitFor('the deregistration', () => emulator.mcp.registrations().length === 0);
    await app.settings.update((current) => ({
      ...current,
      mcpServers: { everything: { ...current.mcpServers['everything']!, enabled: true } },
    }));
    await waitFor('a new registration', () => emulator.mcp.registrations().length === 1);
    await app.dispose();
    expect(emulator.mcp.registrations()).toEqual([]);
  });

  it('starts signed out, saying why, when the keychain cannot be read (locked), instead of not starting', async () => {
    const words =
      'Could not read "dust/refresh-token" in the system keychain (unlock prompt was dismissed). Make sure it is unlocked.';
    // The error KeyringSecretStore throws for a locked keyring (keyring-secret-store.test.ts proves
    // it on a real one).
    class LockedKeychain extends InMemorySecretStore {
      override get(): Promise<string | null> {
        return Promise.reject(new Error(words));
      }
    }
    const { services: app } = await start({ secrets: new LockedKeychain() });
    expect(app.auth.state).toEqual({ kind: 'signed-out', message: words });
    expect(emulator.mcp.registrations()).toEqual([]);
  });

  it('redacts a keychain secret from the activity log and its file, even when the agent sends it as an argument', async () => {
    const secret = 'ghp_TESTSECRETVALUE1234567890abcd';
    const secrets = new InMemorySecretStore({
      [secretStoreKey('everything', 'GITHUB_TOKEN')]: secret,
    });
    const { services: app, dataDir } = await start({
      env: { GITHUB_TOKEN: '${secret:GITHUB_TOKEN}' },
      secrets,
    });
    await app.auth.startSignIn();
    if (app.auth.state.kind === 'choose-workspace')
      await app.auth.selectWorkspace(emulator.seeds.workspaceId);
    await app.settings.update((current) => ({
      ...current,
      rules: [{ server: 'everything', tool: 'echo', action: 'allow' }],
    }));
    const serverId = await waitFor('the server to stream', () => {
      const bridge = app.runtime.bridgeHost?.get('everything');
      const state = bridge?.connection.state;
      return state?.kind === 'streaming' &&
        state.stream === 'open' &&
        bridge?.supervisor.state.kind === 'ready'
        ? state.serverId
        : undefined;
    });
    const input = {
      workspaceId: emulator.seeds.workspaceId,
      userId: emulator.seeds.users.ada.sId,
      serverId,
      conversationId: 'c1',
      messageId: 'm1',
    };
    await emulator.agent.callTool({
      ...input,
      toolName: 'echo',
      arguments: { message: `token is ${secret}` },
    });
    await waitFor('the outcome', () => app.activity.entries()[0]?.outcome);
    expect(JSON.stringify(app.activity.entries())).not.toContain(secret);
    expect(app.activity.exportJsonl()).not.toContain(secret);
    await app.dispose();
    expect(readFileSync(join(dataDir, 'activity.jsonl'), 'utf8')).not.toContain(secret);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain(secret);
  });

  it('restores the sign-in and workspace on the next launch', async () => {
    const first = await start();
    await first.services.auth.startSignIn();
    if (first.services.auth.state.kind === 'choose-workspace')
      await first.services.auth.selectWorkspace(emulator.seeds.workspaceId);
    const secrets = (first.services.session as unknown as { secrets: InMemorySecretStore }).secrets;
    await first.services.dispose();
    services = await createAppServices(
      {
        ...createNodePorts(),
        secrets,
        streams: new EventSourceStreams(),
        logger: { log: () => undefined },
        urls: { open: () => Promise.resolve() },
        confirm: new ScriptedConfirmer(),
      },
      { dataDir: first.dataDir, appVersion: '0.0.0-test' },
    );
    expect(services.auth.state).toMatchObject({
      kind: 'signed-in',
      workspaceId: emulator.seeds.workspaceId,
    });
  });
});
