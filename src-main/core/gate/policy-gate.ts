import type { ApprovalService } from '../approvals/approval-service.js';
import type { RememberChoice, ToolInfo } from '../approvals/approval-types.js';
import type { CancellationToken } from '../cancellation.js';
import { Disposable } from '../lifecycle.js';
import { evaluatePolicy, type PolicyDecision } from '../policy/engine.js';
import { type ToolFacets, toolFacets, toolFingerprint } from '../policy/fingerprint.js';
import type { GrantScope } from '../policy/grants.js';
import { scopeForHours } from '../policy/grants.js';
import type { PolicyRule } from '../policy/rules.js';
import type { Clock, Random } from '../ports.js';
import { activityId } from '../relay/dust-request-id.js';
import type { CallGate, GatedCall, GateDecision } from '../relay/relay-ports.js';
import type { GrantStore } from './grant-store.js';

export interface GateSettings {
  rules(): readonly PolicyRule[];
  /**
   * The server's command line (for fingerprints) and whether the user trusts its read-only hints.
   */
  server(
    serverName: string,
  ): { command: string; args: readonly string[]; trusted: boolean } | undefined;
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
  /** Calls that may wait for the person per server; beyond it, denied at once. */
  maxPendingPerServer?: number;
}

/**
 * A person answers a few calls at a time; an agent in a loop (or a hostile publisher) can send
 * thousands. Beyond this many waiting on one server, a call is denied at once, in words, instead
 * of becoming one more card and one more notification.
 */
export const MAX_PENDING_PER_SERVER = 20;

const NO_PERSON_REASON =
  'No rule allows this call, and headless mode has no one to ask (add --allow SERVER/TOOL).';

/**
 * The approval gate: the policy engine decides, a person answers what it cannot, and a
 * remembered answer becomes a grant bound to the tool's fingerprint.
 */
export class PolicyGate extends Disposable implements CallGate {
  /**
   * Fingerprints by tool object: the server's tool list hands out the same object until it
   * changes, and hashing the canonical JSON of every call's tool was a few % of the relay's CPU
   * under load. Keyed also by the command line, which can change under the same tool object:
   * compared word by word with a copy kept here (serialising it per call also showed).
   */
  private readonly fingerprints = new WeakMap<
    GatedCall['tool'],
    { command: string; args: readonly string[]; fingerprint: string; facets: ToolFacets }
  >();
  /**
   * The calls in front of the person now, by approval callId, so a new permission can settle them.
   */
  private readonly waiting = new Map<string, GatedCall>();
  private rechecking = false;

  constructor(private readonly deps: PolicyGateDeps) {
    super();
    // A grant given (or consumed) while other calls wait may cover them: look again at once.
    this._register(deps.grants.onDidChange(() => this.recheckWaiting()));
  }

  /**
   * Puts every waiting call through the policy again: a permission or rule that now covers one
   * settles it at once (allowed or refused), instead of leaving the person to click through
   * identical cards. Call it when the rules change; grant changes are seen by the gate itself.
   */
  recheckWaiting(): void {
    if (this.rechecking || !this.deps.approvals) return;
    this.rechecking = true;
    try {
      for (const [callId, call] of [...this.waiting]) {
        const policy = this.evaluate(call);
        if (!policy || policy.decision === 'ask') continue;
        this.waiting.delete(callId);
        if (policy.decision === 'allow' && policy.basis.kind === 'grant')
          this.deps.grants.consume(policy.basis.id);
        this.deps.approvals.settleByPolicy(
          callId,
          policy.decision === 'allow' ? 'approve' : 'deny',
          settledWords(policy),
        );
      }
    } finally {
      this.rechecking = false;
    }
  }

