/**
 * Everything route modules share. One context per running emulator; nothing is global, so tests
 * can run many emulators side by side.
 */
import { createClock, type EmulatorClock } from './clock.js';
import { Counters } from './control/counters.js';
import { Faults } from './control/faults.js';
import { StreamRegistry } from './http/sse.js';
import { DeviceFlow } from './identity/device-flow.js';
import { Identity } from './identity/identity.js';
import { createAgentClient } from './mcp/agent-client.js';
import type { AgentMcpClient } from './mcp/agent-types.js';
import { RequestHub } from './mcp/hub.js';
import { McpRegistry } from './mcp/registry.js';
import type { AgentOptions, ResolvedOptions } from './options.js';

export interface McpServices {
  readonly registry: McpRegistry;
  readonly hub: RequestHub;
}

export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly clock: EmulatorClock;
  readonly identity: Identity;
  readonly devices: DeviceFlow;
  readonly faults: Faults;
  readonly counters: Counters;
  /** Every open SSE stream, so faults and shutdown can end them. */
  readonly streams: StreamRegistry;
  readonly mcp: McpServices;
  readonly agent: AgentMcpClient;
  /** The fake agent's current settings (start options, changed at run time by controls). */
  agentOptions(): AgentOptions;
  setAgentOptions(partial: Partial<AgentOptions>): void;
  /** `http://127.0.0.1:<port>`, known once listening. */
  baseUrl(): string;
  log(line: string): void;
}

export function createContext(
  options: ResolvedOptions,
): EmulatorContext & { setBaseUrl(url: string): void } {
  const clock = createClock();
  const counters = new Counters();
  const faults = new Faults(options.faults);
  const identity = new Identity(clock, {
    region: options.region,
    clientId: options.workos.clientId,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds,
  });
  const devices = new DeviceFlow(clock, () => ({
    expiresInSeconds: options.workos.deviceCodeExpiresInSeconds,
    intervalSeconds: options.workos.intervalSeconds,
  }));
  const registry = new McpRegistry(clock, options.registrationTtlSeconds * 1000);
  const hub = new RequestHub(
    clock,
    counters,
    options.eventLogTtlSeconds * 1000,
    () => faults.settings.strictIds,
    (line) => {
      process.stderr.write(`${line}\n`);
      options.log(line);
    },
  );
  let agentOptions: AgentOptions = options.agent;
  const agent = createAgentClient({ hub, registry, clock, counters, options: () => agentOptions });
  let baseUrl = '';
  return {
    options,
    clock,
    identity,
    devices,
    faults,
    counters,
    streams: new StreamRegistry(),
    mcp: { registry, hub },
    agent,
    agentOptions: () => agentOptions,
    setAgentOptions: (partial) => {
      agentOptions = { ...agentOptions, ...partial };
    },
    baseUrl: () => baseUrl,
    setBaseUrl: (url) => {
      baseUrl = url;
    },
    log: options.log,
  };
}
