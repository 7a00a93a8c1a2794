import { afterEach, describe, expect, it } from 'vitest';

import type { JsonRpcMessage } from '../core/jsonrpc.js';
import type { LocalServerProcess } from '../core/ports.js';
import { rawJsonOf } from '../core/raw-json/raw-json.js';
import { StdioMcpProcesses } from './stdio-mcp-processes.js';
import { fixtureSpec, isAlive } from './test-fixtures/fixtures.js';
import { waitFor } from './test-fixtures/wait-for.js';

/** Collects what a process says, read by the tests while they wait (waitFor). */
function watch(child: LocalServerProcess) {
  const messages: JsonRpcMessage[] = [];
  const stderr: string[] = [];
  let exit: { code: number | null; signal: string | null } | undefined;
  child.onMessage((m) => messages.push(m));
  child.onStderr((line) => stderr.push(line));
  child.onExit((e) => (exit = e));
  return { messages, stderr, exit: () => exit };
}

describe('StdioMcpProcesses (real child processes)', () => {
  const processes = new StdioMcpProcesses({ closeGraceMs: 300, killGraceMs: 300 });
  const started: LocalServerProcess[] = [];
  const spawn = async (...args: Parameters<typeof fixtureSpec>) => {
    const child = await processes.spawn(fixtureSpec(...args));
    started.push(child);
    return child;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((child) => child.close()));
  });

  it('carries raw JSON-RPC both ways with ids and unknown fields untouched', async () => {
    const child = await spawn('fixture-server.mjs');
    const seen = watch(child);
    await child.send({
      jsonrpc: '2.0',
      id: 'mcp_req_ABC-1',
      method: 'test/echo-message',
      params: { x: 1 },
      ours: true,
    });
    await child.send({ jsonrpc: '2.0', id: 7, method: 'test/null-id-error' });
    await waitFor('two messages', () => seen.messages.length === 2, 5_000);
    expect(seen.messages[0]).toEqual({
      jsonrpc: '2.0',
      id: 'mcp_req_ABC-1',
      result: {
        received: {
          jsonrpc: '2.0',
          id: 'mcp_req_ABC-1',
          method: 'test/echo-message',
          params: { x: 1 },
          ours: true,
        },
      },
      extra: 'kept',
    });
    expect(seen.messages[1]).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
    expect(seen.stderr).toContain('fixture-server ready');
  });

  it('keeps a large tool result as the bytes the server wrote, for Dust to get as written', async () => {
    const child = await spawn('fixture-server.mjs', { FIXTURE_BIG: '1' });
    const seen = watch(child);
    const params = { name: 'big', arguments: { bytes: 200_000 } };
    await child.send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params });
    await waitFor('one message', () => seen.messages.length === 1, 5_000);
    const result = (seen.messages[0] as unknown as { result: unknown }).result;
    const raw = rawJsonOf(result);
    expect(raw).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(raw as Uint8Array).toString('utf8')).toBe(JSON.stringify(result));
  });

  it('reports garbage on stdout as a diagnostic and keeps going', async () => {
    const child = await spawn('fixture-server.mjs', { FIXTURE_GARBAGE: '1' });
    const seen = watch(child);
    await child.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    await waitFor('one message', () => seen.messages.length === 1, 5_000);
    expect(seen.messages[0]).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    expect(seen.stderr).toContain('(stdout, not JSON-RPC) handling ping');
  });

  it('gives the child its own env over a harmless base, and nothing else of ours', async () => {
    process.env.DUST_TRAY_PARENT_ONLY = 'parent-secret';
    try {
      const child = await spawn('fixture-server.mjs', { SERVER_TOKEN: 'for-this-server' });
      const seen = watch(child);
      const names = ['SERVER_TOKEN', 'DUST_TRAY_PARENT_ONLY', 'HOME'];
      for (const [id, name] of names.entries()) {
        await child.send({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'env', arguments: { name } },
        });
      }
      await waitFor('every answer', () => seen.messages.length === names.length, 5_000);
      const texts = Object.fromEntries(
        seen.messages.map((m) => [
          names[m.id as number],
          (m.result as { content: [{ text: string }] }).content[0].text,
        ]),
      );
      expect(texts).toEqual({
        SERVER_TOKEN: 'for-this-server',
        DUST_TRAY_PARENT_ONLY: '(unset)',
        HOME: process.env.HOME,
      });
    } finally {
      delete process.env.DUST_TRAY_PARENT_ONLY;
    }
  });

  it('reports the exit code after the last stderr line', async () => {
    const child = await spawn('crash-server.mjs');
    const seen = watch(child);
    await waitFor('the exit', () => seen.exit() !== undefined, 5_000);
    expect(seen.exit()).toEqual({ code: 3, signal: null });
    expect(seen.stderr.at(-1)).toBe('fatal: API_KEY is not set');
    await expect(child.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toThrow(
      /not running/,
    );
  });

  it('close() ends a well-behaved server by closing stdin', async () => {
    // A generous grace, so a loaded machine still shows the polite path (exit code 0, no signal).
    const child = await new StdioMcpProcesses({ closeGraceMs: 10_000 }).spawn(
      fixtureSpec('fixture-server.mjs'),
    );
    started.push(child);
    const seen = watch(child);
    await waitFor(
      'the ready line on stderr',
      () => seen.stderr.includes('fixture-server ready'),
      5_000,
    );
    await child.close();
    expect(isAlive(child.pid!)).toBe(false);
    await waitFor('the exit', () => seen.exit() !== undefined, 5_000);
    expect(seen.exit()).toEqual({ code: 0, signal: null });
  });

  it('close() escalates to SIGKILL for a server that ignores stdin EOF and SIGTERM', async () => {
    const child = await spawn('fixture-server.mjs', { FIXTURE_STUBBORN: '1' });
    const seen = watch(child);
    await waitFor(
      'the ready line on stderr',
      () => seen.stderr.includes('fixture-server ready'),
      5_000,
    );
    const started = Date.now();
    await child.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(isAlive(child.pid!)).toBe(false);
    await waitFor('the exit', () => seen.exit() !== undefined, 5_000);
    expect(seen.exit()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(seen.stderr).toContain('ignoring SIGTERM');
  });

  it('explains a command that does not exist', async () => {
    await expect(
      processes.spawn({
        command: 'dust-tray-no-such-command',
        args: [],
        env: { PATH: '/nonexistent' },
      }),
    ).rejects.toThrow(
      'Could not start "dust-tray-no-such-command": the command was not found on PATH.',
    );
  });
});
