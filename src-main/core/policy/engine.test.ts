import { describe, expect, it } from 'vitest';

import {
  evaluatePolicy,
  type PolicyBasis,
  type PolicyDecisionKind,
  type PolicyInput,
  ruleId,
  type ToolAnnotations,
} from './engine.js';
import type { Grant, GrantScope } from './grants.js';
import type { PolicyRule } from './rules.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const FP = 'a'.repeat(64);
const OLD_FP = 'b'.repeat(64);

const allow = (tool: string, server = 'fs'): PolicyRule => ({ server, tool, action: 'allow' });
const deny = (tool: string, server = 'fs'): PolicyRule => ({ server, tool, action: 'deny' });
const ask = (tool: string, server = 'fs'): PolicyRule => ({ server, tool, action: 'ask' });
const grant = (id: string, scope: GrantScope, overrides: Partial<Grant> = {}): Grant => ({
  id,
  server: 'fs',
  tool: 'read_file',
  scope,
  fingerprint: FP,
  createdAt: NOW - 60_000,
  reason: 'Approved from the tray',
  ...overrides,
});
const always = grant('g-always', { kind: 'always' });
const RO: ToolAnnotations = { readOnlyHint: true };

interface Case {
  name: string;
  tool?: string;
  rules?: PolicyRule[];
  grants?: Grant[];
  trusted?: boolean;
  annotations?: ToolAnnotations;
  conversationId?: string;
  fingerprint?: string;
  decision: PolicyDecisionKind;
  basis: PolicyBasis;
  reason: string;
}

