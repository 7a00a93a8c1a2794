/**
 * Publish → result samples from the emulator's timing hook, and the statistics reported on them.
 */
import type { RunningEmulator } from '../../e2e/dust-emulator/index.js';

export interface Sample {
  serverId: string;
  id: string;
  method: string;
  publishedAt: number;
  resultAt: number;
}

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile over sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const round = (ms: number): number => Math.round(ms * 1_000) / 1_000;

export function latencyStats(values: readonly number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

/** Records samples while `recording` is on; attach once per emulator. */
export class SampleRecorder {
  private samples: Sample[] = [];
  private recording = false;

  constructor(emulator: RunningEmulator) {
    emulator.context.mcp.hub.timingObserver = (sample) => {
      if (this.recording) this.samples.push(sample);
    };
  }

  /** Starts a fresh recording; returns a function that stops it and hands the samples over. */
  record(): () => Sample[] {
    this.samples = [];
    this.recording = true;
    return () => {
      this.recording = false;
      const taken = this.samples;
      this.samples = [];
      return taken;
    };
  }
}

export const latencies = (
  samples: readonly Sample[],
  method: string,
  serverId?: string,
): number[] =>
  samples
    .filter((s) => s.method === method && (serverId === undefined || s.serverId === serverId))
    .map((s) => s.resultAt - s.publishedAt);
