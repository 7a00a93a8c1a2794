/**
 * Cline's `cline_mcp_settings.json` and Roo Code's `mcp_settings.json` / `.roo/mcp.json`.
 *
 * Both use `mcpServers` with `disabled` (imported as a disabled server) and a per-server list of
 * tools the user already trusts: Cline's `autoApprove`, Roo's `alwaysAllow` (which may be
 * `["*"]`). Those become `allow` rules with source "import", so the user keeps what they decided.
 * Roo's `disabledTools` become `deny` rules. `timeout` is not imported: Dust gives every call
 * three minutes, and our approval deadline lives inside that.
 * Sources: cline/cline `src/services/mcp/schemas.ts`; Roo Code docs.
 */
import type { PolicyRule } from '../policy/rules.js';
import { parseMcpServersText } from './mcp-servers-config.js';
import type { ParseResult } from './types.js';

const HANDLED = new Set(['autoApprove', 'alwaysAllow', 'disabledTools', 'timeout', 'watchPaths']);

export function parseClineConfig(text: string, flavour: 'cline' | 'roo' = 'cline'): ParseResult {
  return parseMcpServersText(text, {
    source: flavour,
    expands: false,
    handledKeys: HANDLED,
    extra: (server, raw, out) => {
      for (const key of ['autoApprove', 'alwaysAllow'] as const) {
        for (const tool of toolList(raw[key], key, out.warnings))
          out.rules.push(rule(server, tool, 'allow'));
      }
      for (const tool of toolList(raw['disabledTools'], 'disabledTools', out.warnings))
        out.rules.push(rule(server, tool, 'deny'));
      if (typeof raw['timeout'] === 'number') {
        out.warnings.push(
          `timeout (${raw['timeout']} s) is not imported: Dust gives each call 3 minutes, and the approval deadline is set in Settings`,
        );
      }
      if (raw['watchPaths'] !== undefined)
        out.warnings.push(
          'watchPaths is not imported: restart the server from the tray after changing it',
        );
    },
  });
}

function rule(server: string, tool: string, action: PolicyRule['action']): PolicyRule {
  return { server, tool, action, source: 'import' };
}

function toolList(value: unknown, key: string, warnings: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warnings.push(`${key} is not a list of tool names; ignored`);
    return [];
  }
  const tools = value.filter((tool): tool is string => typeof tool === 'string' && tool.length > 0);
  if (tools.length !== value.length)
    warnings.push(`${key} has entries that are not tool names; those were ignored`);
  return [...new Set(tools)];
}
