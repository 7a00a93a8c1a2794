import { describe, expect, it } from 'vitest';

import type { JsonRpcResponse } from '../jsonrpc.js';
import { listAllTools, performHandshake, type RpcChannel } from './handshake.js';

/** A channel whose answers are computed from the method and params; records what was sent. */
function channel(answer: (method: string, params: Record<string, unknown>) => unknown) {
  const calls: { method: string; params: unknown }[] = [];
  const notes: string[] = [];
  const rpc: RpcChannel = {
    request: (method, params) => {
      calls.push({ method, params });
      const value = answer(method, (params ?? {}) as Record<string, unknown>);
      const response: JsonRpcResponse =
        value instanceof Error
          ? {
              jsonrpc: '2.0',
              id: calls.length,
              error: {
                code: value instanceof MethodNotFound ? value.code : -32603,
                message: value.message,
              },
            }
          : { jsonrpc: '2.0', id: calls.length, result: value };
      return Promise.resolve(response);
    },
    notify: (method) => {
      notes.push(method);
      return Promise.resolve();
    },
  };
  return { rpc, calls, notes };
}

const init = {
  protocolVersion: '2025-06-18',
  capabilities: { tools: { listChanged: true } },
  serverInfo: { name: 's', version: '2' },
  instructions: 'Be nice',
};

describe('performHandshake', () => {
  it('initializes with our client info, confirms, and lists every tool', async () => {
    const { rpc, calls, notes } = channel((method) =>
      method === 'initialize' ? init : { tools: [{ name: 'a', extra: { kept: true } }] },
    );
    const result = await performHandshake(rpc, { name: 'dust-mcp-tray', version: '1.0.0' });
    expect(calls[0]).toEqual({
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'dust-mcp-tray', version: '1.0.0' },
      },
    });
    expect(notes).toEqual(['notifications/initialized']);
    expect(result).toEqual({
      ok: true,
      handshake: {
        era: 'legacy',
        protocolVersion: '2025-06-18',
        serverInfo: { name: 's', version: '2' },
        instructions: 'Be nice',
        capabilities: init.capabilities,
      },
      tools: [{ name: 'a', extra: { kept: true } }],
    });
  });

  it('skips tools/list for a server without the tools capability', async () => {
    const { rpc, calls } = channel(() => ({ ...init, capabilities: { prompts: {} } }));
    expect(await performHandshake(rpc, { name: 'c', version: '1' })).toMatchObject({
      ok: true,
      tools: [],
    });
    expect(calls.map((c) => c.method)).toEqual(['initialize']);
  });

  it('explains a refused or unusable handshake', async () => {
    const refused = channel(() => new Error('Unsupported protocol version'));
    expect(await performHandshake(refused.rpc, { name: 'c', version: '1' })).toEqual({
      ok: false,
      error: 'refused the handshake: Unsupported protocol version (code -32603)',
    });
    const modern = channel(() => ({ ...init, protocolVersion: '2026-07-28' }));
    expect(await performHandshake(modern.rpc, { name: 'c', version: '1' })).toEqual({
      ok: false,
      error: 'answered the handshake with protocol version 2026-07-28, which we do not support',
    });
  });
});

describe('listAllTools', () => {
  it('follows nextCursor through every page', async () => {
    const pages: Record<string, unknown> = {
      '': { tools: [{ name: 'a' }], nextCursor: 'p2' },
      p2: { tools: [{ name: 'b' }, { name: 'c' }], nextCursor: 'p3' },
      p3: { tools: [{ name: 'd' }] },
    };
    const { rpc, calls } = channel(
      (_m, params) => pages[(params.cursor as string | undefined) ?? ''],
    );
    expect(await listAllTools(rpc)).toEqual({
      ok: true,
      tools: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }],
    });
    expect(calls.map((c) => c.params)).toEqual([{}, { cursor: 'p2' }, { cursor: 'p3' }]);
  });

  it('stops on a cursor it has seen, and drops entries without a name', async () => {
    const { rpc, calls } = channel(() => ({
      tools: [{ name: 'a' }, { nameless: true }],
      nextCursor: 'same',
    }));
    expect(await listAllTools(rpc)).toEqual({ ok: true, tools: [{ name: 'a' }, { name: 'a' }] });
    expect(calls).toHaveLength(2);
  });

  it('reports an error page in words', async () => {
    const { rpc } = channel(() => new Error('boom'));
    expect(await listAllTools(rpc)).toEqual({ ok: false, error: 'could not list its tools: boom' });
  });
});

describe('performHandshake with a modern (2026-07-28) server', () => {
  const discover = {
    resultType: 'complete',
    supportedVersions: ['2026-07-28'],
    capabilities: { tools: {} },
    instructions: 'Modern',
    _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'm', version: '9' } },
  };

  it('falls back to server/discover when initialize is unknown, and decorates every request', async () => {
    const { rpc, calls, notes } = channel((method) =>
      method === 'initialize'
        ? new MethodNotFound()
        : method === 'server/discover'
          ? discover
          : { resultType: 'complete', tools: [{ name: 'now' }] },
    );
    const result = await performHandshake(rpc, { name: 'tray', version: '1' });
    expect(result).toEqual({
      ok: true,
      handshake: {
        era: 'modern',
        protocolVersion: '2026-07-28',
        serverInfo: { name: 'm', version: '9' },
        instructions: 'Modern',
        capabilities: { tools: {} },
      },
      tools: [{ name: 'now' }],
    });
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'tray', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    expect(calls.slice(1)).toEqual([
      { method: 'server/discover', params: { _meta: meta } },
      { method: 'tools/list', params: { _meta: meta } },
    ]);
    expect(notes).toEqual([]);
  });

  it('keeps the initialize error when discovery fails too, and refuses unknown versions', async () => {
    const neither = channel(() => new MethodNotFound());
    expect(await performHandshake(neither.rpc, { name: 't', version: '1' })).toEqual({
      ok: false,
      error: 'refused the handshake: Method not found (code -32601)',
    });
    const future = channel((method) =>
      method === 'initialize'
        ? new MethodNotFound()
        : { ...discover, supportedVersions: ['2031-01-01'] },
    );
    expect(await performHandshake(future.rpc, { name: 't', version: '1' })).toEqual({
      ok: false,
      error: 'supports protocol versions 2031-01-01, none of which we speak',
    });
  });
});

class MethodNotFound extends Error {
  readonly code = -32601;
  constructor() {
    super('Method not found');
  }
}
