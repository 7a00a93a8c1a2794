import { KnownSecrets } from '../app/services/known-secrets.js';
import { ActivityLog } from '../core/activity/activity-log.js';
import { redactDeep, redactText } from '../core/activity/redact.js';
import { DEFAULT_WORKOS_BASE_URL, DEFAULT_WORKOS_CLIENT_ID } from '../core/auth/regions.js';
import { sameTokenHost, TokenHostBinding, tokenHostMismatch } from '../core/auth/token-host.js';
import { StaticTokenSource, TokenSession } from '../core/auth/token-session.js';
import { WorkosClient } from '../core/auth/workos-client.js';
import { ActivityObserver } from '../core/bridge/activity-observer.js';
import type { BridgeHost } from '../core/bridge/bridge-host.js';
import { createBridgeHost } from '../core/bridge/create-bridge-host.js';
import type { AccessTokenSource } from '../core/dust/dust-http.js';
import { errorMessage } from '../core/error-message.js';
import { gateSettingsOf } from '../core/gate/gate-settings.js';
import { GrantStore } from '../core/gate/grant-store.js';
import { PolicyGate } from '../core/gate/policy-gate.js';
import type { Logger } from '../core/ports.js';
import { parseSettingsText } from '../core/settings/parse-settings.js';
import { isRemoteEntry } from '../core/settings/remote-entry.js';
import { enabledServers, resolveServerSpec } from '../core/settings/server-spec.js';
import type { NodePorts } from '../node/create-node-ports.js';
import { EventSourceStreams } from '../node/eventsource-streams.js';
import type { HeadlessArgs } from './args.js';
import { type HeadlessEventLog, logHeadlessEvents } from './headless-log.js';

export interface HeadlessIo {
  env: Readonly<Record<string, string | undefined>>;
  /** One JSON object per line on stdout. */
  writeLine: (record: Record<string, unknown>) => void;
  readFile(path: string): Promise<string>;
}

export interface RunningHeadless {
  host: BridgeHost;
  activity: ActivityLog;
  /**
   * The one redaction point: every known keychain secret masked in any string of `value`, at any
   * depth.
   */
  redact: <T>(value: T) => T;
  /** Stops accepting calls, finishes or denies those in flight, deregisters, ends the servers. */
  stop(): Promise<void>;
}

export class HeadlessStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeadlessStartError';
  }
}

/** Headless mode: the same core as the desktop app, approvals from policy only (default deny). */
export async function runHeadless(
  args: HeadlessArgs,
  io: HeadlessIo,
  ports: NodePorts & { logger: Logger },
  appVersion: string,
): Promise<RunningHeadless> {
  const text = await io.readFile(args.serversFile).catch((error: unknown) => {
    throw new HeadlessStartError(`Cannot read ${args.serversFile}: ${errorMessage(error)}`);
  });
  const parsed = parseSettingsText(text);
  if (!parsed.ok)
    throw new HeadlessStartError(
      `${args.serversFile}: ${parsed.problem}${parsed.details.map((d) => `\n  ${d}`).join('')}`,
    );
  const settings = parsed.settings;
  const servers = enabledServers(settings);
  if (servers.length === 0)
    throw new HeadlessStartError(`${args.serversFile} lists no enabled server under "mcpServers".`);

  const tokens = await tokenSource(io, ports, args.dustUrl);
  const userAgent = `Dust-MCP-Tray/${appVersion} (headless)`;
  const rules = [...args.rules, ...settings.rules];
  const gate = new PolicyGate({
    settings: gateSettingsOf({ rules: () => rules, servers: () => settings.mcpServers }),
    grants: new GrantStore(),
    clock: ports.clock,
    random: ports.random,
    approvals: null,
  });
  // Every server's keychain secrets, masked in what any server says (its own spec adds its own).
  const known = new KnownSecrets(ports.secrets);
  await known.refresh(settings);
  const redact = <T>(value: T): T =>
    redactDeep(value, (text) => redactText(text, known.current)) as T;
  // Every stdout line passes the redaction: state words and call lines quote servers and Dust.
  const writeLine = (record: Record<string, unknown>) => io.writeLine(redact(record));
  // Headless needs an entry only until its call line is written (after delivery) and the status
  // file noted it: a short history, not the desktop app's 5,000 (bench: ~5 MB of heap less).
  const activity = new ActivityLog({
    clock: ports.clock,
    capacity: 1_000,
    knownSecrets: () => known.current,
  });
  const activityObserver = new ActivityObserver(activity);
  // The call log is built after the host, whose observer tells it about deliveries.
  const callLog: { current?: HeadlessEventLog } = {};
  const { host } = createBridgeHost({
    ...ports,
    // The workspace and tokens come from the command line and environment, not a sign-in; the
    // desktop app gets its streams from its ports, headless opens them itself.
    dust: { baseUrl: args.dustUrl, workspaceId: args.workspaceId },
    tokens,
    streams: new EventSourceStreams(),
    gate,
    observer: {
      onCallReceived: (call) => activityObserver.onCallReceived(call),
      onCallDecided: (call, decision) => activityObserver.onCallDecided(call, decision),
      onCallFinished: (call, outcome) => activityObserver.onCallFinished(call, outcome),
      onRequestAnswered: () => activityObserver.onRequestAnswered(),
      onDelivery: (response, outcome) => {
        activityObserver.onDelivery(response, outcome);
        callLog.current?.delivered(response);
      },
    },
    appVersion,
    userAgent,
    supervisor: { knownSecrets: () => known.current },
  });
  const logging = logHeadlessEvents(host, activity, writeLine);
  callLog.current = logging;
  writeLine({
    event: 'starting',
    dustUrl: args.dustUrl,
    workspaceId: args.workspaceId,
    servers: servers.map((s) => s.name),
    allow: args.rules.map((r) => `${r.server}/${r.tool}`),
  });
  for (const server of servers) {
    const roots = isRemoteEntry(server.entry) ? [] : (server.entry.roots ?? []);
    await host.add({
      name: server.name,
      dustName: server.dustName,
      remote: isRemoteEntry(server.entry),
      spec: () => resolveServerSpec(server.name, server.entry, ports.secrets),
      roots: () => roots,
      // Tools switched off in the servers file are neither offered to Dust nor run.
      switchedOffTools: () => server.entry.disabledTools ?? [],
    });
  }

  let stopping: Promise<void> | undefined;
  return {
    host,
    activity,
    redact,
    stop: () => {
      stopping ??= (async () => {
        writeLine({ event: 'stopping' });
        await host.stopAll();
        logging.dispose();
        activity.dispose();
        host.dispose();
        writeLine({ event: 'stopped' });
      })();
      return stopping;
    },
  };
}

