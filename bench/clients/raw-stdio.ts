/**
 * Client "raw-stdio": the raw relay (raw-relay.ts), each tools/call relayed to a minimal stdio
 * echo child (one per server, hand-written JSON lines, no SDK): the true limit for a relay whose
 * tools live in another process, as ours do.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { runClient } from './client-main.js';
import { startRawRelay } from './raw-relay.js';

class EchoChild {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  constructor(path: string) {
    this.child = spawn(process.execPath, [path], { stdio: ['pipe', 'pipe', 'ignore'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { id: number; result: unknown };
      this.waiting.get(message.id)?.(message.result);
      this.waiting.delete(message.id);
    });
  }

  call(name: string, args: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin!.write(
        `${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } })}\n`,
      );
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.end();
    await exited;
  }
}

runClient((start) => {
  const children = Array.from({ length: start.servers }, () => new EchoChild(start.rawChildPath));
  return startRawRelay(
    start,
    (index, name, args) => children[index]!.call(name, args),
    async () => {
      await Promise.all(children.map((child) => child.stop()));
    },
  );
});
