/**
 * Import, step 2: the user's choices applied to a plan → new settings.
 *
 * Secrets are written to the keychain first and settings only refer to them, so a settings
 * file never holds a value the user agreed to move. The caller saves the returned settings; it
 * can then delete `obsoleteSecretKeys` (entries of replaced servers that nothing refers to any
 * more). Deleting them here, before the save, would break the old server if the save failed.
 */
import type { PolicyRule } from '../policy/rules.js';
import type { SecretStore } from '../ports.js';
import {
  placeholdersInEnv,
  secretNameForEnvKey,
  secretPlaceholder,
  secretStoreKey,
} from '../secrets/placeholders.js';
import { launchIdentity, sameIdentity, secretBearingValues } from '../settings/entry-parts.js';
import { parseSettingsValue } from '../settings/parse-settings.js';
import { isRemoteEntry } from '../settings/remote-entry.js';
import type { ServerEntry, Settings } from '../settings/schema.js';
import { importedIdentity, type ImportPlan } from './import-preview.js';
import { checkLocalName } from './server-entry.js';

export type ConflictChoice = 'skip' | 'replace' | { renameTo: string };

export interface ImportChoices {
  /** Names (as in the source) to import; default: every server in the plan. */
  servers?: readonly string[];
  /** For names already in settings; default 'skip', so nothing is overwritten unasked. */
  onConflict?: Readonly<Record<string, ConflictChoice>>;
  /** Env keys, per source server name, to keep as plain text despite the detector. */
  keepPlain?: Readonly<Record<string, readonly string[]>>;
  /** Values for `secretsToFill`, per source server name and secret name. */
  fillSecrets?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Whether to import the rules (Cline's auto-approve lists); default true. */
  importRules?: boolean;
}

export interface ImportResult {
  settings: Settings;
  /** Servers written, by final name (after renames). */
  imported: string[];
  skipped: { name: string; reason: string }[];
  movedSecrets: { server: string; envKey: string; storeKey: string }[];
  /** Placeholders still without a keychain value: the server will not start until filled. */
  unfilled: { server: string; secretName: string }[];
  obsoleteSecretKeys: string[];
}

/** Rejected choices (a rename onto a taken name); the message says which. */
export class ImportChoiceError extends Error {
  override name = 'ImportChoiceError';
}

export async function applyImport(
  plan: ImportPlan,
  choices: ImportChoices,
  store: SecretStore,
  current: Settings,
): Promise<ImportResult> {
  const wanted = new Set(choices.servers ?? plan.servers.map((s) => s.name));
  const mcpServers: Record<string, ServerEntry> = { ...current.mcpServers };
  const result: ImportResult = {
    settings: current,
    imported: [],
    skipped: [],
    movedSecrets: [],
    unfilled: [],
    obsoleteSecretKeys: [],
  };
  const finalNames = new Map<string, string>();

  for (const server of plan.servers) {
    if (!wanted.has(server.name)) continue;
    const target = targetName(server.name, current, choices, finalNames);
    if (target === undefined) {
      result.skipped.push({
        name: server.name,
        reason: `a server named "${server.name}" already exists`,
      });
      continue;
    }
    const keep = new Set(choices.keepPlain?.[server.name] ?? []);
    const env = { ...server.env };
    const used = new Set(placeholdersInEnv(env));
    for (const finding of plan.findings.get(server.name) ?? []) {
      if (keep.has(finding.envKey)) continue;
      const name = unique(secretNameForEnvKey(finding.envKey), used);
      const storeKey = secretStoreKey(target, name);
      await store.set(storeKey, env[finding.envKey] ?? '');
      env[finding.envKey] = secretPlaceholder(name);
      result.movedSecrets.push({ server: target, envKey: finding.envKey, storeKey });
    }
    for (const item of server.secretsToFill) {
      const value = choices.fillSecrets?.[server.name]?.[item.secretName];
      const key = secretStoreKey(target, item.secretName);
      if (value !== undefined && value.length > 0) await store.set(key, value);
      // A re-import may find the value already in the keychain from last time.
      else if ((await store.get(key)) === null)
        result.unfilled.push({ server: target, secretName: item.secretName });
    }
    const previous = Object.hasOwn(current.mcpServers, target)
      ? current.mcpServers[target]
      : undefined;
    if (previous) {
      const stillUsed = new Set(placeholdersInEnv(env));
      for (const name of placeholdersInEnv(secretBearingValues(previous))) {
        if (!stillUsed.has(name)) result.obsoleteSecretKeys.push(secretStoreKey(target, name));
      }
    }
    // Trust is given to a command line; a replaced server with a different one starts untrusted.
    const sameCommand =
      previous !== undefined && sameIdentity(launchIdentity(previous), importedIdentity(server));
    const trusted = sameCommand && previous.trusted;
    let entry: ServerEntry;
    if (server.remote) {
      // For a remote server, `env` holds its headers (remote-import.ts).
      entry = { url: server.remote.url, headers: env, enabled: server.enabled, trusted };
      if (server.remote.type !== undefined) entry.type = server.remote.type;
    } else {
      const stdio: ServerEntry = {
        command: server.command,
        args: [...server.args],
        env,
        enabled: server.enabled,
        trusted,
      };
      if (server.cwd !== undefined) stdio.cwd = server.cwd;
      const roots =
        server.roots ?? (previous && !isRemoteEntry(previous) ? previous.roots : undefined);
      if (roots?.length) stdio.roots = [...roots];
      entry = stdio;
    }
    if (previous?.dustName !== undefined) entry.dustName = previous.dustName;
    mcpServers[target] = entry;
    finalNames.set(server.name, target);
    result.imported.push(target);
  }

  const rules =
    choices.importRules === false
      ? current.rules
      : mergeRules(current.rules, plan.preview.rules, finalNames);
  const parsed = parseSettingsValue({ ...current, mcpServers, rules });
  if (!parsed.ok)
    throw new ImportChoiceError(`The imported servers do not fit the settings. ${parsed.problem}`);
  result.settings = parsed.settings;
  return result;
}

function targetName(
  name: string,
  current: Settings,
  choices: ImportChoices,
  taken: ReadonlyMap<string, string>,
): string | undefined {
  const exists = (candidate: string): boolean =>
    Object.hasOwn(current.mcpServers, candidate) || [...taken.values()].includes(candidate);
  if (!exists(name)) return name;
  const choice = choices.onConflict?.[name] ?? 'skip';
  if (choice === 'skip') return undefined;
  if (choice === 'replace') return name;
  const renamed = choice.renameTo.trim();
  const problem = checkLocalName(renamed);
  if (problem !== undefined)
    throw new ImportChoiceError(`"${choice.renameTo}" cannot be a server name: ${problem}`);
  if (exists(renamed))
    throw new ImportChoiceError(`Cannot rename "${name}" to "${renamed}": that name is taken too`);
  return renamed;
}

function unique(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}

/** Imported rules for imported servers (under their final names), without duplicates. */
function mergeRules(
  existing: readonly PolicyRule[],
  imported: readonly PolicyRule[],
  names: ReadonlyMap<string, string>,
): PolicyRule[] {
  const key = (r: PolicyRule): string => JSON.stringify([r.server, r.tool, r.action]);
  const seen = new Set(existing.map(key));
  const merged = [...existing];
  for (const rule of imported) {
    const server = names.get(rule.server);
    if (server === undefined) continue;
    const renamed: PolicyRule = { ...rule, server };
    if (seen.has(key(renamed))) continue;
    seen.add(key(renamed));
    merged.push(renamed);
  }
  return merged;
}