  private evaluate(call: GatedCall): PolicyDecision | undefined {
    const { settings, grants, clock } = this.deps;
    const server = settings.server(call.serverName);
    if (!server) return undefined;
    const now = clock.now();
    return evaluatePolicy({
      call: {
        server: call.serverName,
        tool: call.tool.name,
        annotations: call.tool.annotations,
        conversationId: call.conversationId,
      },
      serverSettings: { trusted: server.trusted },
      rules: settings.rules(),
      grants: grants.expire(now),
      ...this.fingerprintOf(server, call.tool),
      now,
    });
  }

  private fingerprintOf(
    server: { command: string; args: readonly string[] },
    tool: GatedCall['tool'],
  ): { fingerprint: string; facets: ToolFacets } {
    const known = this.fingerprints.get(tool);
    if (known && known.command === server.command && sameWords(known.args, server.args))
      return known;
    const computed = {
      command: server.command,
      args: [...server.args],
      fingerprint: toolFingerprint(server, tool),
      facets: toolFacets(server, tool),
    };
    this.fingerprints.set(tool, computed);
    return computed;
  }

  async decide(call: GatedCall, cancellation: CancellationToken): Promise<GateDecision> {
    const { settings, grants, clock } = this.deps;
    const server = settings.server(call.serverName);
    if (!server)
      return {
        allow: false,
        reason: `"${call.serverName}" is no longer configured.`,
        by: 'policy',
      };
    const { fingerprint, facets } = this.fingerprintOf(server, call.tool);
    const now = clock.now();
    const policy = evaluatePolicy({
      call: {
        server: call.serverName,
        tool: call.tool.name,
        annotations: call.tool.annotations,
        conversationId: call.conversationId,
      },
      serverSettings: { trusted: server.trusted },
      rules: settings.rules(),
      grants: grants.expire(now),
      fingerprint,
      facets,
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
      return {
        allow: false,
        reason: `Approvals are paused for ${minutes} more min, so this call was not run.`,
        by: 'policy',
      };
    }
    const cap = this.deps.maxPendingPerServer ?? MAX_PENDING_PER_SERVER;
    if (this.deps.approvals.pendingCountFor(call.serverName) >= cap) {
      return {
        allow: false,
        reason: `${cap} calls are already waiting for you on "${call.serverName}", so this one was denied without asking. Answer those first, or try again later.`,
        by: 'policy',
      };
    }

    const callId = `call_${this.deps.random.hex(8)}`;
    this.waiting.set(callId, call);
    const result = await this.deps.approvals
      .requestApproval(
        {
          callId,
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
      )
      .finally(() => this.waiting.delete(callId));
    if (result.decision.verdict === 'deny')
      return { allow: false, reason: result.reason, by: result.by };
    if (result.by === 'policy') return { allow: true, reason: result.reason, by: 'policy' };
    const scope = this.scopeFor(result.decision.remember, call, now);
    if (scope) {
      grants.add({
        id: `grant_${this.deps.random.hex(8)}`,
        server: call.serverName,
        tool: call.tool.name,
        scope,
        fingerprint,
        facets,
        createdAt: now,
        reason: describeScope(scope),
      });
    }
    const edited = result.decision.arguments;
    return {
      allow: true,
      reason: result.reason,
      by: result.by,
      ...(edited ? { arguments: edited } : {}),
    };
  }

  private scopeFor(remember: RememberChoice, call: GatedCall, now: number): GrantScope | undefined {
    switch (remember.kind) {
      case 'once':
        return undefined;
      case 'conversation':
        return call.conversationId
          ? { kind: 'conversation', conversationId: call.conversationId }
          : undefined;
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
    ...(typeof hints?.destructiveHint === 'boolean'
      ? { destructiveHint: hints.destructiveHint }
      : {}),
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

/** Why a waiting call was settled without the person: the permission or rule, in words. */
function settledWords(policy: PolicyDecision): string {
  const what =
    policy.basis.kind === 'grant'
      ? 'a permission you gave'
      : policy.basis.kind === 'rule'
        ? 'a rule you saved'
        : 'the policy';
  return `${policy.reason} (${what} while it waited)`;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
