/**
 * VS Code's MCP configuration: `.vscode/mcp.json` or the user `mcp.json` (`{servers, inputs}`),
 * or the older `"mcp": {servers, inputs}` section of `settings.json`. JSON with comments.
 *
 * `inputs` of type `promptString` are asked by VS Code when a server starts and kept in its
 * secret storage, so the file never has their values: an `${input:id}` in `env` becomes a
 * `${secret:NAME}` placeholder the user fills once in our UI (`secretsToFill`). Only stdio
 * servers are imported; `http`/`sse` ones are skipped with a reason.
 */
import { isRecord } from '../is-record.js';
import { parseJsonc } from './jsonc.js';
import { readServerMapInto } from './mcp-servers-config.js';
import {} from './server-entry.js';
import type { ImportVariables, ParsedConfig, ParseResult } from './types.js';
import { readVsCodeInputs } from './variables.js';

export function parseVsCodeConfig(text: string, variables: ImportVariables = {}): ParseResult {
  const parsed = parseJsonc(text);
  if (!parsed.ok) return parsed;
  if (!isRecord(parsed.value))
    return { ok: false, problem: 'The file must contain a JSON object ({ … }).' };
  const root = parsed.value;
  const nested = isRecord(root['mcp']) ? root['mcp'] : undefined;
  const section = root['servers'] !== undefined ? root : nested;
  const path = section === nested ? ['mcp', 'servers'] : ['servers'];
  const config: ParsedConfig = { source: 'vscode', servers: [], rules: [], skipped: [], notes: [] };
  if (section === undefined || section['servers'] === undefined) {
    config.notes.push('The file has no "servers" section, so there is nothing to import.');
    return { ok: true, config };
  }
  const servers = section['servers'];
  if (!isRecord(servers))
    return { ok: false, problem: `"${path.join('.')}" must be an object of servers by name.` };
  const inputs = readVsCodeInputs(section['inputs'], config.notes);
  readServerMapInto(config, servers, path, {
    source: 'vscode',
    expands: true,
    variables,
    inputs,
    handledKeys: new Set(['dev', 'gallery', 'version']),
  });
  return { ok: true, config };
}
