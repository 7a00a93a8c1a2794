/**
 * Export of the local servers as the `{"mcpServers": {…}}` JSON that Claude Desktop, Cursor,
 * Cline and Roo read.
 *
 * Secrets stay where they are: a `${secret:NAME}` placeholder is exported as written, and listed
 * with its server so the person knows which values to fill in by hand on the other side. No
 * keychain value is read here, so an export can never carry one. Our own fields (enabled,
 * trusted, dustName, description) are left out: the other apps do not know them.
 */
import { placeholdersIn } from '../secrets/placeholders.js';
import { isRemoteEntry, type Settings } from '../settings/schema.js';

type ExportedEntry =
  | { command: string; args: string[]; env?: Record<string, string>; cwd?: string }
  | { type: 'http' | 'sse'; url: string; headers?: Record<string, string> };

export interface ServersExport {
  /** Pretty-printed JSON, ready to paste or save as a file. */
  json: string;
  serverCount: number;
  /** Values the other app needs but the export does not hold: keychain placeholders, by server. */
  toFill: Array<{ server: string; key: string; placeholder: string }>;
}

export function exportMcpServers(settings: Settings): ServersExport {
  const mcpServers: Record<string, ExportedEntry> = {};
  const toFill: ServersExport['toFill'] = [];
  for (const [name, entry] of Object.entries(settings.mcpServers)) {
    if (isRemoteEntry(entry)) {
      // VS Code's form ("type" + "url"), which Cursor and Claude Desktop's remote entries read too.
      const headers = { ...entry.headers };
      for (const [key, value] of Object.entries(headers)) {
        for (const secret of placeholdersIn(value))
          toFill.push({ server: name, key, placeholder: `\${secret:${secret}}` });
      }
      mcpServers[name] = {
        type: entry.type ?? 'http',
        url: entry.url,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      };
      continue;
    }
    const env = { ...entry.env };
    for (const [key, value] of Object.entries(env)) {
      for (const secret of placeholdersIn(value))
        toFill.push({ server: name, key, placeholder: `\${secret:${secret}}` });
    }
    mcpServers[name] = {
      command: entry.command,
      args: [...entry.args],
      ...(Object.keys(env).length > 0 ? { env } : {}),
      ...(entry.cwd ? { cwd: entry.cwd } : {}),
    };
  }
  return {
    json: `${JSON.stringify({ mcpServers }, null, 2)}\n`,
    serverCount: Object.keys(mcpServers).length,
    toFill,
  };
}
