import { ActivityJournal } from '../../core/activity/activity-journal.js';
import { ActivityLog } from '../../core/activity/activity-log.js';
import { ApprovalService } from '../../core/approvals/approval-service.js';
import type { AuthService } from '../../core/auth/auth-service.js';
import type { RefreshLock, TokenSession } from '../../core/auth/token-session.js';
import { ActivityObserver } from '../../core/bridge/activity-observer.js';
import { ElicitationService } from '../../core/elicitation/elicitation-service.js';
import { ApprovalPause } from '../../core/gate/approval-pause.js';
import { gateSettingsOf } from '../../core/gate/gate-settings.js';
import { GrantStore } from '../../core/gate/grant-store.js';
import { PolicyGate } from '../../core/gate/policy-gate.js';
import type {
  Clock,
  EventStreams,
  Files,
  HttpClient,
  Logger,
  McpProcesses,
  Random,
  SecretStore,
  Timers,
  UrlOpener,
} from '../../core/ports.js';
import { SettingsStore } from '../../core/settings/settings-store.js';
import type { AskShortcut, GlobalShortcuts } from '../ask-shortcut.js';
import type { Confirmer } from '../consent/confirmation.js';
import { ConsentService } from '../consent/consent-service.js';
import { createOpenUrlConsent } from '../consent/open-url.js';
import { BridgeRuntime } from './bridge-runtime.js';
import type { ChatRuntime } from './chat-runtime.js';
import { createSignIn } from './create-sign-in.js';
import { createWindowServices } from './create-window-services.js';
import { type GrantsFileProblem, loadGrants, persistGrants } from './grants-file.js';
import type { ImportService, PlatformInfo } from './import-service.js';
import { KnownSecrets } from './known-secrets.js';
import { createServerControl, type ServerControl } from './server-control.js';
import type { ServerEditor } from './server-editor.js';
import type { ServerTesterDeps } from './server-tester.js';
import type { LoginItemPort } from './settings-handlers.js';
import { type ConfirmSignOut, signOutFully } from './sign-out.js';

/**
 * Every effect the app needs, as the Electron shell, headless mode and the e2e harness provide it.
 */
export interface AppPorts {
  clock: Clock;
  timers: Timers;
  random: Random;
  http: HttpClient;
  files: Files;
  secrets: SecretStore;
  processes: McpProcesses;
  streams: EventStreams;
  logger: Logger;
  urls: UrlOpener;
  /**
   * Asks the person (a native dialog on the desktop, a script in the e2e harness) before a program
   * runs, a server is trusted or a rule allows many tools. Never the window's to answer.
   */
  confirm: Confirmer;
  /**
   * Opens one address a local server asked for, after the person said yes in main's own dialog
   * (https, or http on this computer, already checked). Absent: URL-mode elicitation is not
   * offered.
   */
  openConfirmedUrl?: UrlOpener;
  /** The desktop's global shortcuts; absent in headless mode and the test harness. */
  shortcuts?: GlobalShortcuts;
  /** Main asks the person before a sign-out that would cut calls short; absent: no one to ask. */
  confirmSignOut?: ConfirmSignOut;
  /** Serialises token refreshes with headless mode and other profiles (same keychain entries). */
  refreshLock?: RefreshLock;
  /** "Start at login" (a login item, an XDG autostart entry); absent where there is none. */
  loginItem?: LoginItemPort;
}

export interface AppOptions {
  /** Where settings.json, grants.json and activity.jsonl live (must exist). */
  dataDir: string;
  appVersion: string;
  /** Overrides for the sign-in service (the emulator, a staging environment). */
  workos?: { baseUrl?: string; clientId?: string };
  /**
   * The OS and home directories, for finding other apps' MCP configs to import. Passed in by the
   * entry points because this layer reads no `process` or `os`; absent means no locations offered.
   */
  platformInfo?: PlatformInfo;
  /** Handshake timeout for "Test server" (tests shorten it; the default allows an npx download). */
  testHandshakeTimeoutMs?: number;
}

export interface AppServices {
  settings: SettingsStore;
  session: TokenSession;
  auth: AuthService;
  approvals: ApprovalService;
  /** Forms local servers ask the person to fill in during a tool call (MCP elicitation). */
  elicitations: ElicitationService;
  /** "Pause approvals for 15 min": calls that would ask are denied with the reason meanwhile. */
  pause: ApprovalPause;
  grants: GrantStore;
  activity: ActivityLog;
  runtime: BridgeRuntime;
  /** Restart, switch on or off, stop a call, how each server is doing. */
  servers: ServerControl;
  /** Add, edit, rename, remove servers with their keychain secrets. */
  editor: ServerEditor;
  /** What "Test server" runs with. */
  tester: ServerTesterDeps;
  importer: ImportService;
  /** "Ask an agent": conversations that carry the local servers. */
  chat: ChatRuntime;
  /** The global shortcut that opens the composer. */
  askShortcut: AskShortcut;
  /** The system browser (links are checked by the caller's policy first). */
  urls: UrlOpener;
  /**
   * Keychain secrets and secret-looking env values, for masking what the window shows: an agent
   * may echo a server's secret back as an argument, and the approval card must not display it.
   */
  knownSecrets: KnownSecrets;
  /**
   * Sign-out as a real exit: asks first when calls wait or run, denies the waiting ones,
   * deregisters every server, then deletes the tokens. `signedOut: false` when the person said no.
   */
  signOut(): Promise<{ signedOut: boolean }>;
  /** What went wrong reading grants.json at start (settings.json's is `settings.loadState`). */
  grantsFileProblem: GrantsFileProblem | undefined;
  /** The person's confirmations of command lines, trust and wide rules. */
  consent: ConsentService;
  /** "Start at login", where the platform has it. */
  loginItem: LoginItemPort | undefined;
  /** Where settings.json, grants.json and the activity log live (shown in Settings). */
  dataDir: string;
  /**
   * Denies pending approvals, lets running calls finish, deregisters, ends servers, flushes logs.
   */
  dispose(): Promise<void>;
}

