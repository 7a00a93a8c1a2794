/**
 * One client in its own process (`fork` with an IPC channel and `--expose-gc`), driven by the
 * runner: start → ready (serverIds), stats, stop. stderr is kept (last lines) to explain a crash.
 */
import { type ChildProcess, fork } from 'node:child_process';

import type {
  ClientKind,
  ClientStats,
  FromClient,
  StartMessage,
  ToClient,
} from '../clients/protocol.js';

export class ClientProcess {
  private stderrTail: string[] = [];
  private waiting: Array<{
    type: FromClient['type'];
    resolve: (m: FromClient) => void;
    reject: (e: Error) => void;
  }> = [];
  private exited = false;
  readonly exit: Promise<void>;

  private constructor(
    readonly kind: ClientKind,
    private readonly child: ChildProcess,
  ) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = [...this.stderrTail, ...chunk.split('\n')].slice(-20);
    });
    child.on('message', (message: FromClient) => {
      if (message.type === 'error') {
        for (const w of this.waiting.splice(0)) w.reject(new Error(`${kind}: ${message.message}`));
        return;
      }
      const index = this.waiting.findIndex((w) => w.type === message.type);
      if (index !== -1) this.waiting.splice(index, 1)[0]?.resolve(message);
    });
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exited = true;
        const why = new Error(
          `${kind} exited (${code ?? signal}): ${this.stderrTail.join('\n').slice(-1_500)}`,
        );
        for (const w of this.waiting.splice(0)) w.reject(why);
        resolve();
      }),
    );
  }

  /** `execArgv` adds Node flags (bench/profile.ts passes --cpu-prof). */
  static launch(kind: ClientKind, path: string, execArgv: readonly string[] = []): ClientProcess {
    const child = fork(path, [], {
      execArgv: ['--expose-gc', ...execArgv],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    return new ClientProcess(kind, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async start(message: Omit<StartMessage, 'type'>, timeoutMs = 30_000): Promise<string[]> {
    const ready = await this.ask({ type: 'start', ...message }, 'ready', timeoutMs);
    return ready.type === 'ready' ? ready.serverIds : [];
  }

  async stats(gc: boolean): Promise<ClientStats> {
    const reply = await this.ask({ type: 'stats', gc }, 'stats', 30_000);
    if (reply.type !== 'stats') throw new Error('unexpected reply');
    return {
      heapUsed: reply.heapUsed,
      rss: reply.rss,
      childrenRss: reply.childrenRss,
      memoryWithChildren: reply.memoryWithChildren,
      cpuUserUs: reply.cpuUserUs,
      cpuSystemUs: reply.cpuSystemUs,
      unhandledRejections: reply.unhandledRejections,
    };
  }

  /** Asks the client to stop (it deregisters and exits); kills it if it takes more than 8 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.child.send({ type: 'stop' } satisfies ToClient);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 8_000);
    await this.exit;
    clearTimeout(timer);
  }

  private ask(message: ToClient, type: FromClient['type'], timeoutMs: number): Promise<FromClient> {
    if (this.exited) return Promise.reject(new Error(`${this.kind} has exited`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.kind}: no ${type} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting.push({
        type,
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.child.send(message);
    });
  }
}
