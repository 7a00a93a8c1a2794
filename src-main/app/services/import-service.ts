/**
 * Import from other apps: which of their config files exist here, a preview of one (secrets
 * masked), then the person's choices applied. The plan with the raw values stays in this process
 * under an opaque id; only its renderer-safe preview crosses IPC.
 *
 * Main reads only the paths it listed itself (the known locations); any other file reaches us as
 * text the page read from a file the person picked, so a compromised page cannot make main read
 * an arbitrary file.
 */
import {
  defaultConfigLocations,
  type LocationEnvironment,
} from '../../core/import/default-locations.js';
import { applyImport, ImportChoiceError } from '../../core/import/import-apply.js';
import { type ImportPlan, previewImport } from '../../core/import/import-preview.js';
import type { Clock, Files, Random, SecretStore } from '../../core/ports.js';
import type { Settings } from '../../core/settings/schema.js';
import { SettingsError, type SettingsStore } from '../../core/settings/settings-store.js';
import type {
  ImportApplyInput,
  ImportApplyOutput,
  ImportLocationDto,
  ImportPreviewInput,
  ImportPreviewOutput,
} from '../../shared/contract/imports.js';
import { commandLineOfEntry } from '../consent/command-line.js';
import type { ConsentItem } from '../consent/confirmation.js';
import type { ConsentService } from '../consent/consent-service.js';
import { allowsManyTools } from '../consent/wide-rules.js';
import { HandlerError } from '../ipc-router.js';

export type { LocationEnvironment as PlatformInfo } from '../../core/import/default-locations.js';

/** Larger than any real MCP config; a bigger "config" is not one. */
const MAX_FILE_BYTES = 1_000_000;
const PLAN_TTL_MS = 30 * 60_000;
const MAX_PLANS = 8;

export interface ImportServiceDeps {
  settings: SettingsStore;
  /** Imported servers that will run, and imported wide allow rules, need the person's word. */
  consent: Pick<ConsentService, 'require'>;
  secrets: SecretStore;
  files: Files;
  random: Random;
  clock: Clock;
  /** Where this machine keeps other apps' files; without it no location is offered. */
  platform?: LocationEnvironment;
}

export class ImportService {
  private readonly plans = new Map<string, { plan: ImportPlan; createdAt: number }>();

  constructor(private readonly deps: ImportServiceDeps) {}

  /** The known config files that exist on this machine (several apps may each have one). */
  async locations(): Promise<ImportLocationDto[]> {
    const { platform, files } = this.deps;
    if (!platform) return [];
    const found: ImportLocationDto[] = [];
    for (const location of defaultConfigLocations(platform)) {
      const sizeBytes = await files.size(location.path).catch(() => null);
      if (sizeBytes !== null) found.push({ ...location, sizeBytes });
    }
    return found;
  }

  async preview(input: ImportPreviewInput): Promise<ImportPreviewOutput> {
    const text = input.text ?? (await this.readKnown(input.path ?? ''));
    const { platform } = this.deps;
    const variables = platform
      ? { userHome: platform.home, pathSeparator: platform.platform === 'win32' ? '\\' : '/' }
      : {};
    const result = previewImport(text, input.source, this.deps.settings.settings, variables);
    if (!result.ok) throw new HandlerError('bad_input', result.problem);
    const planId = this.deps.random.hex(16);
    this.prune();
    while (this.plans.size >= MAX_PLANS) {
      const oldest = this.plans.keys().next().value;
      if (oldest === undefined) break;
      this.plans.delete(oldest);
    }
    this.plans.set(planId, { plan: result.plan, createdAt: this.deps.clock.now() });
    return { planId, ...result.plan.preview };
  }

  async apply({ planId, choices }: ImportApplyInput): Promise<ImportApplyOutput> {
    this.prune();
    const held = this.plans.get(planId);
    if (!held)
      throw new HandlerError(
        'not_found',
        'This import preview has expired or was already applied. Preview the file again.',
      );
    const { settings, secrets } = this.deps;
    let result;
    try {
      // A dry run first (keychain writes held back), so the person confirms before anything
      // changes.
      const dry = await applyImport(held.plan, choices, dryRun(secrets), settings.settings);
      await this.deps.consent.require(
        'import',
        consentFor(dry.imported, dry.settings, settings.settings),
      );
      result = await applyImport(held.plan, choices, secrets, settings.settings);
      await settings.save(result.settings);
    } catch (error) {
      if (error instanceof ImportChoiceError) throw new HandlerError('bad_input', error.message);
      if (error instanceof SettingsError)
        throw new HandlerError('bad_input', [error.message, ...error.details].join(' '));
      throw error;
    }
    this.plans.delete(planId);
    for (const key of result.obsoleteSecretKeys) await secrets.delete(key).catch(() => undefined);
    return {
      imported: result.imported,
      skipped: result.skipped,
      movedSecrets: result.movedSecrets.map(({ server, envKey }) => ({ server, envKey })),
      unfilled: result.unfilled,
    };
  }

  private async readKnown(path: string): Promise<string> {
    const known = this.deps.platform
      ? defaultConfigLocations(this.deps.platform).some((location) => location.path === path)
      : false;
    if (!known)
      throw new HandlerError(
        'bad_input',
        'path: only the files listed by import:locations can be read; paste the text or pick the file instead',
      );
    const size = await this.deps.files.size(path);
    if (size === null) throw new HandlerError('not_found', `${path} does not exist (any more).`);
    if (size > MAX_FILE_BYTES)
      throw new HandlerError(
        'bad_input',
        `path: ${path} is ${size} bytes; a config file is at most ${MAX_FILE_BYTES}`,
      );
    const text = await this.deps.files.readText(path);
    if (text === null) throw new HandlerError('not_found', `${path} does not exist (any more).`);
    return text;
  }

  /** Forgets old plans: they hold raw secret values, so none outlives a plausible review. */
  private prune(): void {
    const now = this.deps.clock.now();
    for (const [id, held] of this.plans)
      if (now - held.createdAt > PLAN_TTL_MS) this.plans.delete(id);
  }
}

/** The keychain as seen by a dry run: reads go through, writes are dropped. */
function dryRun(secrets: SecretStore): SecretStore {
  return {
    get: (key) => secrets.get(key),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(),
  };
}

/** Imported servers that will start, and new allow rules that cover more than one tool. */
function consentFor(imported: readonly string[], next: Settings, current: Settings): ConsentItem[] {
  const items: ConsentItem[] = [];
  for (const name of imported) {
    const entry = next.mcpServers[name];
    if (entry?.enabled) items.push({ kind: 'run', server: name, line: commandLineOfEntry(entry) });
  }
  const known = new Set(
    current.rules.map((rule) => JSON.stringify([rule.server, rule.tool, rule.action])),
  );
  for (const rule of next.rules) {
    if (allowsManyTools(rule) && !known.has(JSON.stringify([rule.server, rule.tool, rule.action])))
      items.push({ kind: 'wide-rule', server: rule.server, tool: rule.tool });
  }
  return items;
}
