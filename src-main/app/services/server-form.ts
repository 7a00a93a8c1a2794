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
import { secretBearingValues } from '../../core/settings/entry-parts.js';
import {
  checkRemoteUrl,
  isCredentialHeader,
  isReservedHeader,
} from '../../core/settings/remote-entry.js';
import {
  isRemoteEntry,
  type ServerEntry,
  type StdioServerEntry,
} from '../../core/settings/schema.js';
import type { ServerFormInput } from '../../shared/contract/servers.js';
import { HandlerError } from '../ipc-router.js';

export type EnvPlanItem =
  /**
   * A value typed into a secret field: goes to the keychain (save) or straight to the process
   * (test).
   */
  | { key: string; kind: 'new-secret'; value: string }
  /**
   * A stored value that did not cross: the previous settings text (a placeholder, or hidden plain
   * text).
   */
  | { key: string; kind: 'keep'; stored: string }
  | { key: string; kind: 'plain'; value: string };

export interface FormPlan {
  name: string;
  /**
   * The entry without env (filled by the caller from `env`); for a remote server, only its shared
   * fields count.
   */
  base: Omit<StdioServerEntry, 'env'>;
  env: EnvPlanItem[];
  /** A remote server: `env` is then its headers. */
  remote?: { url: string; type: 'http' | 'sse' };
}

/** The settings entry the plan describes, with `values` (env or headers) filled by the caller. */
export function entryFromPlan(plan: FormPlan, values: Record<string, string>): ServerEntry {
  if (!plan.remote) return { ...plan.base, env: values };
  const { enabled, trusted, dustName, description, disabledTools } = plan.base;
  return {
    url: plan.remote.url,
    type: plan.remote.type,
    headers: values,
    enabled,
    trusted,
    ...(dustName !== undefined ? { dustName } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(disabledTools !== undefined ? { disabledTools } : {}),
  };
}

const bad = (field: string, message: string): HandlerError =>
  new HandlerError('bad_input', `${field}: ${message}`);

/**
 * Checks the form against the settings rules and the previous entry; throws `bad_input` naming the
 * field.
 */
export function planForm(input: ServerFormInput, previous: ServerEntry | undefined): FormPlan {
  const name = input.name;
  const nameProblem = checkLocalName(name);
  if (nameProblem) throw bad('name', nameProblem);
  const remote = input.remote ? planRemote(input.remote) : undefined;
  const command = input.command.trim();
  if (!remote && command.length === 0) throw bad('command', 'must not be empty');
  const dustName = input.dustName?.length ? input.dustName : undefined;
  if (dustName !== undefined) {
    const check = checkDustName(dustName);
    if (!check.ok) throw bad('dustName', `"${dustName}" ${check.reason}`);
  }
  const cwd = input.cwd?.trim().length ? input.cwd : undefined;
  const args = remote ? [] : restoreMaskedArgs(input.args, previous);
  // Values are kept only from an entry of the same kind: a header is not an env variable.
  const storedValues =
    previous && isRemoteEntry(previous) === (remote !== undefined)
      ? secretBearingValues(previous)
      : {};
  const seen = new Map<string, number>();
  const env = input.env.map((entry, index): EnvPlanItem => {
    const where = `env.${index}`;
    const first = seen.get(entry.key);
    if (first !== undefined)
      throw bad(`${where}.key`, `"${entry.key}" is already set in env.${first}`);
    seen.set(entry.key, index);
    const stored = Object.hasOwn(storedValues, entry.key) ? storedValues[entry.key] : undefined;
    if (remote) checkHeaderName(entry.key, where);
    // A credential header is always a secret: settings accept it only as a placeholder.
    const isSecret =
      entry.isSecret ||
      (remote !== undefined && isCredentialHeader(entry.key) && entry.value !== undefined);
    if (entry.value !== undefined) {
      if (isSecret && entry.value.length === 0)
        throw bad(`${where}.value`, 'a secret must not be empty');
      if (remote && /[\r\n\0]/.test(entry.value))
        throw bad(`${where}.value`, 'a header value must be one line');
      return isSecret
        ? { key: entry.key, kind: 'new-secret', value: entry.value }
        : { key: entry.key, kind: 'plain', value: entry.value };
    }
    if (stored === undefined)
      throw bad(
        `${where}.value`,
        entry.isSecret ? 'enter the secret (nothing is stored for this key yet)' : 'enter a value',
      );
    const storedIsSecret = placeholdersIn(stored).length > 0;
    if (storedIsSecret !== entry.isSecret) {
      throw bad(
        `${where}.value`,
        entry.isSecret
          ? 'enter the secret to store it in the keychain'
          : 'enter the value to keep it as plain text',
      );
    }
    return { key: entry.key, kind: 'keep', stored };
  });
  const roots = (input.roots ?? []).map((root) => root.trim()).filter(Boolean);
  roots.forEach((root, index) => {
    if (!/^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(root))
      throw bad(`roots.${index}`, `"${root}" must be an absolute folder path (/home/… or C:\\…)`);
  });
  const base: Omit<StdioServerEntry, 'env'> = {
    command,
    args,
    enabled: input.enabled,
    trusted: input.trusted,
  };
  if (roots.length > 0 && !remote) base.roots = roots;
  if (cwd !== undefined && !remote) base.cwd = cwd;
  if (dustName !== undefined) base.dustName = dustName;
  if (previous?.description !== undefined) base.description = previous.description;
  // Not in the form: the tool switches on the card stay as they were.
  if (previous?.disabledTools !== undefined) base.disabledTools = previous.disabledTools;
  return remote ? { name, base, env, remote } : { name, base, env };
}

function planRemote(
  remote: NonNullable<ServerFormInput['remote']>,
): NonNullable<FormPlan['remote']> {
  const url = remote.url.trim();
  const problem = checkRemoteUrl(url);
  if (problem) throw bad('remote.url', problem);
  return { url, type: remote.transport };
}

function checkHeaderName(key: string, where: string): void {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key))
    throw bad(`${where}.key`, `"${key}" is not a valid HTTP header name`);
  if (isReservedHeader(key))
    throw bad(`${where}.key`, `"${key}" is set by the MCP transport itself`);
}

/**
 * `servers:get` masks secret-looking arguments; one sent back exactly as masked keeps the stored
 * value, so editing another field does not replace a token with "ghp_…a1b2".
 */
function restoreMaskedArgs(args: readonly string[], previous: ServerEntry | undefined): string[] {
  if (!previous || isRemoteEntry(previous)) return [...args];
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
  return {
    args: args.map((arg, index) => (set.has(index) ? maskValue(arg) : arg)),
    maskedArgs: masked,
  };
}
