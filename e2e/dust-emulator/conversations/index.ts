/**
 * Public surface of the conversation and catalogue half, for in-process tests:
 * `conversationsOf(emulator.context).faults.programmatic = 'no_credits'`,
 * `catalogueOf(emulator.context).agents.push(…)`. The same switches exist over HTTP under
 * `/__emulator/conversations/…`. (`e2e/dust-emulator/index.ts` may re-export this module.)
 */
export type {
  AgentBehaviour,
  AgentScope,
  AgentStatus,
  LightAgentConfiguration,
  SeedAgent,
} from '../catalogue/agent-configurations.js';
export { AGENT_IDS, type Catalogue, SPACE_IDS } from '../catalogue/seed.js';
export type { SeedServerView, SeedSpace, SeedTool } from '../catalogue/spaces.js';
export { catalogueOf } from '../catalogue/state.js';
export type { AgentEvent, ConversationEvent } from './events.js';
export {
  type ConversationFaults,
  defaultFaults,
  type ProgrammaticMode,
  type StreamCut,
} from './faults.js';
export type {
  AgentActionJson,
  AgentMessageJson,
  ConversationRecord,
  UserMessageJson,
} from './model.js';
export type { ConversationService } from './service.js';
export { conversationsOf } from './state.js';