/** The service graph, the same for every entry point (ARCHITECTURE.md#composition). */
export async function createAppServices(
  ports: AppPorts,
  options: AppOptions,
): Promise<AppServices> {
  const { clock, timers, random, files, logger } = ports;
  const userAgent = `Dust-MCP-Tray/${options.appVersion}`;
  const settings = new SettingsStore(files, clock, options.dataDir);
  await settings.load();
  const { session, auth } = createSignIn(ports, settings, { ...options, userAgent });
  const approvals = new ApprovalService({
    clock,
    timers,
    random,
    deadlineMs: () => settings.settings.approvals.defaultDeadlineSeconds * 1000,
  });
  const elicitations = new ElicitationService({ clock, timers, random });
  const grantsPath = files.join(options.dataDir, 'grants.json');
  const loadedGrants = await loadGrants(files, grantsPath, logger, clock);
  const grants = new GrantStore(loadedGrants.grants);
  persistGrants(grants, files, grantsPath, logger, loadedGrants);
  const knownSecrets = new KnownSecrets(ports.secrets);
  await knownSecrets.refresh(settings.settings);
  settings.onDidChange((next) => void knownSecrets.refresh(next));
  const activity = new ActivityLog({ clock, knownSecrets: () => knownSecrets.current });
  const journal = new ActivityJournal(activity, files, logger, { directory: options.dataDir });
  const pause = new ApprovalPause(clock, timers);
  const consent = await ConsentService.load({
    confirmer: ports.confirm,
    files,
    path: files.join(options.dataDir, 'confirmed-commands.json'),
    logger,
  });
  const gate = new PolicyGate({
    settings: gateSettingsOf({
      rules: () => settings.settings.rules,
      servers: () => settings.settings.mcpServers,
    }),
    grants,
    clock,
    random,
    approvals,
    pausedUntil: () => pause.pausedUntil,
  });
  // A rule saved while calls wait applies to them at once (grants are watched by the gate itself).
  const rulesWatch = settings.onDidChange(() => gate.recheckWaiting());
  const runtime = new BridgeRuntime({
    ...ports,
    settings,
    auth,
    session,
    gate,
    observer: new ActivityObserver(activity),
    elicitation: elicitations,
    ...(ports.openConfirmedUrl
      ? {
          openUrl: createOpenUrlConsent({
            consent,
            opener: ports.openConfirmedUrl,
            logger,
            clock,
            timers,
          }),
        }
      : {}),
    appVersion: options.appVersion,
    userAgent,
    // Every server's output is masked of every known secret, not only its own.
    supervisor: { knownSecrets: () => knownSecrets.current },
    consent,
  });
  const servers = createServerControl({ runtime, settings });
  const { editor, tester, importer, history, chat, askShortcut } = await createWindowServices(
    ports,
    options,
    { settings, grants, runtime, servers, consent, knownSecrets, session, approvals, userAgent },
  );
  await auth.init();
  await runtime.start();

  let disposing: Promise<void> | undefined;
  return {
    settings,
    session,
    auth,
    approvals,
    elicitations,
    pause,
    grants,
    activity,
    runtime,
    servers,
    editor,
    tester,
    importer,
    chat,
    askShortcut,
    urls: ports.urls,
    knownSecrets,
    signOut: () =>
      signOutFully({
        auth,
        approvals,
        runtime,
        servers,
        ...(ports.confirmSignOut ? { confirm: ports.confirmSignOut } : {}),
      }),
    grantsFileProblem: loadedGrants.problem,
    consent,
    loginItem: ports.loginItem,
    dataDir: options.dataDir,
    dispose: () => {
      disposing ??= (async () => {
        askShortcut.dispose();
        chat.dispose();
        await history.flush();
        approvals.dispose();
        rulesWatch.dispose();
        gate.dispose();
        elicitations.dispose();
        pause.dispose();
        await runtime.stop();
        runtime.dispose();
        auth.dispose();
        await journal.flush();
        journal.dispose();
        activity.dispose();
        grants.dispose();
        await consent.flush();
        consent.dispose();
        session.dispose();
        settings.dispose();
      })();
      return disposing;
    },
  };
}
