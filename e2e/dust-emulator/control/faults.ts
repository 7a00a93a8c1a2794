/**
 * Fault injection state (docs/protocol/emulator.md#mcp-35): persistent settings (handshake variant,
 * idle close, page size, 307 mode, limits…) plus one-shot faults consumed by the next requests
 * (injected statuses, corrupted frames, `done` right after the handshake).
 */
import type { FrameAction } from '../http/sse.js';
import { defaultFaultSettings, type FaultSettings } from '../options.js';

/**
 * Endpoint names used by status injection and delays; the conversation side may use its own strings
 * too.
 */
export type EndpointName =
  | 'register'
  | 'heartbeat'
  | 'requests'
  | 'results'
  | 'deregister'
  | 'me'
  | 'workos.authorize'
  | 'workos.authenticate'
  | (string & {});

export interface StatusInjection {
  readonly endpoint: EndpointName;
  readonly status: number;
  /** How many upcoming requests get it (default 1). */
  readonly count?: number;
  /** Sets `Retry-After` (seconds), typically with 429. */
  readonly retryAfterSeconds?: number;
  /** Answer like a load balancer (HTML) instead of Dust's JSON envelope. */
  readonly html?: boolean;
}

export interface StreamFaultCounts {
  /** The next N requests-stream connections end with `data: done` right after the handshake. */
  doneAfterHandshake: number;
  /** The next N request frames are preceded by a malformed frame. */
  malformedFrames: number;
  /** The next N request frames are cut in half, then the connection is torn down. */
  halfFrameThenDrop: number;
}

export interface FaultSnapshot {
  readonly settings: FaultSettings;
  readonly injections: ReadonlyArray<StatusInjection & { remaining: number }>;
  readonly stream: StreamFaultCounts;
}

export class Faults {
  settings: FaultSettings;
  private injections: Array<StatusInjection & { remaining: number }> = [];
  private stream: StreamFaultCounts = {
    doneAfterHandshake: 0,
    malformedFrames: 0,
    halfFrameThenDrop: 0,
  };

  constructor(private readonly initial: Partial<FaultSettings> = {}) {
    this.settings = { ...defaultFaultSettings(), ...initial };
  }

  /** Merges settings; `delaysMs` is merged per endpoint. */
  set(partial: Partial<FaultSettings>): void {
    this.settings = {
      ...this.settings,
      ...partial,
      delaysMs: { ...this.settings.delaysMs, ...(partial.delaysMs ?? {}) },
    };
  }

  injectStatus(injection: StatusInjection): void {
    this.injections.push({ ...injection, remaining: injection.count ?? 1 });
  }

  armStream(partial: Partial<StreamFaultCounts>): void {
    this.stream = {
      doneAfterHandshake: this.stream.doneAfterHandshake + (partial.doneAfterHandshake ?? 0),
      malformedFrames: this.stream.malformedFrames + (partial.malformedFrames ?? 0),
      halfFrameThenDrop: this.stream.halfFrameThenDrop + (partial.halfFrameThenDrop ?? 0),
    };
  }

  /** Back to the options the emulator was started with; one-shot faults disarmed. */
  clear(): void {
    this.settings = { ...defaultFaultSettings(), ...this.initial };
    this.injections = [];
    this.stream = { doneAfterHandshake: 0, malformedFrames: 0, halfFrameThenDrop: 0 };
  }

  /** Consumes one injected status for `endpoint`, if armed. */
  takeStatus(endpoint: EndpointName): StatusInjection | undefined {
    const injection = this.injections.find((i) => i.endpoint === endpoint && i.remaining > 0);
    if (!injection) return undefined;
    injection.remaining -= 1;
    this.injections = this.injections.filter((i) => i.remaining > 0);
    return injection;
  }

  takeDoneAfterHandshake(): boolean {
    if (this.stream.doneAfterHandshake <= 0) return false;
    this.stream.doneAfterHandshake -= 1;
    return true;
  }

  /** The action for the next request frame. */
  takeFrameAction(): FrameAction {
    if (this.stream.halfFrameThenDrop > 0) {
      this.stream.halfFrameThenDrop -= 1;
      return 'half-then-drop';
    }
    if (this.stream.malformedFrames > 0) {
      this.stream.malformedFrames -= 1;
      return 'malformed';
    }
    return 'normal';
  }

  snapshot(): FaultSnapshot {
    return {
      settings: { ...this.settings },
      injections: [...this.injections],
      stream: { ...this.stream },
    };
  }
}
