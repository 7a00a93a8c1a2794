/**
 * Add, edit, rename and remove servers from the window, with their secrets in the keychain.
 *
 * Order matters for secrets: values are written to the keychain before settings refer to them,
 * and old entries are deleted only after the settings that stopped using them were saved, so a
 * failure halfway never leaves a server pointing at a secret that is gone.
 */
import type { GrantStore } from '../../core/gate/grant-store.js';
import type { LocalServerSpec, SecretStore } from '../../core/ports.js';
import { detectSecret } from '../../core/secrets/detect.js';
import { maskValue } from '../../core/secrets/mask.js';
import {
  placeholdersIn,
  placeholdersInEnv,
  secretNameForEnvKey,
  secretPlaceholder,
  secretStoreKey,
  wholePlaceholder,
} from '../../core/secrets/placeholders.js';
import { describeDustName, effectiveDustName } from '../../core/settings/dust-name.js';
import { secretBearingValues } from '../../core/settings/entry-parts.js';
import { isRemoteEntry, type ServerEntry, type Settings } from '../../core/settings/schema.js';
import { SettingsError, type SettingsStore } from '../../core/settings/settings-store.js';
import type { EnvEntryDto, ServerFormDto, ServerFormInput } from '../../shared/contract/servers.js';
import { commandLineOfEntry, sameCommandLine } from '../consent/command-line.js';
import type { ConsentItem } from '../consent/confirmation.js';
import type { ConsentService } from '../consent/consent-service.js';
import { HandlerError } from '../ipc-router.js';
import type { ServerControl } from './server-control.js';
import { entryFromPlan, type FormPlan, maskArgs, planForm } from './server-form.js';

export interface ServerEditorDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  grants: GrantStore;
  servers: Pick<ServerControl, 'restart'>;
  /** Whether a command can be found without running it (McpProcesses.commandAvailable). */
  commandAvailable?: (spec: LocalServerSpec) => Promise<boolean>;
  consent: Pick<ConsentService, 'require'>;
}

export class ServerEditor {
  constructor(private readonly deps: ServerEditorDeps) {}

  /** The entry as the form shows it: plain values in clear, secrets masked, never a value. */
  async get(name: string): Promise<ServerFormDto> {
    const entry = this.entry(name);
    const env: EnvEntryDto[] = [];
    for (const [key, value] of Object.entries(secretBearingValues(entry))) {
      const names = placeholdersIn(value);
      if (names.length > 0) {
        const stored = await Promise.all(
          names.map((secret) => this.deps.secrets.get(secretStoreKey(name, secret))),
        );
        const whole = wholePlaceholder(value) !== undefined ? stored[0] : null;
        env.push({
          key,
          isSecret: true,
          masked: typeof whole === 'string' ? maskValue(whole) : '••••',
          ...(stored.includes(null) ? { missing: true } : {}),
        });
      } else if (detectSecret(key, value)) {
        // Kept as plain text at the user's choice, but it still looks like a secret: masked too.
        env.push({ key, isSecret: false, masked: maskValue(value) });
      } else {
        env.push({ key, value, isSecret: false });
      }
    }
    const note = describeDustName(name, entry);
    const launch = isRemoteEntry(entry)
      ? {
          command: '',
          args: [],
          maskedArgs: [],
          remote: {
            url: entry.url,
            transport: entry.type === 'sse' ? ('sse' as const) : ('http' as const),
          },
        }
      : {
          command: entry.command,
          ...maskArgs(entry.args),
          ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
          ...(entry.roots?.length ? { roots: [...entry.roots] } : {}),
        };
    return {
      name,
      ...launch,
      env,
      enabled: entry.enabled,
      trusted: entry.trusted,
      effectiveDustName: effectiveDustName(name, entry),
      ...(entry.dustName !== undefined ? { dustName: entry.dustName } : {}),
      ...(note !== undefined ? { dustNameNote: note } : {}),
    };
  }

  async save(input: ServerFormInput): Promise<{ name: string; warning?: string }> {
    const { settings, secrets } = this.deps;
    const from = input.originalName;
    const previous = from === undefined ? undefined : this.entry(from);
    const plan = planForm(input, previous);
    const target = plan.name;
    if (target !== from && Object.hasOwn(settings.settings.mcpServers, target)) {
      throw new HandlerError('bad_input', `name: a server named "${target}" already exists`);
    }
    const warning = input.saveAnyway ? undefined : await this.missingCommand(plan, previous);
    if (warning) return { name: target, warning };
    // Names kept from the stored env first, so a new secret never takes an existing one's name.
    const used = new Set(
      plan.env.flatMap((item) => (item.kind === 'keep' ? placeholdersIn(item.stored) : [])),
    );
    const env: Record<string, string> = {};
    const writes: Array<[string, string]> = [];
    for (const item of plan.env) {
      if (item.kind === 'plain') env[item.key] = item.value;
      else if (item.kind === 'keep') env[item.key] = item.stored;
      else {
        const secretName = unique(secretNameForEnvKey(item.key), used);
        writes.push([secretStoreKey(target, secretName), item.value]);
        env[item.key] = secretPlaceholder(secretName);
      }
    }
    const entry: ServerEntry = entryFromPlan(plan, env);
    await this.deps.consent.require('save', consentFor(target, entry, previous));
    if (from !== undefined && from !== target) {
      // A rename: kept secrets are copied to the new name's entries (the old ones go after the
      // save).
      for (const secretName of placeholdersInEnv(env)) {
        if (writes.some(([key]) => key === secretStoreKey(target, secretName))) continue;
        const value = await secrets.get(secretStoreKey(from, secretName));
        if (value !== null) writes.push([secretStoreKey(target, secretName), value]);
      }
    }
    // What the keychain held before, so a refused save can put it back (nothing half-changed).
    const before = await Promise.all(
      writes.map(async ([key]) => [key, await secrets.get(key)] as const),
    );
    try {
      for (const [key, value] of writes) await secrets.set(key, value);
      await this.update((current) => {
        if (target !== from && Object.hasOwn(current.mcpServers, target))
          throw new HandlerError('bad_input', `name: a server named "${target}" already exists`);
        const mcpServers = replaceKey(current.mcpServers, from ?? target, target, entry);
        const rules =
          from !== undefined && from !== target
            ? current.rules.map((rule) =>
                rule.server === from ? { ...rule, server: target } : rule,
              )
            : current.rules;
        return { ...current, mcpServers, rules };
      });
    } catch (error) {
      for (const [key, value] of before)
        await (value === null ? secrets.delete(key) : secrets.set(key, value)).catch(
          () => undefined,
        );
      throw error;
    }
    if (previous && from !== undefined) {
      const stillUsed = from === target ? new Set(placeholdersInEnv(env)) : new Set<string>();
      for (const secretName of placeholdersInEnv(secretBearingValues(previous))) {
        if (!stillUsed.has(secretName))
          await secrets.delete(secretStoreKey(from, secretName)).catch(() => undefined);
      }
      if (from !== target) this.deps.grants.revokeAll({ server: from });
      // Only a secret's value changed: the settings look the same to the runtime, so restart here.
      if (
        from === target &&
        writes.length > 0 &&
        JSON.stringify(secretBearingValues(previous)) === JSON.stringify(env)
      ) {
        await this.deps.servers.restart(target);
      }
    }
    return { name: target };
  }

