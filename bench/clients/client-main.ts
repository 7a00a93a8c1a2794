/**
 * The IPC loop every client shares: `start` registers N servers and answers `ready` with their
 * serverIds; `stats` reports memory and CPU (after a full GC when asked, so heap figures are
 * live objects, not garbage); `stop` shuts down and exits.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { errorMessage } from '../../src-main/core/error-message.js';
import type { ClientStats, FromClient, StartMessage, ToClient } from './protocol.js';

export interface RunningClient {
  serverIds: string[];
  stop(): Promise<void>;
}

const send = (message: FromClient): void => {
  process.send?.(message);
};

let unhandledRejections = 0;

export function stats(gc: boolean): ClientStats {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (gc && collect) {
    collect();
    collect();
  }
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    heapUsed: memory.heapUsed,
    rss: memory.rss,
    childrenRss: childrenRss(),
    memoryWithChildren: memoryWithChildren(),
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    unhandledRejections,
  };
}

/** The pids of this process's children (its local servers), from /proc (Linux). */
function childPids(): string[] {
  return readdirSync(`/proc/${process.pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
  );
}

/** A memory field of /proc/PID/status, bytes. */
function statusBytes(pid: string | number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
}

/** RSS of this process's children (its local servers), from /proc (Linux; 0 elsewhere). */
function childrenRss(): number {
  try {
    return childPids().reduce<number>((total, pid) => total + statusBytes(pid, 'VmRSS'), 0);
  } catch {
    return 0;
  }
}

/** See ClientStats.memoryWithChildren. */
function memoryWithChildren(): number {
  try {
    const pids: Array<string | number> = [process.pid, ...childPids()];
    const anonymous = pids.reduce<number>((total, pid) => total + statusBytes(pid, 'RssAnon'), 0);
    return anonymous + Math.max(...pids.map((pid) => statusBytes(pid, 'RssFile')));
  } catch {
    return 0;
  }
}

/**
 * `statsOf` answers `stats` for a client whose measured process is another one (ours: the
 * bundled bridge it runs); by default, this process.
 */
export function runClient(
  start: (message: StartMessage) => Promise<RunningClient>,
  statsOf: (gc: boolean) => Promise<ClientStats> = (gc) => Promise.resolve(stats(gc)),
): void {
  let running: RunningClient | undefined;
  // event-source-polyfill (inside @dust-tt/client) calls reader.cancel() on a torn stream and
  // drops the rejected promise: fatal under Node's defaults. Counted and reported, not fatal here.
  process.on('unhandledRejection', () => {
    unhandledRejections++;
  });
  process.on('message', (raw: ToClient) => {
    void (async () => {
      try {
        if (raw.type === 'start') {
          running = await start(raw);
          send({ type: 'ready', serverIds: running.serverIds });
        } else if (raw.type === 'stats') {
          send({ type: 'stats', ...(await statsOf(raw.gc)) });
        } else {
          const timer = setTimeout(() => process.exit(0), 5_000);
          await running?.stop().catch(() => undefined);
          clearTimeout(timer);
          process.exit(0);
        }
      } catch (error) {
        send({ type: 'error', message: errorMessage(error) });
      }
    })();
  });
  // The runner going away must not leave us behind.
  process.on('disconnect', () => process.exit(0));
}
