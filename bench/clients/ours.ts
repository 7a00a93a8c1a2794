/**
 * Client "ours": the real core exactly as headless mode composes it (`runHeadless`: BridgeHost,
 * PolicyGate with an allow-all `--allow SERVER/*` rule, result poster, activity log), relaying to the
 * stdio fixture server. Only the keychain is replaced (the token comes as DUST_TOKEN would), and
 * the JSON lines go nowhere instead of stdout, so the pipe to the runner is not what we measure.
 */
import { parseHeadlessArgs } from '../../src-main/headless/args.js';
import { runHeadless } from '../../src-main/headless/run-headless.js';
import { createNodePorts } from '../../src-main/node/create-node-ports.js';
import { runClient } from './client-main.js';
import { serverName } from './protocol.js';

const noSecrets = {
  get: () => Promise.resolve(null),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(),
};

runClient(async (start) => {
  const mcpServers: Record<string, unknown> = {};
  for (let i = 0; i < start.servers; i++) {
    mcpServers[serverName(start.namePrefix, i)] = { command: process.execPath, args: [start.fixturePath] };
  }
  // Rules name the server exactly (a `*` server matches nothing): one allow-all rule per server.
  const allow = Object.keys(mcpServers).flatMap((name) => ['--allow', `${name}/*`]);
  const args = parseHeadlessArgs(['--dust-url', start.url, '--workspace', start.workspaceId, '--servers', 'bench.json', ...allow]);
  const serverIds = new Map<string, string>();
  let registered: () => void = () => undefined;
  const allRegistered = new Promise<void>((resolve) => (registered = resolve));
  const writeLine = (record: Record<string, unknown>): void => {
    if (record['event'] !== 'registered') return;
    serverIds.set(String(record['server']), String(record['serverId']));
    if (serverIds.size === start.servers) registered();
  };
  const running = await runHeadless(
    args,
    { env: { DUST_TOKEN: start.token }, writeLine, readFile: () => Promise.resolve(JSON.stringify({ mcpServers })) },
    { ...createNodePorts(), secrets: noSecrets, logger: { log: () => undefined } },
    '0.0.0-bench',
  );
  await allRegistered;
  return {
    serverIds: Object.keys(mcpServers).map((name) => serverIds.get(name) ?? ''),
    stop: () => running.stop(),
  };
});
