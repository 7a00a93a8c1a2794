/**
 * "Test server": spawn, handshake, tools/list, stop — for the form as typed (nothing saved) or a
 * saved server. Secrets reach the process and nothing else: the stderr tail, the problem and the
 * tools are redacted by the supervisor with every secret value the test used and every one the
 * app knows, since a server may well print its own token.
 */
import { errorMessage } from '../../core/error-message.js';
import type { LocalServerSpec, SecretStore, ServerLaunchSpec } from '../../core/ports.js';
import { detectSecret } from '../../core/secrets/detect.js';
import { placeholdersIn, resolvePlaceholders } from '../../core/secrets/placeholders.js';
import type { SupervisorPorts } from '../../core/servers/server-supervisor.js';
import { testServer } from '../../core/servers/test-server.js';
import { secretBearingValues } from '../../core/settings/entry-parts.js';
import { isRemoteEntry, type ServerEntry, type Settings } from '../../core/settings/schema.js';
import { resolveServerSpec } from '../../core/settings/server-spec.js';
import type { TestServerInput, TestServerOutput } from '../../shared/contract/servers.js';
import {
  type CommandLine,
  commandLineOfEntry,
  commandLineOfPlan,
  sameCommandLine,
} from '../consent/command-line.js';
import type { ConsentService } from '../consent/consent-service.js';
import { HandlerError } from '../ipc-router.js';
import { type FormPlan, planForm } from './server-form.js';

export interface ServerTesterDeps {
  ports: SupervisorPorts;
  secrets: SecretStore;
  /** Nothing is spawned before the person confirmed its command line. */
  consent: Pick<ConsentService, 'require'>;
  settings: () => Settings;
  /** Every secret the app knows, masked in what the test returns besides the test's own. */
  knownSecrets?: () => readonly string[];
  appVersion: string;
  /**
   * Overrides the supervisor's handshake timeout (tests); the default allows a first npx download.
   */
  handshakeTimeoutMs?: number;
}

export async function runServerTest(
  deps: ServerTesterDeps,
  input: TestServerInput,
): Promise<TestServerOutput> {
  let prepared: Prepared;
  try {
    prepared = await prepare(deps, input);
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    // A missing keychain entry or a locked keychain: the test cannot run, and says why.
    return {
      ok: false,
      tools: [],
      problem: errorMessage(error),
      stderrTail: [],
    };
  }
  const { name, spec } = prepared;
  await deps.consent.require('test', [{ kind: 'run', server: name, line: prepared.line }]);
  const result = await testServer({ ...spec, secrets: prepared.secretValues }, deps.ports, {
    name,
    clientInfo: { name: 'dust-mcp-tray', version: deps.appVersion },
    ...(deps.handshakeTimeoutMs !== undefined
      ? { handshakeTimeoutMs: deps.handshakeTimeoutMs }
      : {}),
    ...(deps.knownSecrets ? { knownSecrets: deps.knownSecrets } : {}),
  });
  const stderrTail = result.stderr.map((line) => line.slice(0, 500));
  if (!result.ok) return { ok: false, tools: [], problem: result.error, stderrTail };
  const info = result.handshake.serverInfo;
  return {
    ok: true,
    tools: result.tools.map((tool) => {
      const description = tool['description'];
      return {
        name: tool.name,
        ...(typeof description === 'string' ? { description: description.slice(0, 2000) } : {}),
      };
    }),
    ...(info ? { serverInfo: { name: info.name, version: info.version } } : {}),
    stderrTail,
  };
}

interface Prepared {
  name: string;
  spec: ServerLaunchSpec;
  /**
   * What the person confirms (keychain values only as "a secret"; a remote server's URL and header
   * names).
   */
  line: CommandLine;
  /** Values to mask in what the test returns: keychain ones and plain ones that look secret. */
  secretValues: string[];
}

