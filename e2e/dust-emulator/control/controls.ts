/**
 * The emulator's control surface, shared by the in-process API (`RunningEmulator`) and the HTTP
 * control routes under `/__emulator/`, so both always do the same thing.
 */
import type { EmulatorContext } from '../context.js';
import type { LogEvent } from '../http/event-log.js';
import type { MintOptions } from '../identity/identity.js';
import type { JsonRpcMessage } from '../mcp/hub.js';
import type { Registration } from '../mcp/registry.js';
import type { AgentOptions, FaultSettings } from '../options.js';
import type { CounterName, CounterSnapshot } from './counters.js';
import type { FaultSnapshot, StatusInjection, StreamFaultCounts } from './faults.js';

export interface EmulatorControls {
  readonly clock: { now(): number; advance(ms: number): void; advanceTo(epochMs: number): void };
  /** Change the fake agent's settings (protocol version, budgets, pagination mode) at run time. */
  readonly agentOptions: { get(): AgentOptions; set(partial: Partial<AgentOptions>): void };
  readonly faults: {
    set(partial: Partial<FaultSettings>): void;
    clear(): void;
    injectStatus(injection: StatusInjection): void;
    armStream(partial: Partial<StreamFaultCounts>): void;
    /** Ends open SSE streams now: `close` (no `done`), `abort` (torn socket) or `done`. */
    dropStreams(mode?: 'close' | 'abort' | 'done', kind?: string): number;
    /** The registration disappears now (as if its TTL ran out). */
    expireRegistration(serverId: string): boolean;
    snapshot(): FaultSnapshot;
  };
  readonly counters: { read(): CounterSnapshot; get(name: CounterName): number; reset(): void };
  readonly identity: {
    mintAccessToken(userId: string, options?: MintOptions): string;
    approveDeviceCode(userCode: string, userId?: string): boolean;
    denyDeviceCode(userCode: string): boolean;
    expireDeviceCode(userCode: string): boolean;
  };
  readonly mcp: {
    registrations(): Registration[];
    /** Publishes a raw JSON-RPC message on a live registration's request stream. */
    publish(serverId: string, message: JsonRpcMessage): LogEvent<JsonRpcMessage> | undefined;
    /** Unanswered messages still stored for a registration. */
    pending(serverId: string): Array<LogEvent<JsonRpcMessage>>;
  };
}

export function createControls(ctx: EmulatorContext): EmulatorControls {
  const addressOf = (serverId: string) => {
    const registration = ctx.mcp.registry.findByServerId(serverId);
    return registration
      ? { workspaceSId: registration.workspaceSId, userSId: registration.userSId, serverId }
      : undefined;
  };
  return {
    clock: {
      now: () => ctx.clock.now(),
      advance: (ms) => ctx.clock.advance(ms),
      advanceTo: (epochMs) => ctx.clock.advanceTo(epochMs),
    },
    agentOptions: { get: () => ctx.agentOptions(), set: (partial) => ctx.setAgentOptions(partial) },
    faults: {
      set: (partial) => ctx.faults.set(partial),
      clear: () => ctx.faults.clear(),
      injectStatus: (injection) => ctx.faults.injectStatus(injection),
      armStream: (partial) => ctx.faults.armStream(partial),
      dropStreams: (mode = 'close', kind) => ctx.streams.endAll(mode, kind),
      expireRegistration: (serverId) => ctx.mcp.registry.expireNow(serverId),
      snapshot: () => ctx.faults.snapshot(),
    },
    counters: {
      read: () => ctx.counters.snapshot(),
      get: (name) => ctx.counters.get(name),
      reset: () => ctx.counters.reset(),
    },
    identity: {
      mintAccessToken: (userId, options) => ctx.identity.mintAccessToken(userId, options),
      approveDeviceCode: (userCode, userId = ctx.identity.seed.users.ada.sId) =>
        ctx.devices.approve(userCode, userId),
      denyDeviceCode: (userCode) => ctx.devices.deny(userCode),
      expireDeviceCode: (userCode) => ctx.devices.expire(userCode),
    },
    mcp: {
      registrations: () => ctx.mcp.registry.list(),
      publish: (serverId, message) => {
        const address = addressOf(serverId);
        return address ? ctx.mcp.hub.publish(address, message) : undefined;
      },
      pending: (serverId) => {
        const address = addressOf(serverId);
        return address ? ctx.mcp.hub.pending(address) : [];
      },
    },
  };
}
