import type { PolicyRule } from '../../core/policy/rules.js';

/**
 * An allow rule whose tool glob can match more than one tool (`*`, `read_*`): it lets tools run
 * without asking that nobody has seen yet, so the person confirms it in main. Deny and ask rules
 * only narrow, and a rule for one named tool is what the window's own buttons make.
 */
export function allowsManyTools(rule: Pick<PolicyRule, 'tool' | 'action'>): boolean {
  return rule.action === 'allow' && rule.tool.includes('*');
}
