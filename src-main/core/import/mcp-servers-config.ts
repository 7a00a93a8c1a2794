/**
 * The `{"mcpServers": {name: {command, args, env}}}` family (Claude Desktop, Cursor, Cline, Roo),
 * read with the shared entry reader, so the importers differ only in what they add.
 */
import { IMPORT_SOURCE_LABELS } from '../../shared/import-sources.js';
import { isRecord } from '../is-record.js';
import type { PolicyRule } from '../policy/rules.js';
import { parseJsonc } from './jsonc.js';
import { readServerEntry } from './server-entry.js';
import {
  type ImportSource,
  type ImportVariables,
  type ParsedConfig,
  type ParseResult,
} from './types.js';
import { applyVariables } from './variables.js';

export interface McpServersOptions {
  source: ImportSource;
  /** Whether the app expands `${…}` variables (Cursor) or passes them through (Claude, Cline). */
  expands: boolean;
  variables?: ImportVariables;
  /** Source-specific keys read by `extra`, so they are not reported as ignored. */
  handledKeys?: ReadonlySet<string>;
  /** Reads source-specific fields of one entry (Cline's autoApprove → rules). */
  extra?: (
    name: string,
    raw: Record<string, unknown>,
    out: { rules: PolicyRule[]; warnings: string[] },
  ) => void;
}

export function parseMcpServersText(text: string, options: McpServersOptions): ParseResult {
  const parsed = parseJsonc(text);
  if (!parsed.ok) return parsed;
  if (!isRecord(parsed.value))
    return { ok: false, problem: 'The file must contain a JSON object ({ … }).' };
  const config: ParsedConfig = {
    source: options.source,
    servers: [],
    rules: [],
    skipped: [],
    notes: [],
  };
  const map = parsed.value['mcpServers'];
  if (map === undefined) {
    config.notes.push('The file has no "mcpServers" section, so there is nothing to import.');
    return { ok: true, config };
  }
  if (!isRecord(map))
    return { ok: false, problem: '"mcpServers" must be an object of servers by name.' };
  readServerMapInto(config, map, ['mcpServers'], options);
  return { ok: true, config };
}

/** Reads every entry of a server map into `config` (shared with the VS Code importer). */
export function readServerMapInto(
  config: ParsedConfig,
  map: Record<string, unknown>,
  path: readonly string[],
  options: McpServersOptions & { inputs?: Parameters<typeof applyVariables>[1]['inputs'] },
): void {
  for (const [name, raw] of Object.entries(map)) {
    const entry = readServerEntry(name, raw, path, options.handledKeys ?? new Set());
    if (!entry.ok) {
      config.skipped.push(entry.skipped);
      continue;
    }
    const { server } = entry;
    applyVariables(server, {
      expands: options.expands,
      variables: options.variables ?? {},
      sourceLabel: IMPORT_SOURCE_LABELS[options.source],
      ...(options.inputs ? { inputs: options.inputs } : {}),
    });
    options.extra?.(name, entry.raw, { rules: config.rules, warnings: server.warnings });
    config.servers.push(server);
  }
}
