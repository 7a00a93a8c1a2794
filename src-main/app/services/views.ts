import type { ActivityEntry } from '../../core/activity/activity-log.js';
import { redact } from '../../core/activity/redact.js';
import type { PendingCall } from '../../core/approvals/approval-types.js';
import type { AuthState } from '../../core/auth/auth-state.js';
import { toolFingerprint } from '../../core/policy/fingerprint.js';
import type { Grant } from '../../core/policy/grants.js';
import { describeRegistration } from '../../core/registration/state.js';
import { detectSecretsInArgs } from '../../core/secrets/detect.js';
import { maskValue } from '../../core/secrets/mask.js';
import { effectiveDustName } from '../../core/settings/dust-name.js';
import { launchIdentity, remoteIdentity } from '../../core/settings/entry-parts.js';
import { isRemoteEntry, type ServerEntry } from '../../core/settings/schema.js';
import type {
  ActivityEntryDto,
  GrantDto,
  PendingCallDto,
} from '../../shared/contract/approvals.js';
import type { AuthSnapshotDto, AuthStateDto } from '../../shared/contract/auth.js';
import type { ServerStatusDto } from '../../shared/contract/servers.js';
import { commandLineOfEntry } from '../consent/command-line.js';
import type { AppServices } from './create-services.js';
import { serverStatusLine } from './server-status.js';

/**
 * Services' state → the IPC contract's DTOs. This is the one place where what the window sees is
 * chosen, so it is where secrets are left out: env values never, secret-looking args masked.
 */
export function authSnapshot(app: AppServices): AuthSnapshotDto {
  const { region, customUrl } = app.settings.settings.dust;
  return {
    state: authStateDto(app.auth.state),
    region: { region, ...(customUrl ? { customUrl } : {}) },
  };
}

function authStateDto(state: AuthState): AuthStateDto {
  const user = (u: { email: string; fullName: string | undefined } | undefined) =>
    u ? { email: u.email, ...(u.fullName ? { fullName: u.fullName } : {}) } : undefined;
  switch (state.kind) {
    case 'signed-out':
      return { kind: 'signed-out', ...(state.message ? { message: state.message } : {}) };
    case 'awaiting-code':
    case 'loading':
      return state;
    case 'choose-workspace':
      return { kind: 'choose-workspace', user: user(state.user)!, workspaces: state.workspaces };
    case 'signed-in': {
      const who = user(state.user);
      return {
        kind: 'signed-in',
        workspaceId: state.workspaceId,
        baseUrl: state.baseUrl,
        ...(who ? { user: who } : {}),
        ...(state.workspaceName ? { workspaceName: state.workspaceName } : {}),
        ...(state.message ? { message: state.message } : {}),
      };
    }
  }
}

export function serverStatuses(app: AppServices): ServerStatusDto[] {
  const running = app.servers.running;
  return app.servers.statuses().map(({ name, entry, local, dust }) => {
    const tools = local?.tools() ?? [];
    const serverId = dust?.serverId;
    const neverOffered =
      dust !== undefined && dust.state.kind === 'stopped' && local?.state.kind !== 'ready';
    const status = serverStatusLine({
      enabled: entry.enabled,
      signedIn: app.auth.state.kind === 'signed-in',
      local: local?.state,
      dust: dust?.state,
      toolCount: tools.filter((tool) => !(entry.disabledTools ?? []).includes(tool.name)).length,
    });
    return {
      name,
      dustName: effectiveDustName(name, entry),
      ...launchView(entry),
      enabled: entry.enabled,
      trusted: entry.trusted,
      local: {
        state: local ? local.state.kind : 'stopped',
        words: local
          ? local.describeProblem()
          : entry.enabled
            ? ((running ? app.consent.blockedWords(commandLineOfEntry(entry)) : undefined) ??
              'Waits for you to sign in.')
            : 'Disabled.',
        stderrTail: local ? local.stderrLines(20).map((line) => line.slice(0, 500)) : [],
      },
      dust: {
        state: dust ? dust.state.kind : 'stopped',
        words: neverOffered
          ? 'Not registered: it is offered to Dust once it starts'
          : dust
            ? describeRegistration(dust.state)
            : 'Not connected',
        ...(serverId ? { serverId } : {}),
      },
      status,
      tools: tools.map((tool) => {
        const annotations = tool['annotations'] as { readOnlyHint?: unknown } | undefined;
        const description = tool['description'];
        return {
          name: tool.name,
          ...(typeof description === 'string' ? { description } : {}),
          readOnly: annotations?.readOnlyHint === true,
          enabled: !(entry.disabledTools ?? []).includes(tool.name),
        };
      }),
    };
  });
}

