/**
 * Settings text → settings, or a problem described in words with the path of each mistake.
 *
 * Hand-edited config files fail silently in other hosts ("silent JSON errors"); here every failure
 * names where it is: `line 4, column 12` for bad JSON, `mcpServers.github.args[1]` for a wrong
 * type.
 */
import type { z } from 'zod';

import { describeJsonSyntaxError } from './json-error.js';
import { type Settings, SETTINGS_VERSION, SettingsSchema, TOKEN_LIKE_KEY } from './schema.js';

export type SettingsParseResult =
  | { ok: true; settings: Settings }
  | { ok: false; kind: 'json' | 'version' | 'schema'; problem: string; details: string[] };

export function parseSettingsText(text: string): SettingsParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(stripBom(text));
  } catch {
    return {
      ok: false,
      kind: 'json',
      problem: `The file is not valid JSON: ${describeJsonSyntaxError(stripBom(text))}.`,
      details: [],
    };
  }
  return parseSettingsValue(raw);
}

export function parseSettingsValue(raw: unknown): SettingsParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      kind: 'schema',
      problem: 'The file must contain a JSON object ({ … }).',
      details: [],
    };
  }
  const version = (raw as Record<string, unknown>)['version'];
  if (version !== undefined && version !== SETTINGS_VERSION) {
    const newer = typeof version === 'number' && version > SETTINGS_VERSION;
    const problem = newer
      ? `The file is settings version ${version}, written by a newer Dust MCP Tray; this version reads version ${SETTINGS_VERSION}.`
      : `The file has an unknown settings version (${JSON.stringify(version)}); expected ${SETTINGS_VERSION}.`;
    return { ok: false, kind: 'version', problem, details: [] };
  }
  const servers = (raw as Record<string, unknown>)['mcpServers'];
  if (typeof servers === 'object' && servers !== null && Object.hasOwn(servers, '__proto__')) {
    // zod drops this key silently; say so rather than lose the server on the next save.
    const problem = 'mcpServers.__proto__: server names must not be "__proto__"';
    return {
      ok: false,
      kind: 'schema',
      problem: `The file has a mistake: ${problem}.`,
      details: [problem],
    };
  }
  const result = SettingsSchema.safeParse(raw);
  if (result.success) return { ok: true, settings: result.data };
  const details = formatIssues(result.error.issues);
  const count = details.length === 1 ? 'a mistake' : `${details.length} mistakes`;
  return {
    ok: false,
    kind: 'schema',
    problem: `The file has ${count}: ${details.join('; ')}.`,
    details,
  };
}

/** `path: message` for each issue, paths written the way people read JSON. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = formatPath(issue.path);
    if (issue.code === 'invalid_key') {
      const why = issue.issues.map((inner) => inner.message).join(', ');
      return `${where}: ${why || issue.message}`;
    }
    if (issue.code !== 'unrecognized_keys')
      return where === '' ? issue.message : `${where}: ${issue.message}`;
    return issue.keys
      .map((key) => {
        const at = formatPath([...issue.path, key]);
        return TOKEN_LIKE_KEY.test(key)
          ? `${at}: tokens are kept in the system keychain, never in the settings file; remove this key`
          : `${at}: unknown key`;
      })
      .join('; ');
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$-]*$/.test(part))
      out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
