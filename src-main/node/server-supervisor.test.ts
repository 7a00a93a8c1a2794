import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { CancellationTokenSource } from '../core/cancellation.js';
import type { ServerSupervisor } from '../core/servers/server-supervisor.js';
import { everythingSpec, filesystemSpec, fixtureSpec, isAlive } from './test-fixtures/fixtures.js';
import { firstText, superviseForTest } from './test-fixtures/supervisor-harness.js';
import { waitFor } from './test-fixtures/wait-for.js';

const live: ServerSupervisor[] = [];
function supervise(...args: Parameters<typeof superviseForTest>) {
  const harness = superviseForTest(...args);
  live.push(harness.supervisor);
  return harness;
}
afterEach(async () => {
  await Promise.all(live.splice(0).map((s) => s.stop().finally(() => s.dispose())));
});

describe('ServerSupervisor with real npm MCP servers', () => {
  it('starts server-everything, lists its tools and relays an echo call', async () => {
    const { supervisor, until, kinds } = supervise(everythingSpec());
    supervisor.start();
    const ready = await until((s) => s.kind === 'ready');
    expect(kinds()).toEqual(['starting', 'ready']);
    const names = supervisor.tools()!.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['echo', 'get-sum']));
    expect(ready.kind === 'ready' && ready.handshake.serverInfo?.name).toMatch(/everything/);

    const response = await supervisor.request('tools/call', {
      name: 'echo',
      arguments: { message: 'héllo' },
    });
    expect(response).toMatchObject({ jsonrpc: '2.0', id: expect.any(Number) as number });
    expect(firstText(response)).toBe('Echo: héllo');
  });

  it('reads a file through server-filesystem, confined to its allowed directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dust-tray-fs-'));
    try {
      await writeFile(join(dir, 'note.txt'), 'contents of the note\n');
      const { supervisor, until } = supervise(filesystemSpec(dir));
      supervisor.start();
      await until((s) => s.kind === 'ready');
      expect(supervisor.tools()!.map((t) => t.name)).toEqual(
        expect.arrayContaining(['read_text_file', 'read_file']),
      );
      const read = await supervisor.request('tools/call', {
        name: 'read_text_file',
        arguments: { path: join(dir, 'note.txt') },
      });
      expect(firstText(read)).toBe('contents of the note\n');
      const outside = await supervisor.request('tools/call', {
        name: 'read_text_file',
        arguments: { path: '/etc/hostname' },
      });
      expect(outside).toMatchObject({ result: { isError: true } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('dispose() ends the child process', async () => {
    const { supervisor, until } = supervise(everythingSpec());
    supervisor.start();
    await until((s) => s.kind === 'ready');
    const pid = supervisor.pid!;
    expect(isAlive(pid)).toBe(true);
    supervisor.dispose();
    await waitFor('the process to be gone', () => !isAlive(pid), 5_000);
  });
});

describe('ServerSupervisor failure handling (real fixture processes)', () => {
  it('reports a crash with the exit code and stderr in words, then restarts with growing backoff', async () => {
    const { supervisor, history, until } = supervise(fixtureSpec('crash-server.mjs'), {
      backoff: { initialMs: 100, maxMs: 1_000, jitter: 'none' },
    });
    supervisor.start();
    await until(() => history.filter((s) => s.kind === 'backoff').length >= 3);
    const crashes = history.filter((s) => s.kind === 'crashed');
    expect(crashes[0]).toEqual({
      kind: 'crashed',
      attempt: 0,
      error: 'exited with code 3: fatal: API_KEY is not set',
    });
    const delays = history.flatMap((s) => (s.kind === 'backoff' ? [s.delayMs] : []));
    expect(delays.slice(0, 3)).toEqual([100, 200, 400]);
    expect(history.slice(0, 5).map((s) => s.kind)).toEqual([
      'starting',
      'crashed',
      'backoff',
      'starting',
      'crashed',
    ]);
    expect(supervisor.stderrLines(2)).toEqual([
      'starting crash-server',
      'fatal: API_KEY is not set',
    ]);
    expect(supervisor.describeProblem()).toMatch(
      /^The local server "under-test" (exited with code 3: fatal: API_KEY is not set|is restarting)/,
    );
  });

  it('marks a server that never answers initialize as hung, and kills it', async () => {
    const { supervisor, history, until } = supervise(
      fixtureSpec('fixture-server.mjs', { FIXTURE_SILENT: '1' }),
      {
        handshakeTimeoutMs: 500,
        backoff: { initialMs: 60_000, maxMs: 60_000, jitter: 'none' },
      },
    );
    supervisor.start();
    await until((s) => s.kind === 'backoff');
    expect(history.map((s) => s.kind)).toEqual(['starting', 'hung', 'backoff']);
    expect(history[1]).toMatchObject({
      kind: 'hung',
      error: 'did not answer the handshake within 500 ms',
    });
    expect(supervisor.describeProblem()).toBe(
      'The local server "under-test" did not answer the handshake within 500 ms; it restarts in 60 s.',
    );
  });

  it('marks a ready server that stops answering ping as hung', async () => {
    const { supervisor, until } = supervise(
      fixtureSpec('fixture-server.mjs', { FIXTURE_NO_PING: '1' }),
      {
        pingIntervalMs: 200,
        pingTimeoutMs: 300,
      },
    );
    supervisor.start();
    await until((s) => s.kind === 'ready');
    const hung = await until((s) => s.kind === 'hung');
    expect(hung).toMatchObject({
      error: 'stopped answering (no reply to 2 ping requests in a row, 300 ms each)',
    });
  });

  it('survives garbage on stdout and keeps it as a diagnostic', async () => {
    const { supervisor, until } = supervise(
      fixtureSpec('fixture-server.mjs', { FIXTURE_GARBAGE: '1' }),
    );
    supervisor.start();
    await until((s) => s.kind === 'ready');
    const response = await supervisor.request('tools/call', {
      name: 'echo',
      arguments: { message: 'still fine' },
    });
    expect(firstText(response)).toBe('still fine');
    expect(supervisor.stderrLines()).toContain(
      '(stdout, not JSON-RPC) Server starting… (this line is not JSON-RPC)',
    );
    expect(supervisor.stderrLines()).toContain('(stdout, not JSON-RPC) handling tools/call');
  });

  it('answers in-flight requests when the server dies, naming the exit', async () => {
    const { supervisor, until } = supervise(
      fixtureSpec('fixture-server.mjs', { FIXTURE_CRASH_AFTER_MS: '400' }),
    );
    supervisor.start();
    await until((s) => s.kind === 'ready');
    const response = await supervisor.request('tools/call', {
      name: 'slow',
      arguments: { ms: 5_000 },
    });
    expect(response).toMatchObject({
      error: {
        code: -32000,
        message: 'The local server "under-test" exited with code 7: fixture-server ready.',
      },
    });
  });
});

describe('ServerSupervisor requests (real fixture process)', () => {
  it('collects every tools/list page and refreshes on list_changed', async () => {
    const { supervisor, until } = supervise(
      fixtureSpec('fixture-server.mjs', { FIXTURE_TOOL_PAGES: '3' }),
    );
    const lists: string[][] = [];
    supervisor.onDidChangeTools((tools) => lists.push(tools.map((t) => t.name)));
    supervisor.start();
    await until((s) => s.kind === 'ready');
    expect(supervisor.tools()!.map((t) => t.name)).toEqual([
      'echo',
      'slow',
      'add_tool',
      'env',
      'cancelled_ids',
    ]);
    await supervisor.request('tools/call', { name: 'add_tool', arguments: { name: 'fresh' } });
    await waitFor('two tools/list calls', () => lists.length === 2, 5_000);
    expect(lists[1]).toEqual(['echo', 'slow', 'add_tool', 'env', 'cancelled_ids', 'fresh']);
  });

  it('cancels a request: answers at once and tells the server with notifications/cancelled', async () => {
    const { supervisor, until } = supervise(fixtureSpec('fixture-server.mjs'));
    supervisor.start();
    await until((s) => s.kind === 'ready');
    const source = new CancellationTokenSource();
    const pending = supervisor.request(
      'tools/call',
      { name: 'slow', arguments: { ms: 3_000 } },
      { cancellation: source.token },
    );
    setTimeout(() => source.cancel(), 100);
    const response = await pending;
    expect(response).toMatchObject({
      error: { code: -32800, message: 'The request was cancelled.' },
    });
    const cancelled = JSON.parse(
      firstText(await supervisor.request('tools/call', { name: 'cancelled_ids', arguments: {} })),
    ) as unknown[];
    expect(cancelled).toEqual([response.id]);
  });

  it('times a request out in words', async () => {
    const { supervisor, until } = supervise(fixtureSpec('fixture-server.mjs'));
    supervisor.start();
    await until((s) => s.kind === 'ready');
    const response = await supervisor.request(
      'tools/call',
      { name: 'slow', arguments: { ms: 3_000 } },
      { timeoutMs: 200 },
    );
    expect(response).toMatchObject({
      error: {
        code: -32001,
        message: 'The local server "under-test" did not answer tools/call within 200 ms.',
      },
    });
  });

  it('speaks the modern era (2026-07-28) to a server that has no initialize', async () => {
    const { supervisor, until } = supervise(
      fixtureSpec('fixture-server.mjs', { FIXTURE_MODERN: '1' }),
      {
        pingIntervalMs: 100,
        pingTimeoutMs: 1_000,
      },
    );
    supervisor.start();
    const ready = await until((s) => s.kind === 'ready');
    expect(ready.kind === 'ready' && ready.handshake).toMatchObject({
      era: 'modern',
      protocolVersion: '2026-07-28',
      serverInfo: { name: 'fixture-modern', version: '2.0.0' },
    });
    expect(supervisor.tools()!.map((t) => t.name)).toContain('echo');
    const answer = await supervisor.request('tools/call', {
      name: 'echo',
      arguments: { message: 'modern' },
      _meta: { progressToken: 7 },
    });
    expect(firstText(answer)).toBe('modern');
    // Heartbeats go through server/discover (modern servers have no ping), so it stays ready.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(supervisor.state.kind).toBe('ready');
  });

  it('refuses requests while not ready, saying why', async () => {
    const { supervisor } = supervise(fixtureSpec('fixture-server.mjs'));
    const response = await supervisor.request('tools/call', { name: 'echo', arguments: {} });
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32000, message: 'The local server "under-test" is stopped.' },
    });
  });
});
