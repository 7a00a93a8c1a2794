import type { EnvEntryInput, ServerFormDto, ServerFormInput } from '../../../src-main/shared/contract/servers';

/**
 * The add/edit form's text fields ↔ the contract's `ServerFormInput`.
 *
 * Arguments are one per line; env is `KEY=value` per line. A secret comes back from main masked
 * (`KEY=••••`); sending the masked text unchanged means "keep what is stored", so the value never
 * has to return to the window.
 */
export interface ServerFormText {
  originalName?: string;
  name: string;
  command: string;
  args: string;
  env: string;
  /** Env keys that hold secrets: their values go to the keychain, never to settings.json. */
  secretKeys: string;
  cwd: string;
  /** Folders it may see (MCP roots), one per line. */
  roots: string;
  enabled: boolean;
  trusted: boolean;
}

export const emptyForm: ServerFormText = { name: '', command: '', args: '', env: '', secretKeys: '', cwd: '', roots: '', enabled: true, trusted: false };

export function formFromDto(dto: ServerFormDto): ServerFormText {
  return {
    originalName: dto.name,
    name: dto.name,
    command: dto.command,
    args: dto.args.join('\n'),
    env: dto.env.map((entry) => `${entry.key}=${entry.value ?? entry.masked ?? ''}`).join('\n'),
    secretKeys: dto.env.filter((entry) => entry.isSecret).map((entry) => entry.key).join(', '),
    cwd: dto.cwd ?? '',
    roots: (dto.roots ?? []).join('\n'),
    enabled: dto.enabled,
    trusted: dto.trusted,
  };
}

/** `masked` maps env keys to the masked text main showed; an unchanged one is sent without value. */
export function inputFromForm(form: ServerFormText, masked: Record<string, string> = {}): ServerFormInput {
  const secrets = new Set(form.secretKeys.split(/[\s,]+/).filter(Boolean));
  const env: EnvEntryInput[] = form.env
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf('=');
      const key = (at < 0 ? line : line.slice(0, at)).trim();
      const value = at < 0 ? '' : line.slice(at + 1);
      const keep = masked[key] !== undefined && masked[key] === value;
      return { key, isSecret: secrets.has(key), ...(keep ? {} : { value }) };
    });
  return {
    ...(form.originalName ? { originalName: form.originalName } : {}),
    name: form.name.trim(),
    command: form.command.trim(),
    args: form.args.split('\n').map((line) => line.trim()).filter(Boolean),
    env,
    ...(form.cwd.trim() ? { cwd: form.cwd.trim() } : {}),
    roots: form.roots.split('\n').map((line) => line.trim()).filter(Boolean),
    enabled: form.enabled,
    trusted: form.trusted,
  };
}

export function maskedEnv(dto: ServerFormDto): Record<string, string> {
  return Object.fromEntries(dto.env.filter((entry) => entry.value === undefined).map((entry) => [entry.key, entry.masked ?? '']));
}