  /**
   * Warns before saving an enabled server whose command cannot be found (it could only fail to
   * start). Checked when the command, its folder or its PATH changed, so an unchanged server
   * saves quietly. Only plain env values are used to look it up: secrets stay in the keychain.
   */
  private async missingCommand(
    plan: FormPlan,
    previous: ServerEntry | undefined,
  ): Promise<string | undefined> {
    const check = this.deps.commandAvailable;
    // A remote server runs nothing here: there is no command to look for.
    if (!check || !plan.base.enabled || plan.remote) return undefined;
    const plainEnv = Object.fromEntries(
      plan.env.flatMap((item) => (item.kind === 'plain' ? [[item.key, item.value]] : [])),
    );
    const unchanged =
      previous &&
      !isRemoteEntry(previous) &&
      previous.command === plan.base.command &&
      previous.cwd === plan.base.cwd &&
      previous.env['PATH'] === plainEnv['PATH'];
    if (unchanged) return undefined;
    const spec: LocalServerSpec = {
      command: plan.base.command,
      args: plan.base.args,
      env: plainEnv,
      ...(plan.base.cwd ? { cwd: plan.base.cwd } : {}),
    };
    if (await check(spec).catch(() => true)) return undefined;
    return `"${plan.base.command}" was not found on your PATH, so this server could not start. Install it or use its full path, then save; or save anyway.`;
  }

  /** Removes the server, its rules and grants, then its keychain entries. */
  async remove(name: string): Promise<void> {
    const entry = this.entry(name);
    await this.update((current) => {
      const mcpServers = { ...current.mcpServers };
      delete mcpServers[name];
      return {
        ...current,
        mcpServers,
        rules: current.rules.filter((rule) => rule.server !== name),
      };
    });
    this.deps.grants.revokeAll({ server: name });
    for (const secretName of placeholdersInEnv(secretBearingValues(entry))) {
      await this.deps.secrets.delete(secretStoreKey(name, secretName)).catch(() => undefined);
    }
  }

  /** The saved entry, or `not_found` in words. */
  entry(name: string): ServerEntry {
    const entry = Object.hasOwn(this.deps.settings.settings.mcpServers, name)
      ? this.deps.settings.settings.mcpServers[name]
      : undefined;
    if (!entry) throw new HandlerError('not_found', `There is no server named "${name}".`);
    return entry;
  }

  /** Settings changes with the store's refusals as `bad_input` in words (with their paths). */
  async update(change: (current: Settings) => Settings): Promise<void> {
    try {
      await this.deps.settings.update(change);
    } catch (error) {
      if (error instanceof SettingsError)
        throw new HandlerError('bad_input', [error.message, ...error.details].join(' '));
      throw error;
    }
  }
}

/**
 * What saving `entry` needs the person's word for: its command line (a remote server's URL) if it
 * will run (the consent service skips one already confirmed), and trust given now or kept across a
 * changed command line.
 */
function consentFor(
  server: string,
  entry: ServerEntry,
  previous: ServerEntry | undefined,
): ConsentItem[] {
  const line = commandLineOfEntry(entry);
  const items: ConsentItem[] = entry.enabled ? [{ kind: 'run', server, line }] : [];
  const sameLine = previous !== undefined && sameCommandLine(line, commandLineOfEntry(previous));
  if (entry.trusted && !(previous?.trusted === true && sameLine))
    items.push({ kind: 'trust', server });
  return items;
}

/**
 * The record with `from` replaced by `to` at the same position (the server list keeps its order).
 */
function replaceKey(
  record: Readonly<Record<string, ServerEntry>>,
  from: string,
  to: string,
  value: ServerEntry,
): Record<string, ServerEntry> {
  const out: Record<string, ServerEntry> = {};
  let placed = false;
  for (const [key, entry] of Object.entries(record)) {
    if (key === from) {
      out[to] = value;
      placed = true;
    } else if (key !== to) out[key] = entry;
  }
  if (!placed) out[to] = value;
  return out;
}

function unique(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}
