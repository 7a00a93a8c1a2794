import { describe, expect, it } from 'vitest';

import type { JsonRpcResponse } from '../jsonrpc.js';
import { deferred, dustId, echoTool, setup } from './relay-test-kit.js';

describe('McpRelay', () => {
  it('answers initialize at once, echoing a supported protocol version, even before the server is ready', async () => {
    const { handle, posted, settle } = setup({ ready: false });
    handle({
      jsonrpc: '2.0',
      id: dustId(0),
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'dust-mcp-client', version: '1.0.0' },
      },
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(0, 'x'),
      method: 'initialize',
      params: { protocolVersion: '1999-01-01' },
    });
    await settle();
    expect(posted[0]).toEqual({
      jsonrpc: '2.0',
      id: dustId(0),
      result: {
        protocolVersion: '2025-06-18',
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: 'everything', version: '1.0.0' },
      },
    });
    expect((posted[1] as { result: { protocolVersion: string } }).result.protocolVersion).toBe(
      '2025-11-25',
    );
  });

  it("answers Dust's 2025-11-25, negotiates down to an older supported version, and offers its latest for an unknown one", async () => {
    const { handle, posted, settle } = setup();
    const versions = ['2025-11-25', '2025-03-26', '2024-10-07', '2026-07-28'];
    versions.forEach((protocolVersion, n) =>
      handle({
        jsonrpc: '2.0',
        id: dustId(0, `v${n}`),
        method: 'initialize',
        params: { protocolVersion },
      }),
    );
    await settle();
    expect(
      posted.map(
        (answer) => (answer as { result: { protocolVersion: string } }).result.protocolVersion,
      ),
    ).toEqual(['2025-11-25', '2025-03-26', '2024-10-07', '2025-11-25']);
  });

  it('lists every tool in one page, with the local server instructions in initialize', async () => {
    const { handle, posted, settle } = setup();
    handle({
      jsonrpc: '2.0',
      id: dustId(0),
      method: 'initialize',
      params: { protocolVersion: '2025-06-18' },
    });
    handle({ jsonrpc: '2.0', id: dustId(1), method: 'tools/list' });
    await settle();
    expect(posted[0]).toMatchObject({
      result: { instructions: 'Use echo.', serverInfo: { name: 'everything', version: '2.0.0' } },
    });
    expect(posted[1]).toEqual({
      jsonrpc: '2.0',
      id: dustId(1),
      result: { tools: [echoTool, { name: 'other' }] },
    });
  });

  it('says in words why tools cannot be listed', async () => {
    const { handle, posted, settle } = setup({ ready: false });
    handle({ jsonrpc: '2.0', id: 7, method: 'tools/list' });
    await settle();
    expect(posted[0]).toMatchObject({
      id: 7,
      error: { code: -32603, message: expect.stringContaining('exited with code 1: boom') },
    });
  });

  it('runs an allowed call and answers with Dust’s id byte for byte', async () => {
    const { handle, posted, localCalls, outcomes, settle } = setup();
    const id = 'mcp_req_c_m_ünïcode "quoted"_1';
    handle({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'hi' }, _meta: { progressToken: 5 } },
    });
    await settle();
    expect(localCalls).toHaveLength(1);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.id).toBe(id);
    expect(posted[0]).toMatchObject({ result: { content: [{ type: 'text' }] } });
    expect(outcomes).toEqual(['result']);
  });

  it('answers a denial as an isError result with the reason, without running the tool', async () => {
    const { handle, posted, localCalls, outcomes, settle } = setup({
      decide: () => Promise.resolve({ allow: false, reason: 'Denied by you.', by: 'user' }),
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: {} },
    });
    await settle();
    expect(localCalls).toHaveLength(0);
    expect(posted[0]).toEqual({
      jsonrpc: '2.0',
      id: dustId(1),
      result: {
        content: [{ type: 'text', text: 'This call was not run: Denied by you.' }],
        isError: true,
      },
    });
    expect(outcomes).toEqual(['denied']);
  });

  it('passes edited arguments from the gate to the local server', async () => {
    const { handle, localCalls, settle } = setup({
      decide: () =>
        Promise.resolve({ allow: true, reason: 'ok', by: 'user', arguments: { text: 'edited' } }),
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'original' } },
    });
    await settle();
    expect(localCalls[0]!.params).toMatchObject({ name: 'echo', arguments: { text: 'edited' } });
  });

  it('tells the agent, first in the result, that the person changed the arguments', async () => {
    const { handle, posted, settle } = setup({
      decide: () =>
        Promise.resolve({ allow: true, reason: 'ok', by: 'user', arguments: { text: 'edited' } }),
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'original' } },
    });
    await settle();
    const content = (posted[0] as { result: { content: Array<{ text: string }> } }).result.content;
    expect(content[0]!.text).toBe(
      'Note: the person changed the arguments before approving; the tool ran with {"text":"edited"}.',
    );
    expect(content[1]!.text).toContain('"edited"');
  });

  it('leaves the result as the tool gave it when the arguments were not edited', async () => {
    const { handle, posted, settle } = setup();
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'same' } },
    });
    await settle();
    expect(JSON.stringify(posted[0])).not.toContain('changed the arguments');
  });

  it('stops a running call when the person asks: the local server is cancelled and the agent is told why', async () => {
    const { relay, handle, posted, localCalls, outcomes, setLocalAnswer, settle } = setup();
    const local = deferred<JsonRpcResponse>();
    setLocalAnswer(() => local.promise);
    handle({
      jsonrpc: '2.0',
      id: dustId(1),
      method: 'tools/call',
      params: { name: 'echo', arguments: {} },
    });
    await settle();
    expect(relay.stopCall('mcp_req_unknown')).toBe(false);
    expect(relay.stopCall(dustId(1))).toBe(true);
    expect(localCalls[0]!.cancellation.isCancelled).toBe(true);
    // The local session answers a cancelled request with an error; the agent hears the person
    // instead.
    local.resolve({ jsonrpc: '2.0', id: 9, error: { code: -32800, message: 'cancelled' } });
    await settle();
    expect(posted[0]).toEqual({
      jsonrpc: '2.0',
      id: dustId(1),
      result: {
        content: [
          {
            type: 'text',
            text: expect.stringContaining('The person stopped this call while it was running'),
          },
        ],
        isError: true,
      },
    });
    expect(outcomes).toEqual(['cancelled']);
    expect(relay.stopCall(dustId(1))).toBe(false);
  });

  it('maps local errors to JSON-RPC errors and keeps tool errors as isError results', async () => {
    const { handle, posted, setLocalAnswer, outcomes, settle } = setup();
    setLocalAnswer(() =>
      Promise.resolve({ jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'bad args' } }),
    );
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'a'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    setLocalAnswer(() => Promise.reject(new Error('exited with code 3')));
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'b'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    await settle();
    setLocalAnswer(() =>
      Promise.resolve({ jsonrpc: '2.0', id: 4, result: { content: [], isError: true } }),
    );
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'c'),
      method: 'tools/call',
      params: { name: 'echo' },
    });
    handle({
      jsonrpc: '2.0',
      id: dustId(1, 'd'),
      method: 'tools/call',
      params: { name: 'missing' },
    });
    await settle();
    const byId = (unique: string) => posted.find((response) => response.id === dustId(1, unique));
    expect(byId('a')).toEqual({
      jsonrpc: '2.0',
      id: dustId(1, 'a'),
      error: { code: -32602, message: 'bad args' },
    });
    expect(byId('b')).toMatchObject({
      error: { code: -32603, message: expect.stringContaining('exited with code 3') },
    });
    expect(byId('c')).toEqual({
      jsonrpc: '2.0',
      id: dustId(1, 'c'),
      result: { content: [], isError: true },
    });
    expect(byId('d')).toMatchObject({
      error: { code: -32602, message: expect.stringContaining('no tool named "missing"') },
    });
    expect(outcomes).toEqual(['failed', 'failed', 'tool_error']);
  });
});
