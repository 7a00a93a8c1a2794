/**
 * What every importer produces: servers in our shape, rules, and what was left out and why.
 *
 * Importers only read text; nothing here touches the other app's file (config writers in other
 * apps have wiped people's `env` before, e.g. mattt/iMCP PR #48), the keychain or our settings.
 */
import type { ImportSource } from '../../shared/import-sources.js';
import type { PolicyRule } from '../policy/rules.js';

export type { ImportSource };

/**
 * A placeholder in the imported env that needs a value the source file does not contain.
 * Named after the VS Code input id; one per input even if several env keys use it.
 */
export interface SecretToFill {
  /** The first env key that uses it. */
  envKey: string;
  secretName: string;
  reason: string;
}

/**
 * One server (stdio, or remote with `remote` set) as read from the source, with raw values (main
 * process only).
 */
export interface ImportedServer {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /**
   * Folders it may see (MCP roots): the VS Code workspace folder, when the server's config uses
   * `${workspaceFolder}` and we know which folder that is (VS Code shows servers that folder).
   */
  roots?: string[];
  enabled: boolean;
  /** Placeholders the importer wrote itself (VS Code `${input:…}`), to be filled by the user. */
  secretsToFill: SecretToFill[];
  warnings: string[];
  /**
   * Set for a remote server (`url` in the source). `command` and `args` are then empty, and
   * `env` holds its HTTP headers, so the same secret handling applies (remote-import.ts).
   */
  remote?: { url: string; type?: 'http' | 'sse' };
}

export interface SkippedServer {
  name: string;
  reason: string;
}

export interface ParsedConfig {
  source: ImportSource;
  servers: ImportedServer[];
  rules: PolicyRule[];
  skipped: SkippedServer[];
  /** File-level remarks ("no mcpServers section"). */
  notes: string[];
}

export type ParseResult = { ok: true; config: ParsedConfig } | { ok: false; problem: string };

/** Values for VS Code/Cursor variables that the importer can substitute. */
export interface ImportVariables {
  /** The folder containing `.vscode/mcp.json` (or the Cursor project), for `${workspaceFolder}`. */
  workspaceFolder?: string;
  /** The user's home directory, for `${userHome}`. */
  userHome?: string;
  /** "/" or "\\", for `${pathSeparator}` and `${/}`. */
  pathSeparator?: string;
}
