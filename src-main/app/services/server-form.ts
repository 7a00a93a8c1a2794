/**
 * The add/edit form → a settings entry, and back. Pure: no keychain, no settings store.
 *
 * Validation answers in words with the form's own field path (`env.2.key: …`), so the window can
 * put the message next to the field. The env plan says, per key, whether a secret value arrives
 * now (to be moved to the keychain), a stored one is kept, or the value is plain text.
 */
import { checkLocalName } from '../../core/import/server-entry.js';
import { detectSecretsInArgs } from '../../core/secrets/detect.js';
import { maskValue } from '../../core/secrets/mask.js';
import { placeholdersIn } from '../../core/secrets/placeholders.js';
import { checkDustName } from '../../core/settings/dust-name.js';
import type { ServerEntry } from '../../core/settings/schema.js';
import type { ServerFormInput } from '../../shared/contract/servers.js';
import { HandlerError } from '../ipc-router.js';

export type EnvPlanItem =
  /** A value typed into a secret field: goes to the keychain (save) or straight to the process (test). */
  | { key: string; kind: 'new-secret'; value: string }
  /** A stored value that did not cross: the previous settings text (a placeholder, or hidden plain text). */
  | { key: string; kind: 'keep'; stored: string }
  | { key: string; kind: 'plain'; value: string };

export interface FormPlan {
  name: string;
  /** The entry without env (filled by the caller from `env`). */
  base: Omit<ServerEntry, 'env'>;
  env: EnvPlanItem[];
}

const bad = (field: string, message: string): HandlerError => new HandlerError('bad_input', `${field}: ${message}`);

/** Checks the form against the settings rules and the previous entry; throws `bad_input` naming the field. */
export function planForm(input: ServerFormInput, previous: ServerEntry | undefined): FormPlan {
  const name = input.name;
  const nameProblem = checkLocalName(name);
  if (nameProblem) throw bad('name', nameProblem);
  const command = input.command.trim();
  if (command.length === 0) throw bad('command', 'must not be empty');
  const dustName = input.dustName?.length ? input.dustName : undefined;
  if (dustName !== undefined) {
    const check = checkDustName(dustName);
    if (!check.ok) throw bad('dustName', `"${dustName}" ${check.reason}`);
  }
  const cwd = input.cwd?.trim().length ? input.cwd : undefined;
  const args = restoreMaskedArgs(input.args, previous);
  const seen = new Map<string, number>();
  const env = input.env.map((entry, index): EnvPlanItem => {
    const where = `env.${index}`;
    const first = seen.get(entry.key);
    if (first !== undefined) throw bad(`${where}.key`, `"${entry.key}" is already set in env.${first}`);
    seen.set(entry.key, index);
    const stored = previous?.env[entry.key];
    if (entry.value !== undefined) {
      if (entry.isSecret && entry.value.length === 0) throw bad(`${where}.value`, 'a secret must not be empty');
      return entry.isSecret ? { key: entry.key, kind: 'new-secret', value: entry.value } : { key: entry.key, kind: 'plain', value: entry.value };
    }
    if (stored === undefined) throw bad(`${where}.value`, entry.isSecret ? 'enter the secret (nothing is stored for this key yet)' : 'enter a value');
    const storedIsSecret = placeholdersIn(stored).length > 0;
    if (storedIsSecret !== entry.isSecret) {
      throw bad(`${where}.value`, entry.isSecret ? 'enter the secret to store it in the keychain' : 'enter the value to keep it as plain text');
    }
    return { key: entry.key, kind: 'keep', stored };
  });
  const roots = (input.roots ?? []).map((root) => root.trim()).filter(Boolean);
  roots.forEach((root, index) => {
    if (!/^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(root)) throw bad(`roots.${index}`, `"${root}" must be an absolute folder path (/home/… or C:\\…)`);
  });
  const base: Omit<ServerEntry, 'env'> = { command, args, enabled: input.enabled, trusted: input.trusted };
  if (roots.length > 0) base.roots = roots;
  if (cwd !== undefined) base.cwd = cwd;
  if (dustName !== undefined) base.dustName = dustName;
  if (previous?.description !== undefined) base.description = previous.description;
  // Not in the form: the tool switches on the card stay as they were.
  if (previous?.disabledTools !== undefined) base.disabledTools = previous.disabledTools;
  return { name, base, env };
}

/**
 * `servers:get` masks secret-looking arguments; one sent back exactly as masked keeps the stored
 * value, so editing another field does not replace a token with "ghp_…a1b2".
 */
function restoreMaskedArgs(args: readonly string[], previous: ServerEntry | undefined): string[] {
  if (!previous) return [...args];
  const masked = new Set(detectSecretsInArgs(previous.args).map((finding) => finding.index));
  return args.map((arg, index) => {
    const old = previous.args[index];
    return masked.has(index) && old !== undefined && arg === maskValue(old) ? old : arg;
  });
}

/** The form's args for display: secret-looking ones masked, with their indexes. */
export function maskArgs(args: readonly string[]): { args: string[]; maskedArgs: number[] } {
  const masked = detectSecretsInArgs(args).map((finding) => finding.index);
  const set = new Set(masked);
  return { args: args.map((arg, index) => (set.has(index) ? maskValue(arg) : arg)), maskedArgs: masked };
}
