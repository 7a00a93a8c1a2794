/**
 * `${…}` variables in imported servers: what we substitute, what becomes a secret placeholder,
 * and what we can only warn about.
 *
 * VS Code (`mcp.json`) and Cursor expand `${workspaceFolder}`, `${userHome}`, `${env:NAME}` and
 * (VS Code) `${input:id}`; Claude Desktop and Cline pass text through as is. We substitute the
 * paths we know, turn VS Code inputs used in `env` into `${secret:NAME}` placeholders the user
 * fills once, and warn about the rest: a literal `${VAR}` reaching a server silently is a known
 * trap (e.g. AltimateAI/altimate-code PR #655).
 */
import { secretNameForEnvKey } from '../secrets/placeholders.js';
import type { ImportedServer, ImportVariables } from './types.js';

export interface VsCodeInput {
  id: string;
  description?: string;
  password: boolean;
}

export interface VariableOptions {
  /** Whether the source app expands variables (VS Code, Cursor) or passes text through. */
  expands: boolean;
  variables: ImportVariables;
  /** VS Code `inputs` by id; undefined for sources without inputs. */
  inputs?: ReadonlyMap<string, VsCodeInput>;
  sourceLabel: string;
}

const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * The variable as written if it looks like a name; never echo arbitrary text (it may be a secret).
 */
function shown(whole: string): string {
  return /^\$\{[A-Za-z_/][A-Za-z0-9_:./-]{0,40}\}$/.test(whole) ? whole : '${…}';
}

function knownValue(name: string, vars: ImportVariables): string | undefined {
  switch (name) {
    case 'workspaceFolder':
      return vars.workspaceFolder;
    case 'workspaceFolderBasename':
      return vars.workspaceFolder?.split(/[\\/]/).filter(Boolean).at(-1);
    case 'userHome':
      return vars.userHome;
    case 'pathSeparator':
    case '/':
      return vars.pathSeparator;
    default:
      return undefined;
  }
}

/**
 * Rewrites `server` in place: substitutions done, inputs turned into placeholders, warnings added.
 */
export function applyVariables(server: ImportedServer, options: VariableOptions): void {
  const usedNames = new Set<string>();
  /** One secret per input: VS Code asks once per id, so the user should fill it once too. */
  const inputSecrets = new Map<string, string>();
  let usesWorkspaceFolder = false;
  const text = (value: string, where: string, inEnv: string | undefined): string =>
    value.replace(VARIABLE, (whole, name: string) => {
      if (name.startsWith('secret:')) return whole;
      if (!options.expands) {
        server.warnings.push(
          `${where} contains ${shown(whole)}, which reaches the server as literal text (${options.sourceLabel} does not expand it either)`,
        );
        return whole;
      }
      if (name.startsWith('input:') && options.inputs !== undefined) {
        if (inEnv === undefined) {
          server.warnings.push(
            `${where} uses ${shown(whole)}: arguments cannot hold secrets (every process can read them); move it to an env variable`,
          );
          return whole;
        }
        const inputId = name.slice('input:'.length);
        const known = inputSecrets.get(inputId);
        if (known !== undefined) return `\${secret:${known}}`;
        const secretName = uniqueName(secretNameForEnvKey(inputId), usedNames);
        inputSecrets.set(inputId, secretName);
        const input = options.inputs.get(inputId);
        const reason =
          input === undefined
            ? `refers to the input "${inputId}", which the file does not define`
            : `${options.sourceLabel} asks for "${input.description ?? input.id}"${input.password ? ' as a password' : ''} when it starts the server`;
        server.secretsToFill.push({ envKey: inEnv, secretName, reason });
        return `\${secret:${secretName}}`;
      }
      if (name.startsWith('env:')) {
        server.warnings.push(
          `${where} uses ${shown(whole)}, which Dust MCP Tray does not expand; put the value itself there (secrets are moved to the keychain)`,
        );
        return whole;
      }
      const known = knownValue(name, options.variables);
      if (known !== undefined && name.startsWith('workspaceFolder')) usesWorkspaceFolder = true;
      if (known !== undefined) return known;
      server.warnings.push(
        `${where} uses ${shown(whole)}, which Dust MCP Tray cannot fill in; replace it with a real value before enabling the server`,
      );
      return whole;
    });

  if (server.remote) server.remote.url = text(server.remote.url, 'url', undefined);
  server.command = text(server.command, 'command', undefined);
  server.args = server.args.map((arg, index) => text(arg, `args[${index}]`, undefined));
  if (server.cwd !== undefined) server.cwd = text(server.cwd, 'cwd', undefined);
  for (const value of Object.values(server.env)) {
    for (const match of value.matchAll(/\$\{secret:([A-Za-z0-9_.-]+)\}/g))
      usedNames.add(match[1] ?? '');
  }
  for (const key of Object.keys(server.env).sort()) {
    server.env[key] = text(
      server.env[key] ?? '',
      `${server.remote ? 'headers' : 'env'}.${key}`,
      key,
    );
  }
  const workspaceFolder = options.variables.workspaceFolder;
  if (usesWorkspaceFolder && workspaceFolder !== undefined) server.roots = [workspaceFolder];
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}

/** Reads VS Code's `inputs` array; malformed items are ignored with a note. */
export function readVsCodeInputs(value: unknown, notes: string[]): Map<string, VsCodeInput> {
  const inputs = new Map<string, VsCodeInput>();
  if (value === undefined) return inputs;
  if (!Array.isArray(value)) {
    notes.push('"inputs" is not a list; ignored');
    return inputs;
  }
  value.forEach((item: unknown, index) => {
    if (
      typeof item !== 'object' ||
      item === null ||
      typeof (item as { id?: unknown }).id !== 'string'
    ) {
      notes.push(`inputs[${index}] has no "id"; ignored`);
      return;
    }
    const { id, description, password } = item as {
      id: string;
      description?: unknown;
      password?: unknown;
    };
    inputs.set(id, {
      id,
      password: password === true,
      ...(typeof description === 'string' ? { description } : {}),
    });
  });
  return inputs;
}
