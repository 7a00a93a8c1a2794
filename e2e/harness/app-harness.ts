import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createAppHost } from '../../src-main/app/app-host.js';
import {
  type ScriptedAnswer,
  ScriptedConfirmer,
} from '../../src-main/app/consent/scripted-confirmer.js';
import { CONTENT_SECURITY_POLICY } from '../../src-main/app/content-security-policy.js';
import type { AppServices } from '../../src-main/app/services/create-services.js';
import type { PlatformInfo } from '../../src-main/app/services/import-service.js';
import type { SignOutQuestion } from '../../src-main/app/services/sign-out.js';
import type { Logger, SecretStore } from '../../src-main/core/ports.js';
import { InMemorySecretStore } from '../../src-main/core/testing/in-memory-secret-store.js';
import { createNodePorts } from '../../src-main/node/create-node-ports.js';
import { EventSourceStreams } from '../../src-main/node/eventsource-streams.js';
import { KeyringSecretStore } from '../../src-main/node/keyring-secret-store.js';
import {
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '../dust-emulator/index.js';
import { type Harness, startHarness } from './harness-server.js';

export const HARNESS_RENDERER_DIR = fileURLToPath(
  new URL('../../out/renderer-harness', import.meta.url),
);

export interface AppHarnessOptions {
  /** An emulator to use; one is started (and closed) otherwise. */
  emulator?: RunningEmulator;
  emulatorOptions?: EmulatorOptions;
  /** `mcpServers` entries for the settings file. */
  mcpServers?: Record<
    string,
    {
      command: string;
      args: string[];
      env?: Record<string, string>;
      enabled?: boolean;
      trusted?: boolean;
    }
  >;
  /** Extra settings merged in (rules, approvals…). */
  settings?: Record<string, unknown>;
  /**
   * Play the person's browser: when the app opens the verification URL, confirm the code as
   * this user (Ada by default). `false` leaves the code for the test to approve.
   */
  confirmSignIn?: boolean | { userId: string };
  dataDir?: string;
  /**
   * Where import looks for other apps' configs (a fake home in tests); none are offered without it.
   */
  platformInfo?: PlatformInfo;
  /**
   * How the scripted person answers main's confirmation dialogs (run a program, trust, wide rules);
   * allow by default.
   */
  confirmations?: ScriptedAnswer;
}

/** Main's "Sign out of Dust?" dialog, scripted: each question is recorded and `answer` given. */
export interface SignOutDialog {
  questions: SignOutQuestion[];
  answer: boolean;
}

export interface AppHarness {
  pageUrl: string;
  emulator: RunningEmulator;
  services: AppServices;
  dataDir: string;
  /** URLs the app asked the system browser to open. */
  openedUrls: string[];
  logs: string[];
  /** What main asked before signing out, and the answer the test gives (yes by default). */
  signOutDialog: SignOutDialog;
  /**
   * Main's confirmation dialogs, answered by script: `asked` records them, `answer` can be changed.
   */
  confirmations: ScriptedConfirmer;
  close(): Promise<void>;
}

/**
 * The real app host (createAppHost: services, event hub, IPC router) with Node adapters, against the Dust emulator, its
 * renderer served to Chromium with IPC over the harness's token-guarded loopback WebSocket.
 * Only the transport differs from Electron: contract, router and handlers are the same code.
 */
export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const emulator =
    options.emulator ??
    (await startEmulator({ workos: { intervalSeconds: 1 }, ...options.emulatorOptions }));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dust-tray-harness-'));
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      dust: {
        region: 'custom',
        customUrl: emulator.url,
        authBaseUrl: emulator.url,
        workosClientId: emulator.seeds.workosClientId,
      },
      mcpServers: options.mcpServers ?? {},
      ...options.settings,
    }),
  );
  const openedUrls: string[] = [];
  const logs: string[] = [];
  const logger: Logger = {
    log: (level, message, fields) =>
      logs.push(`${level}: ${message} ${fields ? JSON.stringify(fields) : ''}`),
  };
  const confirm = options.confirmSignIn ?? true;
  const signOutDialog: SignOutDialog = { questions: [], answer: true };
  const confirmations = new ScriptedConfirmer(options.confirmations ?? 'allow');
  const host = await createAppHost(
    {
      ...createNodePorts(),
      secrets: secretStore(),
      confirm: confirmations,
      streams: new EventSourceStreams(),
      logger,
      confirmSignOut: (question) => {
        signOutDialog.questions.push(question);
        return Promise.resolve(signOutDialog.answer);
      },
      urls: {
        open: (url) => {
          openedUrls.push(url);
          const code = new URL(url).searchParams.get('user_code');
          if (code && confirm) {
            const userId = typeof confirm === 'object' ? confirm.userId : undefined;
            setTimeout(() => emulator.identity.approveDeviceCode(code, userId), 300);
          }
          return Promise.resolve();
        },
      },
    },
    {
      appInfo: { name: 'Dust MCP Tray', version: '0.0.0-harness' },
      dataDir,
      ...(options.platformInfo ? { platformInfo: options.platformInfo } : {}),
    },
  );
  const harness: Harness = await startHarness({
    rendererDir: HARNESS_RENDERER_DIR,
    router: host.router,
    events: host.hub,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  });
  return {
    pageUrl: harness.pageUrl,
    emulator,
    services: host.services,
    dataDir,
    openedUrls,
    logs,
    signOutDialog,
    confirmations,
    close: async () => {
      await harness.close();
      await host.dispose();
      if (!options.emulator) await emulator.close();
    },
  };
}

/** The real keychain under `npm test` (a private gnome-keyring), a unique entry set per run. */
function secretStore(): SecretStore {
  return process.env['DUST_TRAY_SECRET_SERVICE'] === 'gnome-keyring'
    ? new KeyringSecretStore(`dust-mcp-tray-e2e-${randomBytes(6).toString('hex')}`)
    : new InMemorySecretStore();
}