const table: Case[] = [
  // 1. deny rules beat everything
  {
    name: 'per-tool deny > per-tool allow',
    rules: [allow('read_file'), deny('read_*')],
    decision: 'deny',
    basis: { kind: 'rule', id: 'fs/read_*:deny' },
    reason: 'Denied by your rule for fs/read_*',
  },
  {
    name: 'per-server deny > per-tool allow',
    rules: [allow('read_file'), deny('*')],
    decision: 'deny',
    basis: { kind: 'rule', id: 'fs/*:deny' },
    reason: 'Denied by your rule for fs/*',
  },
  {
    name: 'per-tool deny > per-server allow',
    rules: [allow('*'), deny('read_file')],
    decision: 'deny',
    basis: { kind: 'rule', id: 'fs/read_file:deny' },
    reason: 'Denied by your rule for fs/read_file',
  },
  {
    name: 'deny rule > always grant',
    rules: [deny('*')],
    grants: [always],
    decision: 'deny',
    basis: { kind: 'rule', id: 'fs/*:deny' },
    reason: 'Denied',
  },
  {
    name: 'deny rule > trusted read-only',
    rules: [deny('read_*')],
    trusted: true,
    annotations: RO,
    decision: 'deny',
    basis: { kind: 'rule', id: 'fs/read_*:deny' },
    reason: 'Denied',
  },
  {
    name: 'two deny rules: the more specific is named',
    rules: [deny('*'), deny('read_file')],
    decision: 'deny',
    basis: { kind: 'rule', id: 'fs/read_file:deny' },
    reason: 'fs/read_file',
  },
  // 2. per-tool rules beat per-server rules, grants and annotations
  {
    name: 'per-tool ask > per-server allow',
    rules: [allow('*'), ask('read_*')],
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/read_*:ask' },
    reason: 'Asked because of your rule for fs/read_*',
  },
  {
    name: 'per-tool allow > per-server ask',
    rules: [ask('*'), allow('read_*')],
    decision: 'allow',
    basis: { kind: 'rule', id: 'fs/read_*:allow' },
    reason: 'Allowed by your rule for fs/read_*',
  },
  {
    name: 'per-tool ask > always grant',
    rules: [ask('read_file')],
    grants: [always],
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/read_file:ask' },
    reason: 'Asked',
  },
  {
    name: 'per-tool ask > trusted read-only',
    rules: [ask('read_file')],
    trusted: true,
    annotations: RO,
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/read_file:ask' },
    reason: 'Asked',
  },
  {
    name: 'per-tool allow > default ask',
    rules: [allow('read_file')],
    decision: 'allow',
    basis: { kind: 'rule', id: 'fs/read_file:allow' },
    reason: 'Allowed',
  },
  {
    name: 'conflicting per-tool rules: the more specific allow wins',
    rules: [ask('read_*'), allow('read_file')],
    decision: 'allow',
    basis: { kind: 'rule', id: 'fs/read_file:allow' },
    reason: 'fs/read_file',
  },
  {
    name: 'conflicting per-tool rules: the more specific ask wins',
    rules: [allow('read_*'), ask('read_file')],
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/read_file:ask' },
    reason: 'fs/read_file',
  },
  {
    name: 'conflicting per-tool rules of equal specificity: ask wins',
    rules: [allow('read_*'), ask('read_*')],
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/read_*:ask' },
    reason: 'Asked',
  },
  {
    name: 'conflicting per-tool rules, listed the other way round',
    rules: [ask('*_file'), allow('read_*')],
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/*_file:ask' },
    reason: 'Asked',
  },
  // 3. per-server rules beat grants and annotations
  {
    name: 'per-server ask > always grant',
    rules: [ask('*')],
    grants: [always],
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/*:ask' },
    reason: 'fs/*',
  },
  {
    name: 'per-server ask > trusted read-only',
    rules: [ask('*')],
    trusted: true,
    annotations: RO,
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/*:ask' },
    reason: 'fs/*',
  },
  {
    name: 'per-server allow > default ask',
    rules: [allow('*')],
    decision: 'allow',
    basis: { kind: 'rule', id: 'fs/*:allow' },
    reason: 'Allowed by your rule for fs/*',
  },
  {
    name: 'conflicting per-server rules: ask wins',
    rules: [allow('*'), ask('*')],
    decision: 'ask',
    basis: { kind: 'rule', id: 'fs/*:ask' },
    reason: 'Asked',
  },
  // 4. grants beat annotations and the default
  {
    name: 'always grant > default ask',
    grants: [always],
    decision: 'allow',
    basis: { kind: 'grant', id: 'g-always' },
    reason: 'Always allowed by you',
  },
  {
    name: 'always grant > untrusted read-only ask',
    grants: [always],
    annotations: RO,
    decision: 'allow',
    basis: { kind: 'grant', id: 'g-always' },
    reason: 'Always allowed',
  },
  {
    name: 'grant > trusted read-only annotation',
    grants: [always],
    trusted: true,
    annotations: RO,
    decision: 'allow',
    basis: { kind: 'grant', id: 'g-always' },
    reason: 'Always allowed',
  },
  {
    name: 'once grant',
    grants: [grant('g1', { kind: 'once' })],
    decision: 'allow',
    basis: { kind: 'grant', id: 'g1' },
    reason: 'Allowed once',
  },
  {
    name: 'conversation grant in this conversation',
    grants: [grant('gc', { kind: 'conversation', conversationId: 'conv-1' })],
    decision: 'allow',
    basis: { kind: 'grant', id: 'gc' },
    reason: 'for this conversation',
  },
  {
    name: 'conversation grant in another conversation',
    grants: [grant('gc', { kind: 'conversation', conversationId: 'conv-2' })],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule or permission covers fs/read_file',
  },
  {
    name: 'until grant still valid',
    grants: [grant('gu', { kind: 'until', expiresAt: NOW + 3_600_000 })],
    decision: 'allow',
    basis: { kind: 'grant', id: 'gu' },
    reason: 'Allowed by you until 2026-01-01 13:00 UTC',
  },
  {
    name: 'expired until grant',
    grants: [grant('gu', { kind: 'until', expiresAt: NOW - 1 })],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'has expired',
  },
  {
    name: 'changed fingerprint',
    grants: [grant('g', { kind: 'always' }, { fingerprint: OLD_FP })],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'changed since you allowed it',
  },
  {
    name: 'changed fingerprint, but a current grant also exists',
    grants: [
      grant('old', { kind: 'always' }, { fingerprint: OLD_FP }),
      grant('new', { kind: 'once' }),
    ],
    decision: 'allow',
    basis: { kind: 'grant', id: 'new' },
    reason: 'Allowed once',
  },
  {
    name: 'grant for another tool',
    grants: [grant('g', { kind: 'always' }, { tool: 'write_file' })],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule or permission',
  },
  {
    name: 'grant for another server',
    grants: [grant('g', { kind: 'always' }, { server: 'git' })],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule or permission',
  },
  // 5. annotation defaults, trusted servers only
  {
    name: 'trusted read-only allows',
    trusted: true,
    annotations: RO,
    decision: 'allow',
    basis: { kind: 'annotation' },
    reason: 'says it only reads, and you trust fs',
  },
  {
    name: 'untrusted read-only asks',
    trusted: false,
    annotations: RO,
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'fs is not marked trusted',
  },
  {
    name: 'trusted with readOnlyHint false asks',
    trusted: true,
    annotations: { readOnlyHint: false },
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule or permission',
  },
  {
    name: 'trusted destructive tool asks',
    trusted: true,
    annotations: { destructiveHint: true },
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule or permission',
  },
  {
    name: 'trusted read-only with changed fingerprint still allowed by annotation',
    trusted: true,
    annotations: RO,
    grants: [grant('g', { kind: 'always' }, { fingerprint: OLD_FP })],
    decision: 'allow',
    basis: { kind: 'annotation' },
    reason: 'only reads',
  },
  // 6. ask by default; rules are scoped and case-sensitive
  {
    name: 'nothing at all',
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule or permission covers fs/read_file, so you are asked',
  },
  {
    name: 'rules of other servers do not apply',
    rules: [deny('*', 'git'), allow('read_file', 'git')],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule',
  },
  {
    name: 'a server "*" in a rule is literal, not a wildcard',
    rules: [deny('*', '*')],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule',
  },
  {
    name: 'tool globs are case-sensitive',
    rules: [deny('Read_*')],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'No rule',
  },
  {
    name: 'a rule for another tool does not apply',
    tool: 'write_file',
    rules: [allow('read_*')],
    decision: 'ask',
    basis: { kind: 'default' },
    reason: 'fs/write_file',
  },
];

describe('evaluatePolicy decision table', () => {
  it.each(table)('$name → $decision', (c) => {
    const input: PolicyInput = {
      call: {
        server: 'fs',
        tool: c.tool ?? 'read_file',
        annotations: c.annotations,
        conversationId: c.conversationId ?? 'conv-1',
        agentName: 'helper',
      },
      serverSettings: { trusted: c.trusted ?? false },
      rules: c.rules ?? [],
      grants: c.grants ?? [],
      fingerprint: c.fingerprint ?? FP,
      now: NOW,
    };
    const result = evaluatePolicy(input);
    expect(result.decision).toBe(c.decision);
    expect(result.basis).toEqual(c.basis);
    expect(result.reason).toContain(c.reason);
  });
});

describe('evaluatePolicy details', () => {
  const base: PolicyInput = {
    call: { server: 'fs', tool: 'write_file' },
    serverSettings: { trusted: false },
    rules: [],
    grants: [],
    fingerprint: FP,
    now: NOW,
  };

  it.each<[PolicyRule['source'], string]>([
    ['user', 'Denied by your rule for fs/write_*'],
    [undefined, 'Denied by your rule for fs/write_*'],
    ['import', 'Denied by an imported rule for fs/write_*'],
    ['headless-flag', 'Denied by the --allow flag for fs/write_*'],
  ])('names where a rule came from (%s)', (source, reason) => {
    const rule: PolicyRule =
      source === undefined ? deny('write_*') : { ...deny('write_*'), source };
    expect(evaluatePolicy({ ...base, rules: [rule] }).reason).toBe(reason);
  });

  it('does not match a conversation grant when the call has no conversation', () => {
    const grants = [
      grant('gc', { kind: 'conversation', conversationId: 'conv-1' }, { tool: 'write_file' }),
    ];
    expect(evaluatePolicy({ ...base, grants }).decision).toBe('ask');
  });

  it('treats an until grant as expired at exactly its expiry time', () => {
    const grants = [grant('gu', { kind: 'until', expiresAt: NOW }, { tool: 'write_file' })];
    expect(evaluatePolicy({ ...base, grants }).decision).toBe('ask');
    expect(evaluatePolicy({ ...base, grants, now: NOW - 1 }).decision).toBe('allow');
  });

  it('gives rules stable readable ids', () => {
    expect(ruleId({ server: 'fs', tool: 'read_*', action: 'allow' })).toBe('fs/read_*:allow');
  });
});
