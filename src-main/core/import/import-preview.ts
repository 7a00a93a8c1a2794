/**
 * Import, step 1: text from another app → a preview the user reviews before anything changes.
 *
 * The preview (`ImportPreview`) holds no secret values: arguments that look like secrets are
 * masked, env is shown by key only, and each detected secret comes with the reason it was
 * flagged. It can go to the renderer as is. The raw values stay in `ImportPlan.servers`, in the
 * main process, for `applyImport` (import-apply.ts).
 */
import type { PolicyRule } from '../policy/rules.js';
import {
  detectSecret,
  detectSecretsInArgs,
  SECRET_PLACEHOLDER_TEST,
  type SecretFinding,
} from '../secrets/detect.js';
import { maskValue } from '../secrets/mask.js';
import { wholePlaceholder } from '../secrets/placeholders.js';
import { describeDustName, dustSlug, effectiveDustName } from '../settings/dust-name.js';
import { launchIdentity, remoteIdentity, sameIdentity } from '../settings/entry-parts.js';
import { isCredentialHeader } from '../settings/remote-entry.js';
import type { Settings } from '../settings/schema.js';
import { parseClaudeDesktopConfig } from './claude-desktop.js';
import { parseClineConfig } from './cline.js';
import { parseCursorConfig } from './cursor.js';
import type {
  ImportedServer,
  ImportSource,
  ImportVariables,
  ParsedConfig,
  ParseResult,
  SecretToFill,
  SkippedServer,
} from './types.js';
import { parseVsCodeConfig } from './vscode.js';

export interface PreviewServer {
  name: string;
  command: string;
  /** Arguments with secret-looking ones masked. */
  args: string[];
  envKeys: string[];
  cwd?: string;
  /** Folders it may see (MCP roots), e.g. the VS Code workspace folder. */
  roots?: string[];
  enabled: boolean;
  dustName: string;
  /** Why the Dust name differs from the local one, if it does. */
  dustNameNote?: string;
  /** Plain-text values that will be moved to the keychain (unless the user keeps them). */
  secretsFound: { envKey: string; reason: string }[];
  /** Placeholders without a value yet (VS Code inputs): the user enters them. */
  secretsToFill: SecretToFill[];
  warnings: string[];
  /** Set when a server of this name already exists in settings. */
  conflict?: { sameCommand: boolean };
  /** A remote server: `command` is its URL (origin + path) and `envKeys` its header names. */
  remote?: { url: string; host: string; transport: 'http' | 'sse' };
}

export interface ImportPreview {
  source: ImportSource;
  servers: PreviewServer[];
  rules: PolicyRule[];
  skipped: SkippedServer[];
  conflicts: { name: string; sameCommand: boolean }[];
  notes: string[];
}

/** The preview plus the raw values `applyImport` needs. Keep it in the main process. */
export interface ImportPlan {
  readonly preview: ImportPreview;
  readonly servers: readonly ImportedServer[];
  /** Findings per server name, with the env key each applies to. */
  readonly findings: ReadonlyMap<string, readonly SecretFinding[]>;
}

export type PreviewResult = { ok: true; plan: ImportPlan } | { ok: false; problem: string };

export function parseSource(
  text: string,
  source: ImportSource,
  variables: ImportVariables = {},
): ParseResult {
  switch (source) {
    case 'claude-desktop':
      return parseClaudeDesktopConfig(text);
    case 'cursor':
      return parseCursorConfig(text, variables);
    case 'vscode':
      return parseVsCodeConfig(text, variables);
    case 'cline':
    case 'roo':
      return parseClineConfig(text, source);
  }
}

export function previewImport(
  text: string,
  source: ImportSource,
  current: Settings,
  variables: ImportVariables = {},
): PreviewResult {
  const parsed = parseSource(text, source, variables);
  if (!parsed.ok) return parsed;
  return { ok: true, plan: planFromConfig(parsed.config, current) };
}

/**
 * Every value that must go to the keychain. Besides detector findings, a value that contains
 * "${secret:" text from the source is stored whole, so it reaches the server byte for byte
 * instead of being mistaken for one of our placeholders.
 */
