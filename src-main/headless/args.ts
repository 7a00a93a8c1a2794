import { parseArgs } from 'node:util';

import { errorMessage } from '../core/error-message.js';
import type { PolicyRule } from '../core/policy/rules.js';
import { HEADLESS_USAGE } from './usage.js';

export { HEADLESS_USAGE };

export interface HeadlessArgs {
  dustUrl: string;
  workspaceId: string;
  serversFile: string;
  rules: PolicyRule[];
  statusFile: string | undefined;
  /** How long Dust may refuse the token, once running, before the bridge exits 1. */
  signedOutTimeoutMs: number;
}

export type HeadlessCommand =
  { kind: 'run'; args: HeadlessArgs } | { kind: 'help' } | { kind: 'version' };

export const DEFAULT_SIGNED_OUT_TIMEOUT_MS = 600_000;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${HEADLESS_USAGE}`);
    this.name = 'UsageError';
  }
}

/** Parses the command line; throws a UsageError that says what is wrong and how to call it. */
export function parseHeadlessCommand(argv: readonly string[]): HeadlessCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'dust-url': { type: 'string' },
        workspace: { type: 'string' },
        servers: { type: 'string' },
        allow: { type: 'string', multiple: true },
        'status-file': { type: 'string' },
        'signed-out-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const dustUrl = values['dust-url'];
  const workspaceId = values.workspace;
  const serversFile = values.servers;
  if (!dustUrl) throw new UsageError('Missing --dust-url.');
  if (!workspaceId) throw new UsageError('Missing --workspace.');
  if (!serversFile) throw new UsageError('Missing --servers.');
  let url: URL;
  try {
    url = new URL(dustUrl);
  } catch {
    throw new UsageError(`--dust-url is not a URL: ${dustUrl}`);
  }
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new UsageError('--dust-url must use https:// (plain http only for localhost).');
  }
  const statusFile = values['status-file'];
  if (statusFile === '') throw new UsageError('--status-file needs a path.');
  return {
    kind: 'run',
    args: {
      dustUrl: url.origin,
      workspaceId,
      serversFile,
      rules: (values.allow ?? []).map(parseAllow),
      statusFile,
      signedOutTimeoutMs: parseSeconds(values['signed-out-timeout']),
    },
  };
}

/** The run arguments; --help and --version are a usage error here (tests and old callers). */
export function parseHeadlessArgs(argv: readonly string[]): HeadlessArgs {
  const command = parseHeadlessCommand(argv);
  if (command.kind !== 'run') throw new UsageError(`--${command.kind} takes no other option.`);
  return command.args;
}

function parseSeconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SIGNED_OUT_TIMEOUT_MS;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(
      `--signed-out-timeout takes a number of seconds (0 or more), not "${text}".`,
    );
  }
  return Math.round(seconds * 1000);
}

function parseAllow(spec: string): PolicyRule {
  const slash = spec.indexOf('/');
  if (slash <= 0 || slash === spec.length - 1) {
    throw new UsageError(
      `--allow takes SERVER/TOOL-GLOB (for example files/read_*), not "${spec}".`,
    );
  }
  return {
    server: spec.slice(0, slash),
    tool: spec.slice(slash + 1),
    action: 'allow',
    source: 'headless-flag',
  };
}
