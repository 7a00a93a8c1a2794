import type { ApprovalService } from '../approvals/approval-service.js';
import type { RememberChoice, ToolInfo } from '../approvals/approval-types.js';
import type { CancellationToken } from '../cancellation.js';
import { evaluatePolicy } from '../policy/engine.js';
import { toolFingerprint } from '../policy/fingerprint.js';
import type { GrantScope } from '../policy/grants.js';
import { scopeForHours } from '../policy/grants.js';
import type { PolicyRule } from '../policy/rules.js';
import type { Clock, Random } from '../ports.js';
import { activityId } from '../relay/dust-request-id.js';
import type { CallGate, GatedCall, GateDecision } from '../relay/relay-ports.js';
import type { GrantStore } from './grant-store.js';

export interface GateSettings {
  rules(): readonly PolicyRule[];
  /** The server's command line (for fingerprints) and whether the user trusts its read-only hints. */
  server(serverName: string): { command: string; args: readonly string[]; trusted: boolean } | undefined;
}

export interface PolicyGateDeps {
  settings: GateSettings;
  grants: GrantStore;
  clock: Clock;
  random: Random;
  /** Null in headless mode: there is no person, so "ask" becomes a denial with that reason. */
  approvals: ApprovalService | null;
  /** While set and in the future, "ask" becomes a denial: the person paused approvals. */
  pausedUntil?: () => number | undefined;
}

const NO_PERSON_REASON = 'No rule allows this call, and headless mode has no one to ask (add --allow SERVER/TOOL).';

/**
 * The approval gate: the policy engine decides, a person answers what it cannot, and a
 * remembered answer becomes a grant bound to the tool's fingerprint.
 */
export class PolicyGate implements CallGate {
  /**
   * Fingerprints by tool object: the server's tool list hands out the same object until it
   * changes, and hashing the canonical JSON of every call's tool was a few % of the relay's CPU
   * under load. Keyed also by the command line, which can change under the same tool object.
   */
  private readonly fingerprints = new WeakMap<GatedCall['tool'], { commandLine: string; fingerprint: string }>();

  constructor(private readonly deps: PolicyGateDeps) {}

  private fingerprintOf(server: { command: string; args: readonly string[] }, tool: GatedCall['tool']): string {
    const commandLine = JSON.stringify([server.command, server.args]);
    const known = this.fingerprints.get(tool);
    if (known?.commandLine === commandLine) return known.fingerprint;
    const fingerprint = toolFingerprint(server, tool);
    this.fingerprints.set(tool, { commandLine, fingerprint });
    return fingerprint;
  }

  async decide(call: GatedCall, cancellation: CancellationToken): Promise<GateDecision> {
    const { settings, grants, clock } = this.deps;
    const server = settings.server(call.serverName);
    if (!server) return { allow: false, reason: `"${call.serverName}" is no longer configured.`, by: 'policy' };
    const fingerprint = this.fingerprintOf(server, call.tool);
    const now = clock.now();
    const policy = evaluatePolicy({
      call: { server: call.serverName, tool: call.tool.name, annotations: call.tool.annotations, conversationId: call.conversationId },
      serverSettings: { trusted: server.trusted },
      rules: settings.rules(),
      grants: grants.expire(now),
      fingerprint,
      now,
    });
    if (policy.decision === 'allow') {
      if (policy.basis.kind === 'grant') grants.consume(policy.basis.id);
      return { allow: true, reason: policy.reason, by: 'policy' };
    }
    if (policy.decision === 'deny') return { allow: false, reason: policy.reason, by: 'policy' };
    if (!this.deps.approvals) return { allow: false, reason: NO_PERSON_REASON, by: 'policy' };
    const pausedUntil = this.deps.pausedUntil?.();
    if (pausedUntil !== undefined && pausedUntil > now) {
      const minutes = Math.ceil((pausedUntil - now) / 60_000);
      return { allow: false, reason: `Approvals are paused for ${minutes} more min, so this call was not run.`, by: 'policy' };
    }

    const result = await this.deps.approvals.requestApproval(
      {
        server: call.serverName,
        tool: call.tool.name,
        arguments: call.arguments,
        ...(call.conversationId ? { conversationId: call.conversationId } : {}),
        policyReason: policy.reason,
        ...(call.publishedAt === undefined ? {} : { publishedAt: call.publishedAt }),
        toolInfo: toolInfoOf(call.tool),
        requestId: activityId(call.requestId),
      },
      cancellation,
    );
    if (result.decision.verdict === 'deny') return { allow: false, reason: result.reason, by: result.by };
    const scope = this.scopeFor(result.decision.remember, call, now);
    if (scope) {
      grants.add({
        id: `grant_${this.deps.random.hex(8)}`,
        server: call.serverName,
        tool: call.tool.name,
        scope,
        fingerprint,
        createdAt: now,
        reason: describeScope(scope),
      });
    }
    const edited = result.decision.arguments;
    return { allow: true, reason: result.reason, by: result.by, ...(edited ? { arguments: edited } : {}) };
  }

  private scopeFor(remember: RememberChoice, call: GatedCall, now: number): GrantScope | undefined {
    switch (remember.kind) {
      case 'once':
        return undefined;
      case 'conversation':
        return call.conversationId ? { kind: 'conversation', conversationId: call.conversationId } : undefined;
      case 'hours':
        return scopeForHours(now, remember.hours);
      case 'always':
        return { kind: 'always' };
    }
  }
}

/** What the card needs from the tool's listing: its input schema and its own risk hints. */
function toolInfoOf(tool: GatedCall['tool']): ToolInfo {
  const hints = tool.annotations;
  return {
    ...(tool.inputSchema === undefined ? {} : { inputSchema: tool.inputSchema }),
    ...(typeof hints?.readOnlyHint === 'boolean' ? { readOnlyHint: hints.readOnlyHint } : {}),
    ...(typeof hints?.destructiveHint === 'boolean' ? { destructiveHint: hints.destructiveHint } : {}),
  };
}

function describeScope(scope: GrantScope): string {
  switch (scope.kind) {
    case 'once':
      return 'Allowed once';
    case 'conversation':
      return 'Allowed for one conversation';
    case 'until':
      return 'Allowed for a while';
    case 'always':
      return 'Always allowed';
  }
}