export function findSecrets(server: ImportedServer): SecretFinding[] {
  const filled = new Set(server.secretsToFill.map((item) => item.envKey));
  return Object.keys(server.env)
    .sort()
    .flatMap((envKey) => {
      const value = server.env[envKey] ?? '';
      if (filled.has(envKey)) return [];
      if (wholePlaceholder(value) !== undefined) {
        return [
          {
            envKey,
            signal: 'placeholder' as const,
            reason:
              'value is "${secret:…}" text, so it is stored whole to reach the server unchanged',
          },
        ];
      }
      const finding = detectSecret(envKey, value);
      if (finding) return [finding];
      // Settings accept a credential header only as a placeholder, so it always goes to the
      // keychain.
      if (server.remote && isCredentialHeader(envKey) && !SECRET_PLACEHOLDER_TEST.test(value)) {
        return [{ envKey, signal: 'name' as const, reason: 'the header carries a credential' }];
      }
      return [];
    });
}

/** What grants and "same server?" are bound to: the command line, or a remote server's URL. */
export function importedIdentity(server: ImportedServer): {
  command: string;
  args: readonly string[];
} {
  return server.remote ? { command: remoteIdentity(server.remote.url), args: [] } : server;
}

export function planFromConfig(config: ParsedConfig, current: Settings): ImportPlan {
  const findings = new Map<string, SecretFinding[]>();
  const servers = config.servers.map((server): PreviewServer => {
    const found = findSecrets(server);
    findings.set(server.name, found);
    const argSecrets = detectSecretsInArgs(server.args);
    const masked = new Set(argSecrets.map((item) => item.index));
    const warnings = [
      ...server.warnings,
      ...argSecrets.map(
        (item) =>
          `args[${item.index}] looks like a secret (${item.reason}); arguments are visible to every process, so move it to an env variable`,
      ),
    ];
    const existing = Object.hasOwn(current.mcpServers, server.name)
      ? current.mcpServers[server.name]
      : undefined;
    const preview: PreviewServer = {
      name: server.name,
      command: importedIdentity(server).command,
      args: server.args.map((arg, index) => (masked.has(index) ? maskValue(arg) : arg)),
      envKeys: Object.keys(server.env).sort(),
      enabled: server.enabled,
      dustName: effectiveDustName(server.name, {}),
      secretsFound: found.map(({ envKey, reason }) => ({ envKey, reason })),
      secretsToFill: server.secretsToFill,
      warnings,
    };
    const note = describeDustName(server.name, {});
    if (note !== undefined) preview.dustNameNote = note;
    if (server.cwd !== undefined) preview.cwd = server.cwd;
    if (server.remote) {
      const url = new URL(server.remote.url);
      preview.remote = {
        url: remoteIdentity(server.remote.url),
        host: url.host,
        transport: server.remote.type === 'sse' ? 'sse' : 'http',
      };
    }
    if (existing)
      preview.conflict = {
        sameCommand: sameIdentity(launchIdentity(existing), importedIdentity(server)),
      };
    if (server.roots?.length) preview.roots = [...server.roots];
    return preview;
  });
  warnDustNameClashes(servers, current);
  const conflicts = servers.flatMap((s) =>
    s.conflict ? [{ name: s.name, sameCommand: s.conflict.sameCommand }] : [],
  );
  return {
    preview: {
      source: config.source,
      servers,
      rules: config.rules,
      skipped: config.skipped,
      conflicts,
      notes: config.notes,
    },
    servers: config.servers,
    findings,
  };
}

/**
 * Warns when an imported server would appear in Dust under the same slug as another one: the agent
 * would then see duplicate tool names (docs/protocol/client-side-mcp.md#tool-names). Servers being
 * replaced under their own name do not count against themselves.
 */
function warnDustNameClashes(servers: PreviewServer[], current: Settings): void {
  const owners = new Map<string, string[]>();
  const add = (slug: string, name: string): void =>
    void owners.set(slug, [...(owners.get(slug) ?? []), name]);
  const importing = new Set(servers.map((s) => s.name));
  for (const [name, entry] of Object.entries(current.mcpServers)) {
    if (!importing.has(name)) add(dustSlug(effectiveDustName(name, entry)), name);
  }
  for (const server of servers) add(dustSlug(server.dustName), server.name);
  for (const server of servers) {
    const others = (owners.get(dustSlug(server.dustName)) ?? []).filter(
      (name) => name !== server.name,
    );
    if (others.length === 0) continue;
    server.warnings.push(
      `Dust would show this server and ${others.map((n) => `"${n}"`).join(', ')} under the same name "${dustSlug(server.dustName)}", so the agent would see duplicate tool names; set a different Dust name for one of them`,
    );
  }
}
