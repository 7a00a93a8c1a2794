import { Emitter } from '../emitter.js';
import type { JsonRpcMessage } from '../jsonrpc.js';
import type { LocalServerProcess, LocalServerSpec, McpProcesses } from '../ports.js';

/** Answers a request the fake server receives; undefined means "stay silent". */
export type FakeResponder = (request: JsonRpcMessage) => JsonRpcMessage | undefined;

/** An MCP server that answers initialize, tools/list (one tool "echo"), ping and echo calls. */
export const wellBehavedServer: FakeResponder = (request) => {
  const reply = (result: unknown): JsonRpcMessage => ({ jsonrpc: '2.0', id: request.id, result });
  switch (request.method) {
    case 'initialize':
      return reply({
        protocolVersion: '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'fake', version: '1' },
      });
    case 'tools/list':
      return reply({ tools: [{ name: 'echo', inputSchema: { type: 'object' } }] });
    case 'ping':
      return reply({});
    default:
      return reply({ content: [{ type: 'text', text: JSON.stringify(request.params) }] });
  }
};

/** A scripted local process for unit tests of the supervisor: no child, no real time. */
export class FakeLocalProcess implements LocalServerProcess {
  private readonly _onMessage = new Emitter<JsonRpcMessage>();
  private readonly _onStderr = new Emitter<string>();
  private readonly _onExit = new Emitter<{
    code: number | null;
    signal: string | null;
    reason?: string;
  }>();
  readonly onMessage = this._onMessage.event;
  readonly onStderr = this._onStderr.event;
  readonly onExit = this._onExit.event;
  readonly sent: JsonRpcMessage[] = [];
  exited = false;
  /** Writes fail as if the pipe broke (the process is dying but has not exited yet). */
  failWrites = false;
  closeCalls = 0;

  constructor(
    readonly pid: number,
    readonly spec: LocalServerSpec,
    /** Replace it to change how this very process answers from now on. */
    public responder: FakeResponder,
  ) {}

  send(message: JsonRpcMessage): Promise<void> {
    if (this.exited)
      return Promise.reject(new Error('The server is not running, so the message was not sent.'));
    if (this.failWrites)
      return Promise.reject(new Error('Could not write to the server: write EPIPE'));
    this.sent.push(message);
    if ('id' in message && typeof message.method === 'string') {
      const answer = this.responder(message);
      if (answer) void Promise.resolve().then(() => !this.exited && this._onMessage.fire(answer));
    }
    return Promise.resolve();
  }

  /** The server says something on its own (a notification, garbage turned diagnostic…). */
  emit(message: JsonRpcMessage): void {
    this._onMessage.fire(message);
  }

  writeStderr(line: string): void {
    this._onStderr.fire(line);
  }

  /** `reason`: the words a remote session gives when it is lost (RemoteMcpConnection). */
  exit(code: number | null, signal: string | null = null, reason?: string): void {
    if (this.exited) return;
    this.exited = true;
    this._onExit.fire(reason === undefined ? { code, signal } : { code, signal, reason });
  }

  close(): Promise<void> {
    this.closeCalls++;
    this.exit(null, 'SIGTERM');
    return Promise.resolve();
  }

  dispose(): void {
    void this.close();
  }
}

/** McpProcesses that hands out FakeLocalProcess objects, or fails to spawn when told to. */
export class FakeMcpProcesses implements McpProcesses {
  readonly spawned: FakeLocalProcess[] = [];
  failNextSpawn: Error | undefined;
  /** Runs on each new process before the caller gets it (to script its first moments). */
  onSpawn: ((child: FakeLocalProcess) => void) | undefined;
  private nextPid = 1000;

  constructor(public responder: FakeResponder = wellBehavedServer) {}

  get last(): FakeLocalProcess | undefined {
    return this.spawned.at(-1);
  }

  spawn(spec: LocalServerSpec): Promise<LocalServerProcess> {
    const failure = this.failNextSpawn;
    this.failNextSpawn = undefined;
    if (failure) return Promise.reject(failure);
    const child = new FakeLocalProcess(this.nextPid++, spec, this.responder);
    this.spawned.push(child);
    this.onSpawn?.(child);
    return Promise.resolve(child);
  }
}
