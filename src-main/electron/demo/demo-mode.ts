/**
 * `npm start -- --demo`: the app against the bundled Dust emulator, so a newcomer sees the whole
 * flow without a Dust account. Everything is throw-away: a temporary profile, secrets in memory,
 * an emulator on 127.0.0.1 inside this process, a sample server written into the profile, and a
 * scripted agent that calls its `echo` tool every ~20 s. The sign-in is confirmed here, as the
 * emulator's user Ada, instead of in a browser.
 *
 * No Electron import: main.ts hands in what it needs, and the demo runs under Node in tests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type DemoAgent, startDemoAgent } from '../../../e2e/dust-emulator/demo-agent.js';
import { type RunningEmulator, startEmulator } from '../../../e2e/dust-emulator/index.js';
import { commandLineOfEntry } from '../../app/consent/command-line.js';
import { confirmedCommandsText } from '../../app/consent/consent-service.js';
import type { AppServices } from '../../app/services/create-services.js';
import type { SecretStore, UrlOpener } from '../../core/ports.js';
import { ECHO_SERVER_FILE_NAME, ECHO_SERVER_SOURCE } from './echo-server-source.js';

export interface DemoOptions {
  /** The throw-away profile (must exist); settings.json is written into it. */
  dataDir: string;
  /** What runs the sample server: `node` from PATH by default. */
  nodeCommand?: string;
  intervalMs?: number;
  firstCallMs?: number;
  log: (line: string) => void;
}

export interface DemoSession {
  readonly emulator: RunningEmulator;
  /** The keychain stand-in: nothing of the demo reaches the real one. */
  readonly secrets: SecretStore;
  /** Confirms the emulator's sign-in codes itself; any other URL goes to `fallback`. */
  urls(fallback: UrlOpener): UrlOpener;
  /** Signs in, picks the workspace, starts the scripted agent. */
  begin(app: AppServices): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoSession(options: DemoOptions): Promise<DemoSession> {
  const emulator = await startEmulator({ workos: { intervalSeconds: 1 } });
  const script = join(options.dataDir, ECHO_SERVER_FILE_NAME);
  writeFileSync(script, ECHO_SERVER_SOURCE);
  const echo = { command: options.nodeCommand ?? 'node', args: [script], env: {} };
  writeFileSync(
    join(options.dataDir, 'settings.json'),
    JSON.stringify({
      dust: {
        region: 'custom',
        customUrl: emulator.url,
        authBaseUrl: emulator.url,
        workosClientId: emulator.seeds.workosClientId,
      },
      mcpServers: {
        'demo-echo': {
          ...echo,
          description:
            'The demo server (echo, add). It needs Node.js on your PATH: https://nodejs.org',
        },
      },
    }),
  );
  // The person asked for the demo (`--demo`) and the demo wrote this sample server itself, into a
  // throw-away profile: its command line counts as confirmed. Anything else still asks.
  writeFileSync(
    join(options.dataDir, 'confirmed-commands.json'),
    confirmedCommandsText([commandLineOfEntry(echo)]),
  );
  const values = new Map<string, string>();
  const secrets: SecretStore = {
    get: (key) => Promise.resolve(values.get(key) ?? null),
    set: (key, value) => Promise.resolve(void values.set(key, value)),
    delete: (key) => Promise.resolve(void values.delete(key)),
  };
  let agent: DemoAgent | undefined;
  options.log(`Demo mode: emulated Dust at ${emulator.url}, profile in ${options.dataDir}.`);
  return {
    emulator,
    secrets,
    urls: (fallback) => ({
      open: (url) => {
        const parsed = new URL(url);
        const code = parsed.searchParams.get('user_code');
        if (parsed.origin !== new URL(emulator.url).origin) return fallback.open(url);
        if (code) setTimeout(() => emulator.identity.approveDeviceCode(code), 300);
        return Promise.resolve();
      },
    }),
    begin: async (app) => {
      await app.auth.startSignIn();
      if (app.auth.state.kind === 'choose-workspace')
        await app.auth.selectWorkspace(emulator.seeds.workspaceId);
      options.log(
        `Demo mode: signed in as ${emulator.seeds.users.ada.email} (${app.auth.state.kind}).`,
      );
      agent = startDemoAgent(emulator, {
        intervalMs: options.intervalMs ?? 20_000,
        firstCallMs: options.firstCallMs ?? 5000,
        log: options.log,
      });
    },
    close: async () => {
      agent?.stop();
      await emulator.close();
    },
  };
}
