/** The JSON report written to bench/results/ (shape checked by bench-quick.test.ts). */
import type { ClientKind } from '../clients/protocol.js';
import type { AvailabilityResult } from '../scenarios/availability.js';
import type { PerClient } from '../scenarios/context.js';
import type { FootprintResult, IdleCpuResult } from '../scenarios/footprint.js';
import type { OverheadResult, ThroughputResult } from '../scenarios/overhead-throughput.js';
import type { RecoveryResult } from '../scenarios/recovery.js';
import type { StartupResult } from '../scenarios/startup.js';

export interface TargetCheck {
  metric: string;
  target: string;
  ours: number;
  reference: number | null;
  met: boolean;
}

export interface BenchReport {
  schema: 1;
  mode: 'full' | 'quick';
  /** Set on a partial run (`--only`): just these scenarios ran. */
  only?: string[];
  startedAt: string;
  durationMs: number;
  machine: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGB: number;
    loadAverageStart: number[];
    loadAverageEnd: number[];
  };
  setup: { emulator: string; clients: Record<ClientKind, string> };
  scenarios: {
    startup: PerClient<StartupResult>;
    overhead: PerClient<OverheadResult>;
    throughput: Array<{ concurrency: number; results: PerClient<ThroughputResult> }>;
    footprint: PerClient<FootprintResult>;
    idleCpu: PerClient<IdleCpuResult>;
    recovery: PerClient<RecoveryResult>;
    availability: PerClient<AvailabilityResult>;
  };
  targets: TargetCheck[];
  /** Smoke verdict: every client completed every call of the fault-free scenarios. */
  completed: { ok: boolean; problems: string[] };
}
