/**
 * "Test server": spawn, handshake, tools/list, stop — for the form as typed (nothing saved) or a
 * saved server. Secrets reach the process and nothing else: the stderr tail and the problem are
 * redacted with every secret value the test used, since a server may well print its own token.
 */
import type { LocalServerSpec, SecretStore, ServerLaunchSpec } from '../../core/ports.js';
import { detectSecret } from '../../core/secrets/detect.js';
import { createRedactor } from '../../core/secrets/mask.js';
import { placeholdersIn, resolvePlaceholders } from '../../core/secrets/placeholders.js';
import type { SupervisorPorts } from '../../core/servers/server-supervisor.js';
import { testServer } from '../../core/servers/test-server.js';
import { secretBearingValues } from '../../core/settings/entry-parts.js';
import type { Settings } from '../../core/settings/schema.js';
import { resolveServerSpec } from '../../core/settings/server-spec.js';
import type { TestServerInput, TestServerOutput } from '../../shared/contract/servers.js';
import { HandlerError } from '../ipc-router.js';
import { planForm } from './server-form.js';

export interface ServerTesterDeps {
  ports: SupervisorPorts;
  secrets: SecretStore;
  settings: () => Settings;
  appVersion: string;
  /** Overrides the supervisor's handshake timeout (tests); the default allows a first npx download. */
  handshakeTimeoutMs?: number;
}

export async function runServerTest(deps: ServerTesterDeps, input: TestServerInput): Promise<TestServerOutput> {
  let prepared: Prepared;
  try {
    prepared = await prepare(deps, input);
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    // A missing keychain entry or a locked keychain: the test cannot run, and says why.
    return { ok: false, tools: [], problem: error instanceof Error ? error.message : String(error), stderrTail: [] };
  }
  const { name, spec } = prepared;
  const redactor = createRedactor(prepared.secretValues);
  const result = await testServer(spec, deps.ports, {
    name,
    clientInfo: { name: 'dust-mcp-tray', version: deps.appVersion },
    ...(deps.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: deps.handshakeTimeoutMs } : {}),
  });
  const stderrTail = result.stderr.map((line) => redactor.redact(line).slice(0, 500));
  if (!result.ok) return { ok: false, tools: [], problem: redactor.redact(result.error), stderrTail };
  const info = result.handshake.serverInfo;
  return {
    ok: true,
    tools: result.tools.map((tool) => {
      const description = tool['description'];
      return { name: tool.name, ...(typeof description === 'string' ? { description: description.slice(0, 2000) } : {}) };
    }),
    ...(info ? { serverInfo: { name: info.name, version: info.version } } : {}),
    stderrTail,
  };
}

interface Prepared {
  name: string;
  spec: ServerLaunchSpec;
  /** Values to mask in what the test returns: keychain ones and plain ones that look secret. */
  secretValues: string[];
}

/** The values of `resolved` that came from placeholders in `raw` or look like secrets. */
function secretsOf(raw: Readonly<Record<string, string>>, resolved: Readonly<Record<string, string>>): string[] {
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
    return { name: input.name, spec, secretValues: secretsOf(secretBearingValues(entry), resolved) };
  }
  const form = input.server;
  const owner = form.originalName;
  const previous = owner === undefined ? undefined : saved(owner);
  if (owner !== undefined && !previous) throw new HandlerError('not_found', `There is no server named "${owner}".`);
  const plan = planForm(form, previous);
  const env: Record<string, string> = {};
  const stored: Record<string, string> = {};
  const secretValues: string[] = [];
  for (const item of plan.env) {
    if (item.kind === 'keep' && placeholdersIn(item.stored).length > 0) stored[item.key] = item.stored;
    else env[item.key] = item.kind === 'keep' ? item.stored : item.value;
    if (item.kind === 'new-secret') secretValues.push(item.value);
    else if (item.kind === 'plain' && detectSecret(item.key, item.value)) secretValues.push(item.value);
  }
  // Stored secrets are read from the keychain under the name they were saved with.
  const resolved = await resolvePlaceholders(stored, deps.secrets, owner ?? plan.name);
  Object.assign(env, resolved);
  secretValues.push(...Object.values(resolved));
  if (plan.remote) {
    // The URL is checked again where the connection is made (mcp-launchers.ts).
    return { name: plan.name, spec: { url: plan.remote.url, transport: plan.remote.type === 'sse' ? 'sse' : 'auto', headers: env }, secretValues };
  }
  const spec: LocalServerSpec = { command: plan.base.command, args: plan.base.args, env };
  return { name: plan.name, spec: plan.base.cwd === undefined ? spec : { ...spec, cwd: plan.base.cwd }, secretValues };
}
