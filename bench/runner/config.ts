/**
 * How much load each scenario applies. `full` is what `npm run bench` runs (the counts);
 * `quick` is a smoke run of every scenario with tiny counts, for CI: it proves the benchmark
 * works, never how fast anything is.
 */
export interface BenchConfig {
  mode: 'full' | 'quick';
  /**
   * Overhead and throughput run in this many rounds, the clients taking turns in a rotating order
   * within each round, so a burst of load from elsewhere on a shared machine hits all three alike.
   */
  rounds: number;
  overhead: { warmup: number; calls: number };
  throughput: { warmup: number; calls: number; concurrency: number[] };
  footprint: { warmup: number; calls: number; concurrency: number };
  recovery: {
    durationMs: number;
    concurrency: number;
    dropEveryMs: number;
    sleepMs: number;
    callTimeoutMs: number;
  };
  availability: { idleCloseMs: number; gapsMs: number[] };
  idleCpuMs: number;
  startup: { servers: number; repeats: number };
  /**
   * The stdio server ours relays to: `minimal`, the hand-written child raw-stdio uses too (the
   * relays compared like for like), or `sdk`, the MCP SDK's McpServer (`--ours-server sdk`).
   */
  oursServer: OursServer;
}

export type OursServer = 'minimal' | 'sdk';

/**
 * Gaps between listings: some well inside the idle window, some just past an idle close (a
 * listing landing right after the stream ended, the case Dust's 5-s initialize budget punishes),
 * some long. Fixed, so every client sees the same pattern in every run.
 */
const gaps = (idleMs: number): number[] =>
  [0.5, 1.05, 1.8, 0.4, 1.1, 2.5, 1.02, 0.7, 1.3, 1.01, 2.0, 1.15].map((f) =>
    Math.round(f * idleMs),
  );

export const FULL: BenchConfig = {
  mode: 'full',
  rounds: 4,
  overhead: { warmup: 200, calls: 2_000 },
  // 20,000 calls (5,000 a round) and a 2,000-call warm-up: with 5,000 in all a round lasted under
  // a second, shorter than the bursts of other work on a shared machine, and JIT warm-up showed.
  throughput: { warmup: 2_000, calls: 20_000, concurrency: [32, 128] },
  footprint: { warmup: 2_000, calls: 100_000, concurrency: 32 },
  recovery: {
    durationMs: 12_000,
    concurrency: 8,
    dropEveryMs: 3_000,
    sleepMs: 20,
    callTimeoutMs: 20_000,
  },
  availability: { idleCloseMs: 3_000, gapsMs: gaps(3_000) },
  idleCpuMs: 60_000,
  startup: { servers: 5, repeats: 3 },
  oursServer: 'minimal',
};

export const QUICK: BenchConfig = {
  mode: 'quick',
  rounds: 1,
  overhead: { warmup: 5, calls: 40 },
  throughput: { warmup: 5, calls: 60, concurrency: [32, 128] },
  footprint: { warmup: 20, calls: 200, concurrency: 32 },
  recovery: {
    durationMs: 2_500,
    concurrency: 4,
    dropEveryMs: 1_200,
    sleepMs: 10,
    callTimeoutMs: 15_000,
  },
  // Idle close above the core's 1 s "ended too soon" threshold, as Dust's 5 min is.
  availability: { idleCloseMs: 1_500, gapsMs: [500, 1_600, 400] },
  idleCpuMs: 1_000,
  startup: { servers: 5, repeats: 1 },
  oursServer: 'minimal',
};
