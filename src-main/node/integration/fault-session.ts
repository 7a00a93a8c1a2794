import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunningEmulator } from '../../../e2e/dust-emulator/index.js';
import { createAppHost } from '../../app/app-host.js';
import { type ScriptedAnswer, ScriptedConfirmer } from '../../app/consent/scripted-confirmer.js';
import type { HubEvent } from '../../app/event-hub.js';
import type { AppServices } from '../../app/services/create-services.js';
import type { ConfirmSignOut } from '../../app/services/sign-out.js';
import type {
  Clock,
  LocalServerSpec,
  Logger,
  RemoteServerSpec,
  SecretStore,
} from '../../core/ports.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { createNodePorts } from '../create-node-ports.js';
import { EventSourceStreams } from '../eventsource-streams.js';
import { waitFor } from '../test-fixtures/wait-for.js';

export type SessionServer =
  | {
      command: string;
      args: string[];
      env?: Record<string, string>;
      trusted?: boolean;
      enabled?: boolean;
    }
  /** A remote server, as settings.json holds it. */
  | {
      url: string;
      type?: 'http' | 'sse';
      headers?: Record<string, string>;
      trusted?: boolean;
      enabled?: boolean;
    };

/**
 * The whole app as the window sees it — real services, event hub and IPC router, minus the
 * Electron transport — signed in to the emulator through the device flow. Every event the hub
 * publishes and every router answer is recorded, because that is everything the renderer gets.
 * `clock.jump(ms)` moves the app's wall clock (a laptop waking up) without waiting.
 * `signIn: false` starts signed out; `dataDir` reuses an earlier session's (a restart);
 * `settingsText` is written as settings.json verbatim (a corrupt file).
 */
export async function startSession(
  emulator: RunningEmulator,
  options: {
    servers: Record<string, SessionServer>;
    secrets?: SecretStore;
    settings?: Record<string, unknown>;
    signIn?: boolean;
    dataDir?: string;
    confirmSignOut?: ConfirmSignOut;
    settingsText?: string;
    confirmations?: ScriptedAnswer;
  },
) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dust-tray-session-'));
  writeFileSync(
    join(dataDir, 'settings.json'),
    options.settingsText ??
      JSON.stringify({
        dust: {
          region: 'custom',
          customUrl: emulator.url,
          authBaseUrl: emulator.url,
          workosClientId: emulator.seeds.workosClientId,
        },
        mcpServers: options.servers,
        ...options.settings,
      }),
  );
  const logs: string[] = [];
  /** Every URL handed to the browser (the sign-in page, "Open in Dust"). */
  const opened: string[] = [];
  /** Every address a local server asked for and the person allowed (MCP elicitation, URL mode). */
  const openedForServers: string[] = [];
  const logger: Logger = {
    log: (level, message, fields) =>
      logs.push(`${level}: ${message} ${fields ? JSON.stringify(fields) : ''}`),
  };
  const node = createNodePorts();
  let offset = 0;
  const clock: Clock = {
    now: () => node.clock.now() + offset,
    monotonic: () => node.clock.monotonic(),
  };
  const secrets = options.secrets ?? new InMemorySecretStore();
  /** The person at main's dialogs: says yes unless the test scripts otherwise. */
  const confirmations = new ScriptedConfirmer(options.confirmations ?? 'allow');
  /**
   * Every spawn, as the real adapter is asked for it (a program the window chose would show here).
   */
  const spawned: LocalServerSpec[] = [];
  /**
   * Every remote connection, as the real adapter is asked for it (a URL the window chose would show
   * here).
   */
  const connected: RemoteServerSpec[] = [];
  const host = await createAppHost(
    {
      ...node,
      clock,
      secrets,
      confirm: confirmations,
      processes: {
        spawn: (spec) => (
          'url' in spec ? connected.push(spec) : spawned.push(spec),
          node.processes.spawn(spec)
        ),
        // Looks the command up without running it (saving warns about a missing one).
        commandAvailable: (spec) =>
          node.processes.commandAvailable?.(spec) ?? Promise.resolve(true),
      },
      streams: new EventSourceStreams(),
      logger,
      ...(options.confirmSignOut ? { confirmSignOut: options.confirmSignOut } : {}),
      openConfirmedUrl: { open: (url) => (openedForServers.push(url), Promise.resolve()) },
      urls: {
        open: (url) => {
          opened.push(url);
          const code = new URL(url).searchParams.get('user_code');
          if (code) setTimeout(() => emulator.identity.approveDeviceCode(code), 200);
          return Promise.resolve();
        },
      },
    },
    { appInfo: { name: 'Dust MCP Tray', version: '0.0.0-test' }, dataDir },
  );
  const app: AppServices = host.services;
  const events: HubEvent[] = [];
  const unsubscribe = host.hub.subscribe((event) => events.push(event));
  const answers: unknown[] = [];
  /** What the renderer's `invoke` would get, recorded whole. */
  const invoke = async (channel: string, input: unknown) => {
    const answer = await host.router.dispatch(channel, input);
    answers.push({ channel, answer });
    return answer;
  };
  if (options.signIn ?? true) {
    await app.auth.startSignIn();
    if (app.auth.state.kind === 'choose-workspace')
      await app.auth.selectWorkspace(emulator.seeds.workspaceId);
  }
  return {
    app,
    dataDir,
    logs,
    opened,
    openedForServers,
    events,
    answers,
    invoke,
    secrets,
    confirmations,
    spawned,
    connected,
    clock: { jump: (ms: number) => (offset += ms) },
    /** The serverId of `name` once it streams and its local server is ready. */
    streaming: (name: string) =>
      waitFor(`${name} to stream`, () => {
        const server = app.servers.status(name);
        const state = server?.dust?.state;
        return state?.kind === 'streaming' &&
          state.stream === 'open' &&
          server?.local?.state.kind === 'ready'
          ? state.serverId
          : undefined;
      }),
    close: async () => {
      unsubscribe();
      await host.dispose();
    },
  };
}

export type Session = Awaited<ReturnType<typeof startSession>>;
