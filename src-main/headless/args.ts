import { parseArgs } from 'node:util';

import type { PolicyRule } from '../core/policy/rules.js';

export interface HeadlessArgs {
  dustUrl: string;
  workspaceId: string;
  serversFile: string;
  rules: PolicyRule[];
}

export const HEADLESS_USAGE = `Usage: npm run headless -- --dust-url URL --workspace WID --servers FILE [--allow SERVER/TOOL-GLOB ...]

  --dust-url URL       Dust's base URL (https://dust.tt, https://eu.dust.tt, or your own)
  --workspace WID      the workspace sId to register the servers in
  --servers FILE       a {"mcpServers": {...}} JSON file (Claude Desktop's format)
  --allow SERVER/TOOL  allow calls to matching tools without asking (repeatable; * is a wildcard)

The access token comes from the DUST_TOKEN environment variable, else from the keychain
(sign in once with the desktop app). Every tool call not allowed by --allow is denied.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${HEADLESS_USAGE}`);
    this.name = 'UsageError';
  }
}

/** Parses the command line; throws a UsageError that says what is wrong and how to call it. */
export function parseHeadlessArgs(argv: readonly string[]): HeadlessArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'dust-url': { type: 'string' },
        workspace: { type: 'string' },
        servers: { type: 'string' },
        allow: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
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
  return { dustUrl: url.origin, workspaceId, serversFile, rules: (values.allow ?? []).map(parseAllow) };
}

function parseAllow(spec: string): PolicyRule {
  const slash = spec.indexOf('/');
  if (slash <= 0 || slash === spec.length - 1) {
    throw new UsageError(`--allow takes SERVER/TOOL-GLOB (for example files/read_*), not "${spec}".`);
  }
  return { server: spec.slice(0, slash), tool: spec.slice(slash + 1), action: 'allow', source: 'headless-flag' };
}
