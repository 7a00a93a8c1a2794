/**
 * The Dust emulator: a local stand-in for WorkOS and Dust's public API, for tests, demos and
 * development. It shares no code with the app on purpose: one bug must not hide in both.
 */
export type { EmulatorClock } from './clock.js';
export type { EmulatorContext } from './context.js';
export type { EmulatorControls } from './control/controls.js';
export type { CounterName, CounterSnapshot } from './control/counters.js';
export type { EndpointName, StatusInjection, StreamFaultCounts } from './control/faults.js';
export type { Region } from './identity/jwt.js';
export type {
  ApiKey,
  Membership,
  Role,
  SeedData,
  SeedUser,
  SeedWorkspace,
} from './identity/seed.js';
export type {
  AgentMcpClient,
  AgentTool,
  CallToolInput,
  CallToolOutcome,
  ListToolsInput,
  ListToolsOutcome,
} from './mcp/agent-types.js';
export type { JsonRpcMessage, TimingObserver } from './mcp/hub.js';
export type { Registration } from './mcp/registry.js';
export type { AgentOptions, FaultSettings } from './options.js';
export {
  type EmulatorOptions,
  type EmulatorSeeds,
  type RunningEmulator,
  startEmulator,
} from './server.js';
