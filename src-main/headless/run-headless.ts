import { ActivityLog } from '../core/activity/activity-log.js';
import { DEFAULT_WORKOS_BASE_URL, DEFAULT_WORKOS_CLIENT_ID } from '../core/auth/regions.js';
import { StaticTokenSource, TokenSession } from '../core/auth/token-session.js';
import { WorkosClient } from '../core/auth/workos-client.js';
import { ActivityObserver } from '../core/bridge/activity-observer.js';
import { BridgeHost } from '../core/bridge/bridge-host.js';
import { DustApi } from '../core/dust/dust-api.js';
import type { AccessTokenSource } from '../core/dust/dust-http.js';
import { DustHttp } from '../core/dust/dust-http.js';
import { ResultPoster } from '../core/dust/result-poster.js';
import { GrantStore } from '../core/gate/grant-store.js';
import { PolicyGate } from '../core/gate/policy-gate.js';
import type { Logger } from '../core/ports.js';
import { parseSettingsText } from '../core/settings/parse-settings.js';
import { enabledServers, resolveServerSpec } from '../core/settings/server-spec.js';
import type { NodePorts } from '../node/create-node-ports.js';
import { EventSourceStreams } from '../node/eventsource-streams.js';
import type { HeadlessArgs } from './args.js';
import { logHeadlessEvents } from './headless-log.js';

export interface HeadlessIo {
  env: Readonly<Record<string, string | undefined>>;
  /** One JSON object per line on stdout. */
  writeLine: (record: Record<string, unknown>) => void;
  readFile(path: string): Promise<string>;
}

export interface RunningHeadless {
  host: BridgeHost;
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
export async function runHeadless(args: HeadlessArgs, io: HeadlessIo, ports: NodePorts & { logger: Logger }, appVersion: string): Promise<RunningHeadless> {
  const text = await io.readFile(args.serversFile).catch((error: unknown) => {
    throw new HeadlessStartError(`Cannot read ${args.serversFile}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const parsed = parseSettingsText(text);
  if (!parsed.ok) throw new HeadlessStartError(`${args.serversFile}: ${parsed.problem}${parsed.details.map((d) => `\n  ${d}`).join('')}`);
  const settings = parsed.settings;
  const servers = enabledServers(settings);
  if (servers.length === 0) throw new HeadlessStartError(`${args.serversFile} lists no enabled server under "mcpServers".`);

  const tokens = await tokenSource(io, ports);
  const userAgent = `Dust-MCP-Tray/${appVersion} (headless)`;
  const http = new DustHttp({ baseUrl: args.dustUrl, userAgent }, tokens, ports.http, ports.clock);
  const api = new DustApi(http, args.workspaceId);
  const rules = [...args.rules, ...settings.rules];
  const gate = new PolicyGate({
    settings: {
      rules: () => rules,
      server: (name) => {
        const entry = settings.mcpServers[name];
        return entry ? { command: entry.command, args: entry.args, trusted: entry.trusted } : undefined;
      },
    },
    grants: new GrantStore(),
    clock: ports.clock,
    random: ports.random,
    approvals: null,
  });
  const activity = new ActivityLog({ clock: ports.clock });
  const host = new BridgeHost({
    ...ports,
    timers: ports.timers,
    streams: new EventSourceStreams(),
    api,
    tokens,
    poster: new ResultPoster(api, ports.timers, ports.random),
    gate,
    observer: new ActivityObserver(activity),
    appVersion,
    userAgent,
  });
  const logging = logHeadlessEvents(host, activity, (record) => io.writeLine(record));
  io.writeLine({ event: 'starting', dustUrl: args.dustUrl, workspaceId: args.workspaceId, servers: servers.map((s) => s.name), allow: args.rules.map((r) => `${r.server}/${r.tool}`) });
  for (const server of servers) {
    const roots = server.entry.roots ?? [];
    await host.add({ name: server.name, dustName: server.dustName, spec: () => resolveServerSpec(server.name, server.entry, ports.secrets), roots: () => roots });
  }

  let stopping: Promise<void> | undefined;
  return {
    host,
    stop: () => {
      stopping ??= (async () => {
        io.writeLine({ event: 'stopping' });
        await host.stopAll();
        logging.dispose();
        activity.dispose();
        host.dispose();
        io.writeLine({ event: 'stopped' });
      })();
      return stopping;
    },
  };
}

async function tokenSource(io: HeadlessIo, ports: NodePorts): Promise<AccessTokenSource> {
  const fromEnv = io.env['DUST_TOKEN']?.trim();
  if (fromEnv) return new StaticTokenSource(fromEnv);
  const workos = new WorkosClient(
    { baseUrl: io.env['DUST_WORKOS_URL'] ?? DEFAULT_WORKOS_BASE_URL, clientId: io.env['DUST_WORKOS_CLIENT_ID'] ?? DEFAULT_WORKOS_CLIENT_ID },
    ports.http,
  );
  const session = new TokenSession(ports.secrets, workos, ports.clock);
  const signedIn = await session.isSignedIn().catch((error: unknown) => {
    throw new HeadlessStartError(`The keychain could not be read: ${error instanceof Error ? error.message : String(error)}. Set DUST_TOKEN instead.`);
  });
  if (!signedIn) throw new HeadlessStartError('No DUST_TOKEN in the environment and no saved sign-in in the keychain. Sign in with the desktop app once, or set DUST_TOKEN.');
  return session;
}
