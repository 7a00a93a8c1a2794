import type { RunningEmulator } from '../../../e2e/dust-emulator/index.js';
import { ApprovalService } from '../../core/approvals/approval-service.js';
import { StaticTokenSource } from '../../core/auth/token-session.js';
import type { BridgeHostDeps } from '../../core/bridge/bridge-host.js';
import { createBridgeHost } from '../../core/bridge/create-bridge-host.js';
import type { AccessTokenSource } from '../../core/dust/dust-http.js';
import { gateSettingsOf } from '../../core/gate/gate-settings.js';
import { GrantStore } from '../../core/gate/grant-store.js';
import { PolicyGate } from '../../core/gate/policy-gate.js';
import type { PolicyRule } from '../../core/policy/rules.js';
import type { Logger, ServerLaunchSpec } from '../../core/ports.js';
import type { RegistrationConfig } from '../../core/registration/state.js';
import type { RelayObserver } from '../../core/relay/relay-ports.js';
import { remoteServerEntry, type ServerEntry, serverEntry } from '../../core/settings/schema.js';
import { EventSourceStreams } from '../eventsource-streams.js';
import { isRemoteSpec, McpLaunchers } from '../mcp-launchers.js';
import { NodeHttpClient } from '../node-http.js';
import { NodeRandom } from '../node-random.js';
import { StdioMcpProcesses } from '../stdio-mcp-processes.js';
import { SystemClock } from '../system-clock.js';

export interface KitServer {
  name: string;
  dustName: string;
  /** A local command, or a remote server's URL and headers. */
  spec: ServerLaunchSpec;
  trusted?: boolean;
  /** Folders it may see (MCP roots), read at each ask. */
  roots?: () => readonly string[];
}

export interface KitEvents {
  logs: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
  calls: Array<{ tool: string; outcome: string; detail: string }>;
  decisions: Array<{ tool: string; allow: boolean; reason: string }>;
  progress: Array<{ tool: string; ratio?: number; message?: string }>;
}

/**
 * The real core wired to real adapters against an emulator: what the desktop app and headless
 * mode build, minus settings and sign-in. For integration tests only.
 */
export function createBridgeKit(
  emulator: RunningEmulator,
  options: {
    rules?: PolicyRule[];
    withApprovals?: boolean;
    approvalDeadlineMs?: number;
    connection?: Partial<RegistrationConfig>;
    token?: string;
    tokens?: AccessTokenSource;
    supervisor?: BridgeHostDeps['supervisor'];
    relay?: BridgeHostDeps['relay'];
    elicitation?: BridgeHostDeps['elicitation'];
  } = {},
) {
  const tokens = options.tokens ?? new StaticTokenSource(options.token ?? emulator.seeds.userToken);
  const clock = new SystemClock();
  const random = new NodeRandom();
  const events: KitEvents = { logs: [], calls: [], decisions: [], progress: [] };
  const logger: Logger = {
    log: (level, message, fields) =>
      events.logs.push({ level, message, ...(fields ? { fields } : {}) }),
  };
  /** The kit's servers as settings entries, for the gate (launch identity and trust). */
  const entries: Record<string, ServerEntry> = {};
  const approvals = options.withApprovals
    ? new ApprovalService({
        clock,
        timers: clock,
        random,
        ...(options.approvalDeadlineMs ? { deadlineMs: options.approvalDeadlineMs } : {}),
      })
    : null;
  const grants = new GrantStore();
  const gate = new PolicyGate({
    settings: gateSettingsOf({ rules: () => options.rules ?? [], servers: () => entries }),
    grants,
    clock,
    random,
    approvals,
  });
  const observer: RelayObserver = {
    onCallReceived: () => undefined,
    onCallDecided: (call, decision) =>
      events.decisions.push({
        tool: call.tool.name,
        allow: decision.allow,
        reason: decision.reason,
      }),
    onCallFinished: (call, outcome) =>
      events.calls.push({ tool: call.tool.name, outcome: outcome.kind, detail: outcome.detail }),
    onRequestAnswered: () => undefined,
    onCallProgress: (call, progress) => events.progress.push({ tool: call.tool.name, ...progress }),
  };
  const { host, api } = createBridgeHost({
    // The emulator's workspace, a fixed test user agent, and the servers' commands run as given
    // (no login-shell PATH lookup as in the app): the rest is what the app and headless build.
    dust: { baseUrl: emulator.url, workspaceId: emulator.seeds.workspaceId },
    http: new NodeHttpClient(),
    clock,
    timers: clock,
    random,
    logger,
    processes: new McpLaunchers(new StdioMcpProcesses()),
    streams: new EventSourceStreams(),
    tokens,
    gate,
    observer,
    appVersion: '0.0.0-test',
    userAgent: 'Dust-MCP-Tray/test',
    ...(options.connection ? { connection: options.connection } : {}),
    ...(options.supervisor ? { supervisor: options.supervisor } : {}),
    ...(options.relay ? { relay: options.relay } : {}),
    ...(options.elicitation ? { elicitation: options.elicitation } : {}),
  });
  return {
    host,
    api,
    approvals,
    grants,
    events,
    async add(server: KitServer) {
      entries[server.name] = entryOf(server);
      return host.add({
        name: server.name,
        dustName: server.dustName,
        remote: isRemoteSpec(server.spec),
        spec: () => Promise.resolve(server.spec),
        ...(server.roots ? { roots: server.roots } : {}),
      });
    },
    async close() {
      approvals?.dispose();
      await host.stopAll();
      host.dispose();
    },
  };
}

/** A kit server as the settings entry the app would have for it (headers play no part here). */
function entryOf(server: KitServer): ServerEntry {
  const trusted = server.trusted ?? false;
  return isRemoteSpec(server.spec)
    ? remoteServerEntry({ url: server.spec.url, trusted })
    : serverEntry({ command: server.spec.command, args: [...server.spec.args], trusted });
}
