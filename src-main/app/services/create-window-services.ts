import type { ApprovalService } from '../../core/approvals/approval-service.js';
import type { TokenSession } from '../../core/auth/token-session.js';
import type { GrantStore } from '../../core/gate/grant-store.js';
import type { SettingsStore } from '../../core/settings/settings-store.js';
import { AskShortcut } from '../ask-shortcut.js';
import type { ConsentService } from '../consent/consent-service.js';
import type { BridgeRuntime } from './bridge-runtime.js';
import { ChatRuntime } from './chat-runtime.js';
import { ConversationHistory } from './conversation-history.js';
import type { AppOptions, AppPorts } from './create-services.js';
import { ImportService } from './import-service.js';
import type { KnownSecrets } from './known-secrets.js';
import type { ServerControl } from './server-control.js';
import { ServerEditor } from './server-editor.js';
import type { ServerTesterDeps } from './server-tester.js';

/** What the window's own features are built on: the bridge's part of the graph. */
export interface WindowServicesGraph {
  settings: SettingsStore;
  grants: GrantStore;
  runtime: BridgeRuntime;
  servers: ServerControl;
  consent: ConsentService;
  knownSecrets: KnownSecrets;
  session: TokenSession;
  approvals: ApprovalService;
  userAgent: string;
}

/**
 * The features the window offers around the bridge: editing, testing and importing servers,
 * "Ask an agent" conversations (with their history on disk) and its global shortcut.
 */
export async function createWindowServices(
  ports: AppPorts,
  options: AppOptions,
  graph: WindowServicesGraph,
): Promise<{
  editor: ServerEditor;
  tester: ServerTesterDeps;
  importer: ImportService;
  history: ConversationHistory;
  chat: ChatRuntime;
  askShortcut: AskShortcut;
}> {
  const { clock, timers, random, files, logger } = ports;
  const { settings, grants, runtime, servers, consent, knownSecrets, session, approvals } = graph;
  const { userAgent } = graph;
  const editor = new ServerEditor({
    settings,
    secrets: ports.secrets,
    grants,
    servers,
    consent,
    ...(ports.processes.commandAvailable
      ? { commandAvailable: (spec) => ports.processes.commandAvailable!(spec) }
      : {}),
  });
  const tester: ServerTesterDeps = {
    ports,
    secrets: ports.secrets,
    consent,
    settings: () => settings.settings,
    knownSecrets: () => knownSecrets.current,
    appVersion: options.appVersion,
    ...(options.testHandshakeTimeoutMs !== undefined
      ? { handshakeTimeoutMs: options.testHandshakeTimeoutMs }
      : {}),
  };
  const importer = new ImportService({
    settings,
    consent,
    secrets: ports.secrets,
    files,
    random,
    clock,
    ...(options.platformInfo ? { platform: options.platformInfo } : {}),
  });
  const history = new ConversationHistory(
    files,
    files.join(options.dataDir, 'conversations.json'),
    clock,
    logger,
    () => knownSecrets.current,
  );
  await history.load();
  const chat = new ChatRuntime({
    history,
    runtime,
    tokens: session,
    streams: ports.streams,
    timers,
    random,
    logger,
    userAgent,
    localApprovals: approvals,
    timezone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const askShortcut = new AskShortcut(settings, ports.shortcuts);
  return { editor, tester, importer, history, chat, askShortcut };
}
