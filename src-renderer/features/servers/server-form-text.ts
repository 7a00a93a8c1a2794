import type {
  EnvEntryInput,
  ServerFormDto,
  ServerFormInput,
} from '../../../src-main/shared/contract/servers';

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
  /** A local command, or a remote server's URL (its env lines are then its headers). */
  kind: 'local' | 'remote';
  url: string;
  transport: 'http' | 'sse';
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

export const emptyForm: ServerFormText = {
  name: '',
  kind: 'local',
  url: '',
  transport: 'http',
  command: '',
  args: '',
  env: '',
  secretKeys: '',
  cwd: '',
  roots: '',
  enabled: true,
  trusted: false,
};

export function formFromDto(dto: ServerFormDto): ServerFormText {
  return {
    originalName: dto.name,
    name: dto.name,
    kind: dto.remote ? 'remote' : 'local',
    url: dto.remote?.url ?? '',
    transport: dto.remote?.transport ?? 'http',
    command: dto.command,
    args: dto.args.join('\n'),
    env: dto.env
      .map((entry) => `${entry.key}${dto.remote ? ': ' : '='}${entry.value ?? entry.masked ?? ''}`)
      .join('\n'),
    secretKeys: dto.env
      .filter((entry) => entry.isSecret)
      .map((entry) => entry.key)
      .join(', '),
    cwd: dto.cwd ?? '',
    roots: (dto.roots ?? []).join('\n'),
    enabled: dto.enabled,
    trusted: dto.trusted,
  };
}

/**
 * `masked` maps env keys to the masked text main showed; an unchanged one is sent without value.
 */
export function inputFromForm(
  form: ServerFormText,
  masked: Record<string, string> = {},
): ServerFormInput {
  const secrets = new Set(form.secretKeys.split(/[\s,]+/).filter(Boolean));
  const env: EnvEntryInput[] = form.env
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = separatorAt(line, form.kind === 'remote');
      const key = (at < 0 ? line : line.slice(0, at)).trim();
      const raw = at < 0 ? '' : line.slice(at + 1);
      // Header values are trimmed (HTTP ignores the spaces around them); env values are kept as
      // typed.
      const value = form.kind === 'remote' ? raw.trim() : raw;
      const keep = masked[key] !== undefined && masked[key] === value;
      return { key, isSecret: secrets.has(key), ...(keep ? {} : { value }) };
    });
  const remote = form.kind === 'remote';
  return {
    ...(form.originalName ? { originalName: form.originalName } : {}),
    name: form.name.trim(),
    command: remote ? '' : form.command.trim(),
    ...(remote ? { remote: { url: form.url.trim(), transport: form.transport } } : {}),
    args: remote
      ? []
      : form.args
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
    env,
    ...(form.cwd.trim() && !remote ? { cwd: form.cwd.trim() } : {}),
    ...(remote
      ? {}
      : {
          roots: form.roots
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        }),
    enabled: form.enabled,
    trusted: form.trusted,
  };
}

/** `KEY=value` for env; a header may also be written `Name: value`, whichever comes first. */
function separatorAt(line: string, header: boolean): number {
  const equals = line.indexOf('=');
  if (!header) return equals;
  const colon = line.indexOf(':');
  if (colon < 0) return equals;
  return equals < 0 ? colon : Math.min(colon, equals);
}

export function maskedEnv(dto: ServerFormDto): Record<string, string> {
  return Object.fromEntries(
    dto.env
      .filter((entry) => entry.value === undefined)
      .map((entry) => [entry.key, entry.masked ?? '']),
  );
}
