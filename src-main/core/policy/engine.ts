/**
 * The policy engine: decides, without asking anyone, whether a tool call may run, must not run,
 * or needs a human. Pure, so the whole precedence can be tested as a decision table.
 *
 * Precedence, first match wins:
 *   1. deny rules (per-tool or per-server): a "never" always holds
 *   2. per-tool rules (allow / ask); the most specific glob wins, ask on a tie
 *   3. per-server rules (tool `*`); ask on a tie
 *   4. grants (once, this conversation, until a time, always), bound to the tool's fingerprint
 *   5. annotation defaults: `readOnlyHint: true` allows, but only on servers marked trusted,
 *      because hints are claims made by the server itself (MCP spec: "untrusted hints")
 *   6. ask
 * Every decision carries a reason in words, shown in the approval card and the activity log.
 */
import { changedFacets, type ToolFacet, type ToolFacets } from './fingerprint.js';
import { globSpecificity, isMatchAll, matchesGlob } from './glob.js';
import { findGrant, type Grant, type GrantScope } from './grants.js';
import type { PolicyRule } from './rules.js';

/** The subset of MCP tool annotations the engine reads. */
export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
  title?: string;
}

export interface PolicyCall {
  server: string;
  tool: string;
  annotations?: ToolAnnotations | undefined;
  conversationId?: string | undefined;
  agentName?: string | undefined;
}

export interface PolicyInput {
  call: PolicyCall;
  serverSettings: { trusted: boolean };
  rules: readonly PolicyRule[];
  grants: readonly Grant[];
  /** The tool's fingerprint now (fingerprint.ts). */
  fingerprint: string;
  /** Its parts now, to say what changed since an earlier grant. */
  facets?: ToolFacets;
  /** Epoch ms, from the Clock port. */
  now: number;
}

export type PolicyDecisionKind = 'allow' | 'deny' | 'ask';
export type PolicyBasis =
  | { kind: 'rule'; id: string }
  | { kind: 'grant'; id: string }
  | { kind: 'annotation' }
  | { kind: 'default' };

export interface PolicyDecision {
  decision: PolicyDecisionKind;
  reason: string;
  basis: PolicyBasis;
}

/** A stable id for a rule, also readable in logs: `server/tool:action`. */
export function ruleId(rule: PolicyRule): string {
  return `${rule.server}/${rule.tool}:${rule.action}`;
}

export function evaluatePolicy(input: PolicyInput): PolicyDecision {
  const { call } = input;
  const matching = input.rules.filter(
    (r) => r.server === call.server && matchesGlob(r.tool, call.tool),
  );

  const deny = pickRule(matching.filter((r) => r.action === 'deny'));
  if (deny) return fromRule(deny);
  const perTool = pickRule(matching.filter((r) => !isMatchAll(r.tool)));
  if (perTool) return fromRule(perTool);
  const perServer = pickRule(matching.filter((r) => isMatchAll(r.tool)));
  if (perServer) return fromRule(perServer);

  const subject = { ...call, fingerprint: input.fingerprint, now: input.now };
  const grant = findGrant(input.grants, subject);
  if (grant) {
    return {
      decision: 'allow',
      reason: grantReason(grant.scope),
      basis: { kind: 'grant', id: grant.id },
    };
  }

  if (call.annotations?.readOnlyHint === true) {
    if (input.serverSettings.trusted) {
      return {
        decision: 'allow',
        reason: `Allowed because ${call.tool} says it only reads, and you trust ${call.server}`,
        basis: { kind: 'annotation' },
      };
    }
    return {
      decision: 'ask',
      reason: `${call.tool} says it only reads, but ${call.server} is not marked trusted, so you are asked`,
      basis: { kind: 'default' },
    };
  }
  return { decision: 'ask', reason: defaultReason(input), basis: { kind: 'default' } };
}

/** Most specific glob first; on a tie the more cautious action (deny, then ask, then allow). */
const CAUTION: Record<PolicyRule['action'], number> = { deny: 0, ask: 1, allow: 2 };

function pickRule(rules: readonly PolicyRule[]): PolicyRule | undefined {
  let best: PolicyRule | undefined;
  for (const rule of rules) {
    if (!best) {
      best = rule;
      continue;
    }
    const bySpecificity = globSpecificity(rule.tool) - globSpecificity(best.tool);
    if (bySpecificity > 0 || (bySpecificity === 0 && CAUTION[rule.action] < CAUTION[best.action]))
      best = rule;
  }
  return best;
}

function ruleOwner(rule: PolicyRule): string {
  switch (rule.source) {
    case 'import':
      return 'an imported rule';
    case 'headless-flag':
      return 'the --allow flag';
    case 'user':
    case undefined:
      return 'your rule';
  }
}

function fromRule(rule: PolicyRule): PolicyDecision {
  const target = `${rule.server}/${rule.tool}`;
  const owner = ruleOwner(rule);
  const basis: PolicyBasis = { kind: 'rule', id: ruleId(rule) };
  switch (rule.action) {
    case 'deny':
      return { decision: 'deny', reason: `Denied by ${owner} for ${target}`, basis };
    case 'allow':
      return { decision: 'allow', reason: `Allowed by ${owner} for ${target}`, basis };
    case 'ask':
      return { decision: 'ask', reason: `Asked because of ${owner} for ${target}`, basis };
  }
}

function grantReason(scope: GrantScope): string {
  switch (scope.kind) {
    case 'once':
      return 'Allowed once by you, in advance';
    case 'conversation':
      return 'Allowed by you for this conversation';
    case 'until':
      return `Allowed by you until ${formatUtc(scope.expiresAt)}`;
    case 'always':
      return 'Always allowed by you';
  }
}

/** Explains an "ask" that an earlier permission nearly covered, so the user is not puzzled. */
function defaultReason(input: PolicyInput): string {
  const { call } = input;
  const sameTool = input.grants.filter((g) => g.server === call.server && g.tool === call.tool);
  const stale = sameTool.filter((g) => g.fingerprint !== input.fingerprint);
  if (stale.length > 0) {
    const facets = input.facets;
    const changed = facets
      ? [...new Set(stale.flatMap((g) => (g.facets ? changedFacets(g.facets, facets) : [])))]
      : [];
    if (changed.length > 0)
      return `Since you allowed ${call.tool}, ${listWords(changed.map((facet) => facetWords(facet, call.server)))} changed, so you are asked again`;
    return `${call.tool} or the way ${call.server} is started changed since you allowed it, so you are asked again`;
  }
  if (sameTool.some((g) => g.scope.kind === 'until' && g.scope.expiresAt <= input.now)) {
    return `Your permission for ${call.server}/${call.tool} has expired, so you are asked again`;
  }
  return `No rule or permission covers ${call.server}/${call.tool}, so you are asked`;
}

function facetWords(facet: ToolFacet, server: string): string {
  switch (facet) {
    case 'description':
      return 'its description';
    case 'title':
      return 'its title';
    case 'inputSchema':
      return 'its inputs';
    case 'annotations':
      return 'its hints (annotations)';
    case 'commandLine':
      return `the command that starts ${server}`;
  }
}

function listWords(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}

function formatUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