/** `knownSecrets` are masked in the arguments shown; the tool still receives them unchanged. */
export function pendingCallDto(
  call: PendingCall,
  knownSecrets: Iterable<string> = [],
): PendingCallDto {
  return {
    callId: call.callId,
    nonce: call.nonce,
    server: call.server,
    tool: call.tool,
    arguments: redact(call.arguments, knownSecrets),
    receivedAt: call.receivedAt,
    deadlineAt: call.deadlineAt,
    ...(call.agent ? { agent: call.agent } : {}),
    ...(call.conversationId ? { conversationId: call.conversationId } : {}),
    ...(call.policyReason ? { policyReason: call.policyReason } : {}),
    ...(call.toolInfo?.inputSchema === undefined ? {} : { inputSchema: call.toolInfo.inputSchema }),
    ...(call.toolInfo?.readOnlyHint === undefined
      ? {}
      : { readOnlyHint: call.toolInfo.readOnlyHint }),
    ...(call.toolInfo?.destructiveHint === undefined
      ? {}
      : { destructiveHint: call.toolInfo.destructiveHint }),
    ...(call.requestId === undefined ? {} : { requestId: call.requestId }),
  };
}

/**
 * `currentFingerprint` gives the tool's fingerprint now (undefined while its server is not
 * running): a grant made for another fingerprint no longer applies, and the window says so.
 */
export function grantDto(
  grant: Grant,
  currentFingerprint: (server: string, tool: string) => string | undefined = () => undefined,
): GrantDto {
  const scope =
    grant.scope.kind === 'conversation'
      ? `conversation ${grant.scope.conversationId}`
      : grant.scope.kind === 'until'
        ? `until ${new Date(grant.scope.expiresAt).toISOString()}`
        : grant.scope.kind;
  const now = currentFingerprint(grant.server, grant.tool);
  return {
    id: grant.id,
    server: grant.server,
    tool: grant.tool,
    scope,
    createdAt: grant.createdAt,
    reason: grant.reason,
    scopeKind: grant.scope.kind,
    ...(grant.scope.kind === 'until' ? { expiresAt: grant.scope.expiresAt } : {}),
    ...(grant.scope.kind === 'conversation' ? { conversationId: grant.scope.conversationId } : {}),
    ...(now !== undefined ? { stale: now !== grant.fingerprint } : {}),
  };
}

/** The fingerprint each running server's tools have now (what a grant must match). */
export function currentFingerprints(
  app: AppServices,
): (server: string, tool: string) => string | undefined {
  return (server, toolName) => {
    const status = app.servers.status(server);
    const entry = status?.entry;
    const tool = status?.local?.tools()?.find((candidate) => candidate.name === toolName);
    return entry && tool ? toolFingerprint(launchIdentity(entry), tool) : undefined;
  };
}

export function activityDto(entry: ActivityEntry): ActivityEntryDto {
  return {
    id: entry.id,
    server: entry.server,
    receivedAt: entry.receivedAt,
    ...(entry.tool ? { tool: entry.tool } : {}),
    ...(entry.conversationId ? { conversationId: entry.conversationId } : {}),
    ...(entry.arguments === undefined ? {} : { arguments: entry.arguments }),
    ...(entry.decision
      ? {
          decision: {
            decision: entry.decision.decision,
            reason: entry.decision.reason,
            by: entry.decision.by,
            decidedAt: entry.decision.decidedAt,
          },
        }
      : {}),
    ...(entry.outcome
      ? {
          outcome: {
            kind: entry.outcome.kind,
            detail: entry.outcome.detail,
            latencyMs: entry.outcome.latencyMs,
          },
        }
      : {}),
    ...(entry.progress && !entry.outcome ? { progress: { ...entry.progress } } : {}),
  };
}

/** What the Servers list shows of how a server is started: its command line, or its URL. */
function launchView(
  entry: ServerEntry,
): Pick<ServerStatusDto, 'command' | 'args' | 'envKeys' | 'cwd' | 'remote'> {
  if (isRemoteEntry(entry)) {
    const url = new URL(entry.url);
    return {
      command: remoteIdentity(entry.url),
      args: [],
      envKeys: Object.keys(entry.headers),
      remote: {
        url: remoteIdentity(entry.url),
        host: url.host,
        transport: entry.type === 'sse' ? 'sse' : 'http',
      },
    };
  }
  const secretArgs = new Set(detectSecretsInArgs(entry.args).map((finding) => finding.index));
  return {
    command: entry.command,
    args: entry.args.map((arg, index) => (secretArgs.has(index) ? maskValue(arg) : arg)),
    envKeys: Object.keys(entry.env),
    ...(entry.cwd ? { cwd: entry.cwd } : {}),
  };
}
