/**
 * Client "sdk": what a developer would write instead of using our app: an `McpServer` with the
 * same tools, connected in-process to `@dust-tt/client`'s `DustMcpServerTransport` (1.2.8).
 */
import { createRequire } from 'node:module';

import type * as DustClient from '@dust-tt/client';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { ExecutionLedger, registerBenchTools } from '../fixtures/bench-tools.js';
import { runClient } from './client-main.js';
import { serverName } from './protocol.js';

// The package is CommonJS; require keeps its named exports intact under ESM.
const { DustAPI, DustMcpServerTransport } = createRequire(import.meta.url)(
  '@dust-tt/client',
) as typeof DustClient;

const quiet = {
  info: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
};

runClient(async (start) => {
  // The transport logs every reconnect with console.error; keep the runner's output readable.
  console.error = () => undefined;
  console.log = () => undefined;
  const ledger = new ExecutionLedger();
  const servers: Array<{ server: McpServer; serverId: string }> = [];
  await Promise.all(
    Array.from({ length: start.servers }, async (_, i) => {
      const api = new DustAPI(
        { url: start.url },
        { apiKey: start.token, workspaceId: start.workspaceId },
        quiet,
      );
      const server = new McpServer({ name: 'bench-sdk', version: '1.0.0' });
      registerBenchTools(server, ledger);
      let serverId = '';
      await server.connect(
        new DustMcpServerTransport(api, (id) => (serverId = id), serverName(start.namePrefix, i)),
      );
      servers[i] = { server, serverId };
    }),
  );
  return {
    serverIds: servers.map((s) => s.serverId),
    stop: async () => {
      await Promise.all(servers.map((s) => s.server.close()));
    },
  };
});