async function tokenSource(
  io: HeadlessIo,
  ports: NodePorts,
  dustUrl: string,
): Promise<AccessTokenSource> {
  const fromEnv = io.env['DUST_TOKEN']?.trim();
  if (fromEnv) return new StaticTokenSource(fromEnv);
  const tokenFile = io.env['DUST_TOKEN_FILE']?.trim();
  if (tokenFile) return FileTokenSource.open(tokenFile, (path) => io.readFile(path));
  const workos = new WorkosClient(
    {
      baseUrl: io.env['DUST_WORKOS_URL'] ?? DEFAULT_WORKOS_BASE_URL,
      clientId: io.env['DUST_WORKOS_CLIENT_ID'] ?? DEFAULT_WORKOS_CLIENT_ID,
    },
    ports.http,
  );
  const session = new TokenSession(ports.secrets, workos, ports.clock, ports.refreshLock);
  const signedIn = await session.isSignedIn().catch((error: unknown) => {
    throw new HeadlessStartError(
      `The keychain could not be read: ${errorMessage(error)}. Set DUST_TOKEN or DUST_TOKEN_FILE instead.`,
    );
  });
  if (!signedIn)
    throw new HeadlessStartError(
      'No DUST_TOKEN or DUST_TOKEN_FILE in the environment and no saved sign-in in the keychain. Sign in with the desktop app once, or set one of them.',
    );
  // The desktop's sign-in goes only to the host it was issued for, whatever --dust-url says.
  const bound = await new TokenHostBinding(ports.secrets).read().catch(() => null);
  if (bound !== null && !sameTokenHost(bound, dustUrl))
    throw new HeadlessStartError(
      tokenHostMismatch(
        bound,
        dustUrl,
        `Pass --dust-url ${bound}, or set DUST_TOKEN or DUST_TOKEN_FILE.`,
      ),
    );
  return session;
}

/**
 * The token from a file (systemd's LoadCredential, a Docker or Kubernetes secret), so it is
 * never in the unit, the command line or the environment. Read again when Dust refuses it: a
 * rotated secret is picked up without a restart.
 */
class FileTokenSource implements AccessTokenSource {
  private constructor(
    private readonly path: string,
    private readonly readFile: (path: string) => Promise<string>,
    private token: string,
  ) {}

  static async open(
    path: string,
    readFile: (path: string) => Promise<string>,
  ): Promise<FileTokenSource> {
    const token = await FileTokenSource.read(path, readFile).catch((error: unknown) => {
      throw new HeadlessStartError(`Cannot read DUST_TOKEN_FILE ${path}: ${errorMessage(error)}`);
    });
    if (!token) throw new HeadlessStartError(`DUST_TOKEN_FILE ${path} is empty.`);
    return new FileTokenSource(path, readFile, token);
  }

  private static async read(
    path: string,
    readFile: (path: string) => Promise<string>,
  ): Promise<string> {
    return (await readFile(path)).trim();
  }

  getAccessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  async refreshAfterRejection(rejected: string): Promise<string | null> {
    const current = await FileTokenSource.read(this.path, this.readFile).catch(() => '');
    if (!current || current === rejected) return null;
    this.token = current;
    return current;
  }
}
