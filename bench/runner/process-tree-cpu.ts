/**
 * CPU time of a process and all its descendants, per process, from /proc (Linux; empty
 * elsewhere). bench/profile.ts takes it before and after a load to show which process of a
 * client's chain (launcher, relay, local server) spends what per call.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessCpu {
  pid: number;
  /** The command line, shortened to the script's file name. */
  name: string;
  /** utime + stime, ms. */
  cpuMs: number;
  /**
   * Resident memory, MB: anonymous (the process's own: heap, stacks, buffers) and file-backed
   * (mostly the node binary's pages, shared by every Node process that maps them).
   */
  rssAnonMB: number;
  rssFileMB: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux.

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

function cpuOf(pid: number): ProcessCpu | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // The script run, not a module preloaded with --import / --require.
    const script =
      args.find(
        (a, i) => /\.(c|m)?js$/.test(a) && !/^--(import|require)$/.test(args[i - 1] ?? ''),
      ) ??
      args[0] ??
      '?';
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
    return {
      pid,
      name: script.replace(/^.*\//, ''),
      cpuMs: ticks * TICK_MS,
      rssAnonMB: mb('RssAnon'),
      rssFileMB: mb('RssFile'),
    };
  } catch {
    return undefined;
  }
}

export function processTreeCpu(root: number): ProcessCpu[] {
  const out: ProcessCpu[] = [];
  const visit = (pid: number) => {
    const cpu = cpuOf(pid);
    if (cpu) out.push(cpu);
    for (const child of children(pid)) visit(child);
  };
  visit(root);
  return out;
}

/** CPU spent per process between two snapshots (processes present in both). */
export function cpuBetween(before: ProcessCpu[], after: ProcessCpu[]): ProcessCpu[] {
  const start = new Map(before.map((p) => [p.pid, p.cpuMs]));
  return after
    .filter((p) => start.has(p.pid))
    .map((p) => ({ ...p, cpuMs: p.cpuMs - (start.get(p.pid) ?? 0) }));
}