/** The values of `resolved` that came from placeholders in `raw` or look like secrets. */
function secretsOf(
  raw: Readonly<Record<string, string>>,
  resolved: Readonly<Record<string, string>>,
): string[] {
  return Object.entries(raw).flatMap(([key, value]) =>
    placeholdersIn(value).length > 0 || detectSecret(key, value) ? [resolved[key] ?? value] : [],
  );
}

async function prepare(deps: ServerTesterDeps, input: TestServerInput): Promise<Prepared> {
  const servers = deps.settings().mcpServers;
  const saved = (name: string) => (Object.hasOwn(servers, name) ? servers[name] : undefined);
  if (input.kind === 'saved') {
    const entry = saved(input.name);
    if (!entry) throw new HandlerError('not_found', `There is no server named "${input.name}".`);
    const spec = await resolveServerSpec(input.name, entry, deps.secrets);
    const resolved = 'url' in spec ? spec.headers : spec.env;
    return {
      name: input.name,
      spec,
      line: commandLineOfEntry(entry),
      secretValues: secretsOf(secretBearingValues(entry), resolved),
    };
  }
  const form = input.server;
  const owner = form.originalName;
  const previous = owner === undefined ? undefined : saved(owner);
  if (owner !== undefined && !previous)
    throw new HandlerError('not_found', `There is no server named "${owner}".`);
  const plan = planForm(form, previous);
  const line = commandLineOfPlan(plan);
  const env: Record<string, string> = {};
  const stored: Record<string, string> = {};
  const secretValues: string[] = [];
  for (const item of plan.env) {
    if (item.kind === 'keep' && placeholdersIn(item.stored).length > 0)
      stored[item.key] = item.stored;
    else env[item.key] = item.kind === 'keep' ? item.stored : item.value;
    if (item.kind === 'new-secret') secretValues.push(item.value);
    else if (item.kind === 'plain' && detectSecret(item.key, item.value))
      secretValues.push(item.value);
  }
  // Stored secrets are read from the keychain under the name they were saved with, and only for
  // the exact command line (or URL) they were saved for: a window must not hand them to another
  // program or another server.
  const hidden = plan.env.flatMap((item) =>
    item.kind === 'keep' &&
    (placeholdersIn(item.stored).length > 0 || detectSecret(item.key, item.stored))
      ? [item.key]
      : [],
  );
  if (hidden.length > 0 && previous && !sameTarget(plan, line, previous)) {
    const what = plan.remote ? 'saved URL' : 'saved command line';
    throw new HandlerError(
      'forbidden',
      `The stored secrets of "${owner}" (${hidden.join(', ')}) are given only to its ${what}. Enter them again to test this changed one.`,
    );
  }
  const resolved = await resolvePlaceholders(stored, deps.secrets, owner ?? plan.name);
  Object.assign(env, resolved);
  secretValues.push(...Object.values(resolved));
  if (plan.remote) {
    // The URL is checked again where the connection is made (mcp-launchers.ts).
    return {
      name: plan.name,
      spec: {
        url: plan.remote.url,
        transport: plan.remote.type === 'sse' ? 'sse' : 'auto',
        headers: env,
      },
      line,
      secretValues,
    };
  }
  const spec: LocalServerSpec = { command: plan.base.command, args: plan.base.args, env };
  return {
    name: plan.name,
    spec: plan.base.cwd === undefined ? spec : { ...spec, cwd: plan.base.cwd },
    line,
    secretValues,
  };
}

/**
 * Whether the form still starts what was saved: the same command line, or for a remote server
 * the same URL to the letter (a query string can carry a tenant or route: a stored header secret
 * goes only where it was saved for).
 */
function sameTarget(plan: FormPlan, line: CommandLine, previous: ServerEntry): boolean {
  if (!sameCommandLine(line, commandLineOfEntry(previous))) return false;
  return !plan.remote || (isRemoteEntry(previous) && previous.url === plan.remote.url);
}
