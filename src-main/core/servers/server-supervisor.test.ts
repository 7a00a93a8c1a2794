import { afterEach, describe, expect, it } from 'vitest';

import type { LocalServerSpec } from '../ports.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeMcpProcesses, wellBehavedServer } from '../testing/fake-mcp-processes.js';
import { FakeRandom } from '../testing/fake-random.js';
import { RecordingLogger } from '../testing/recording-logger.js';
import { ServerSupervisor, type ServerSupervisorOptions } from './server-supervisor.js';
import type { ServerState } from './state.js';

const spec: LocalServerSpec = { command: 'srv', args: [], env: {} };

function setup(options: Partial<ServerSupervisorOptions> = {}) {
  const clock = new FakeClock();
  const processes = new FakeMcpProcesses();
  const logger = new RecordingLogger();
  const supervisor = new ServerSupervisor(
    {
      name: 'unit',
      spec,
      clientInfo: { name: 'tray', version: '1' },
      backoff: { initialMs: 1_000, maxMs: 30_000, jitter: 'none' },
      pingIntervalMs: 30_000,
      pingTimeoutMs: 5_000,
      stableAfterMs: 60_000,
      ...options,
    },
    { processes, timers: clock, clock, random: new FakeRandom(), logger },
  );
  const states: ServerState[] = [];
  supervisor.onDidChangeState((state) => states.push(state));
  return { clock, processes, logger, supervisor, states, kinds: () => states.map((s) => s.kind) };
}

let current: ReturnType<typeof setup> | undefined;
afterEach(() => current?.supervisor.dispose());
const make = (options?: Partial<ServerSupervisorOptions>) => (current = setup(options));

