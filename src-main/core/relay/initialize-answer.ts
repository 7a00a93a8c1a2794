import type { RelayTarget } from './relay-ports.js';

/**
 * Protocol versions we can speak to Dust, newest first. Dust's MCP client rejects an answer with a
 * version it does not support, so we echo the client's version whenever it is one of these.
 */
export const SUPPORTED_PROTOCOL_VERSIONS = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
  '2024-10-07',
] as const;

/**
 * Our answer to Dust's `initialize`, built without waiting for the local server: Dust gives up
 * after 5 s, and a local server that is still starting must not cost the agent its tools for the
 * whole step. Instructions are included when the local server already told us them.
 */
export function buildInitializeResult(
  params: unknown,
  target: RelayTarget,
  appVersion: string,
): Record<string, unknown> {
  const requested =
    typeof params === 'object' && params !== null
      ? (params as Record<string, unknown>)['protocolVersion']
      : undefined;
  const protocolVersion =
    typeof requested === 'string' &&
    (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(requested)
      ? requested
      : SUPPORTED_PROTOCOL_VERSIONS[0];
  const info = target.initializeInfo();
  return {
    protocolVersion,
    capabilities: { tools: { listChanged: false } },
    serverInfo: {
      name: info?.serverInfo?.name ?? target.serverName,
      version: info?.serverInfo?.version ?? appVersion,
    },
    ...(info?.instructions ? { instructions: info.instructions } : {}),
  };
}
