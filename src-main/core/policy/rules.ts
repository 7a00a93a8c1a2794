/**
 * Policy rules: what the user (or an imported config) said about a server's tools.
 *
 * Shared by the settings file, the importers (Cline's `autoApprove`/`alwaysAllow` become `allow`
 * rules) and the policy engine. `tool` is a glob over the tool's original name (`*` matches any
 * run of characters); `server` is the local server's name as in `mcpServers`.
 */
export type RuleAction = 'allow' | 'deny' | 'ask';

export interface PolicyRule {
  server: string;
  tool: string;
  action: RuleAction;
  /** Where the rule came from, shown in the UI as the reason ("imported from Cline"). */
  source?: 'user' | 'import' | 'headless-flag';
}