describe('ServerSupervisor (fake process, fake clock)', () => {
  it('becomes ready, and dispose leaves no timers and no process', async () => {
    const { supervisor, clock, processes, kinds } = make();
    supervisor.start();
    await clock.advance(0);
    expect(kinds()).toEqual(['starting', 'ready']);
    expect(supervisor.tools()).toEqual([{ name: 'echo', inputSchema: { type: 'object' } }]);
    expect(processes.last!.sent.map((m) => m.method)).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/list',
    ]);
    expect(clock.pendingTimerCount).toBeGreaterThan(0);
    supervisor.dispose();
    expect(clock.pendingTimerCount).toBe(0);
    expect(processes.last!.exited).toBe(true);
  });

  it('restarts after exactly the backoff delay and resets it after a stable period', async () => {
    const { supervisor, clock, processes, states } = make();
    supervisor.start();
    await clock.advance(0);
    processes.last!.writeStderr('Error: lost the database');
    processes.last!.exit(1);
    await clock.advance(0);
    expect(states.at(-2)).toEqual({
      kind: 'crashed',
      attempt: 0,
      error: 'exited with code 1: Error: lost the database',
    });
    expect(states.at(-1)).toMatchObject({ kind: 'backoff', attempt: 1, delayMs: 1_000 });
    await clock.advance(999);
    expect(processes.spawned).toHaveLength(1);
    await clock.advance(1);
    expect(processes.spawned).toHaveLength(2);
    expect(supervisor.state).toMatchObject({ kind: 'ready', attempt: 1 });

    processes.last!.exit(1);
    await clock.advance(0);
    expect(supervisor.state).toMatchObject({ kind: 'backoff', delayMs: 2_000 });
    await clock.advance(2_000);
    await clock.advance(60_000);
    expect(supervisor.state).toMatchObject({ kind: 'ready', attempt: 0 });
    processes.last!.exit(null, 'SIGKILL');
    await clock.advance(0);
    expect(supervisor.state).toMatchObject({
      kind: 'backoff',
      delayMs: 1_000,
      error: 'was killed by SIGKILL',
    });
  });

  it('explains a spawn failure and keeps retrying; stop in backoff clears the timer', async () => {
    const { supervisor, clock, processes, states } = make();
    processes.failNextSpawn = new Error(
      'Could not start "srv": it was not found on your PATH. Install it.',
    );
    supervisor.start();
    await clock.advance(0);
    expect(states.map((s) => s.kind)).toEqual(['starting', 'crashed', 'backoff']);
    expect(supervisor.describeProblem()).toBe(
      'The local server "unit" could not start: it was not found on your PATH. Install it; it restarts in 1 s.',
    );
    await supervisor.stop();
    expect(supervisor.state).toEqual({
      kind: 'stopped',
      lastError: 'could not start: it was not found on your PATH. Install it',
    });
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('pings while ready and declares a silent server hung', async () => {
    const { supervisor, clock, processes } = make();
    supervisor.start();
    await clock.advance(0);
    await clock.advance(30_000);
    expect(processes.last!.sent.filter((m) => m.method === 'ping')).toHaveLength(1);
    const silent = processes.last!;
    silent.responder = (request) =>
      request.method === 'ping' ? undefined : wellBehavedServer(request);
    await clock.advance(30_000 + 5_000);
    // One late heartbeat is forgiven (a busy single-threaded server): asked again at once.
    expect(supervisor.state.kind).toBe('ready');
    expect(silent.sent.filter((m) => m.method === 'ping')).toHaveLength(3);
    await clock.advance(5_000);
    expect(supervisor.state).toMatchObject({
      kind: 'backoff',
      error: 'stopped answering (no reply to 2 ping requests in a row, 5 s each)',
    });
    expect(silent.closeCalls).toBe(1);
    expect(silent.sent.at(-1)).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: expect.any(Number) as number, reason: 'timed out' },
    });
  });

  it('keeps a server that misses one heartbeat but answers the next', async () => {
    const { supervisor, clock, processes } = make();
    supervisor.start();
    await clock.advance(0);
    const busy = processes.last!;
    let pings = 0;
    busy.responder = (request) =>
      request.method === 'ping' && ++pings === 1 ? undefined : wellBehavedServer(request);
    await clock.advance(30_000 + 5_000 + 1);
    expect(supervisor.state.kind).toBe('ready');
    expect(busy.closeCalls).toBe(0);
    expect(pings).toBe(2);
  });

  it('reads the spec at every spawn, so fresh secrets are used', async () => {
    let calls = 0;
    const { supervisor, clock, processes } = make({
      spec: () => Promise.resolve({ ...spec, env: { TOKEN: `t${++calls}` } }),
    });
    supervisor.start();
    await clock.advance(0);
    processes.last!.exit(1);
    await clock.advance(1_000);
    expect(processes.spawned.map((p) => p.spec.env.TOKEN)).toEqual(['t1', 't2']);
  });

  it('answers server-to-client requests and forwards other notifications', async () => {
    const { supervisor, clock, processes } = make();
    const notes: unknown[] = [];
    supervisor.onNotification((n) => notes.push(n));
    supervisor.start();
    await clock.advance(0);
    const child = processes.last!;
    child.emit({ jsonrpc: '2.0', id: 's1', method: 'roots/list' });
    child.emit({ jsonrpc: '2.0', id: 's2', method: 'ping' });
    child.emit({
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { level: 'info', data: 'hi' },
    });
    await clock.advance(0);
    expect(child.sent.slice(-2)).toEqual([
      {
        jsonrpc: '2.0',
        id: 's1',
        error: {
          code: -32601,
          message:
            'Method not found: roots/list (Dust MCP Tray does not offer it to local servers).',
        },
      },
      { jsonrpc: '2.0', id: 's2', result: {} },
    ]);
    expect(notes).toEqual([
      { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'hi' } },
    ]);
  });

  it('whenReady waits for ready, gives up after its timeout, and is false when stopped', async () => {
    const { supervisor, clock } = make();
    expect(await supervisor.whenReady(1_000)).toBe(false);
    supervisor.start();
    const waiting = supervisor.whenReady(1_000);
    await clock.advance(0);
    expect(await waiting).toBe(true);
    await supervisor.stop();
    const { supervisor: stuck, clock: stuckClock, processes } = make();
    processes.responder = () => undefined;
    stuck.start();
    const never = stuck.whenReady(2_000);
    await stuckClock.advance(2_000);
    expect(await never).toBe(false);
  });

  it('dispose during a request answers it and leaves no timer behind', async () => {
    const { supervisor, clock, processes } = make();
    supervisor.start();
    await clock.advance(0);
    processes.last!.responder = () => undefined;
    const lines: string[] = [];
    supervisor.onDidWriteStderr((line) => lines.push(line));
    processes.last!.writeStderr('working…');
    const pending = supervisor.request('tools/call', { name: 'echo' }, { timeoutMs: 60_000 });
    supervisor.dispose();
    expect(await pending).toMatchObject({
      error: { code: -32000, message: 'The local server "unit" was shut down.' },
    });
    expect(clock.pendingTimerCount).toBe(0);
    expect(lines).toEqual(['working…']);
    expect(await supervisor.whenReady(1_000)).toBe(false);
  });

  it('dispose during backoff cancels the retry', async () => {
    const { supervisor, clock, processes } = make();
    supervisor.start();
    await clock.advance(0);
    processes.last!.exit(1);
    await clock.advance(0);
    expect(supervisor.state.kind).toBe('backoff');
    supervisor.dispose();
    expect(clock.pendingTimerCount).toBe(0);
    await clock.advance(120_000);
    expect(processes.spawned).toHaveLength(1);
  });

  it('reports how the process exited, not the failed write, when it dies before the handshake', async () => {
    const { supervisor, clock, processes, states } = make();
    processes.onSpawn = (child) => (child.failWrites = true);
    supervisor.start();
    await clock.advance(0);
    expect(supervisor.state.kind).toBe('starting');
    const child = processes.last!;
    child.writeStderr('Error: cannot find module "x"');
    child.exit(1);
    await clock.advance(0);
    expect(states.find((s) => s.kind === 'crashed')).toEqual({
      kind: 'crashed',
      attempt: 0,
      error: 'exited with code 1: Error: cannot find module "x"',
    });
  });

  it("masks a remote server's header secrets in its transport notes and in the words of a lost session (the one redaction point)", async () => {
    const token = 'wiki-bearer-9c1f2e7d3a5b';
    const { supervisor, clock, processes, states } = make({
      spec: {
        url: 'https://wiki.corp.example/mcp',
        transport: 'auto',
        headers: { Authorization: `Bearer ${token}` },
        secrets: [`Bearer ${token}`],
      },
      remote: true,
    });
    supervisor.start();
    await clock.advance(0);
    const child = processes.last!;
    child.writeStderr(`Streamable HTTP session opened with Authorization: Bearer ${token}`);
    child.exit(
      null,
      null,
      `the session was lost: the server echoed ${encodeURIComponent(token)} in a 500`,
    );
    await clock.advance(0);
    const crashed = states.find((state) => state.kind === 'crashed');
    expect(crashed).toMatchObject({
      kind: 'crashed',
      error: expect.stringContaining('the session was lost'),
    });
    const said = JSON.stringify([states, supervisor.stderrLines(20), supervisor.describeProblem()]);
    expect(said).not.toContain(token);
    expect(said).not.toContain(encodeURIComponent(token));
    expect(supervisor.describeProblem()).toMatch(/^The remote server "unit"/);
  });
});
