import { describe, expect, it } from 'vitest';

import type { JsonRpcAnyMessage, JsonRpcResponse } from '../jsonrpc.js';
import { FakeClock } from '../testing/fake-clock.js';
import { DEFAULT_RELAY_OPTIONS, McpRelay } from './mcp-relay.js';
import type { CallGate, RelayObserver, RelayTarget } from './relay-ports.js';

/**
 * Tools the person switched off: left out of tools/list for Dust, and refused in words
 * if an agent calls one anyway (it may have listed the tools before the switch).
 */
function setup(off: Set<string>) {
  const clock = new FakeClock();
  const posted: JsonRpcResponse[] = [];
  const ran: unknown[] = [];
  const target: RelayTarget = {
    serverName: 'fs',
    tools: () => [{ name: 'read_file' }, { name: 'write_file' }, { name: 'delete_file' }],
    initializeInfo: () => undefined,
    whenReady: () => Promise.resolve(true),
    describeProblem: () => '',
    isSwitchedOff: (tool) => off.has(tool),
    request: (_method, params) => {
      ran.push(params);
      return Promise.resolve({
        jsonrpc: '2.0',
        id: 1,
        result: { content: [{ type: 'text', text: 'done' }] },
      });
    },
  };
  const gated: string[] = [];
  const gate: CallGate = {
    decide: (call) => (
      gated.push(call.tool.name),
      Promise.resolve({ allow: true, reason: 'test', by: 'policy' })
    ),
  };
  const finished: Array<{ kind: string; detail: string }> = [];
  const observer: RelayObserver = {
    onCallReceived: () => undefined,
    onCallDecided: () => undefined,
    onCallFinished: (_call, outcome) =>
      finished.push({ kind: outcome.kind, detail: outcome.detail }),
    onRequestAnswered: () => undefined,
  };
  const relay = new McpRelay(target, gate, clock, observer, {
    ...DEFAULT_RELAY_OPTIONS,
    appVersion: '1.0.0',
  });
  const fromDust = {
    reply: (response: JsonRpcResponse) => (posted.push(response), Promise.resolve()),
  };
  const handle = (message: JsonRpcAnyMessage) => relay.handle(message, fromDust);
  return { relay, handle, posted, ran, gated, finished, settle: () => clock.advance(0) };
}

describe('tools switched off', () => {
  it('are left out of tools/list', async () => {
    const off = new Set(['write_file']);
    const { handle, posted, settle } = setup(off);
    handle({ jsonrpc: '2.0', id: 'list-1', method: 'tools/list' });
    await settle();
    expect(
      (posted[0] as { result: { tools: Array<{ name: string }> } }).result.tools.map(
        (tool) => tool.name,
      ),
    ).toEqual(['read_file', 'delete_file']);
    off.delete('write_file');
    off.add('delete_file');
    handle({ jsonrpc: '2.0', id: 'list-2', method: 'tools/list' });
    await settle();
    expect(
      (posted[1] as { result: { tools: Array<{ name: string }> } }).result.tools.map(
        (tool) => tool.name,
      ),
    ).toEqual(['read_file', 'write_file']);
  });

  it('are refused in words when called anyway: never asked about, never run', async () => {
    const { handle, posted, ran, gated, finished, settle } = setup(new Set(['write_file']));
    handle({
      jsonrpc: '2.0',
      id: 'mcp_req_conv1_msg1_x_1',
      method: 'tools/call',
      params: { name: 'write_file', arguments: { path: '/etc/passwd' } },
    });
    await settle();
    expect(posted[0]).toEqual({
      jsonrpc: '2.0',
      id: 'mcp_req_conv1_msg1_x_1',
      result: {
        content: [
          {
            type: 'text',
            text: 'This call was not run: the tool "write_file" of "fs" is switched off in Dust MCP Tray.',
          },
        ],
        isError: true,
      },
    });
    expect(ran).toEqual([]);
    expect(gated).toEqual([]);
    expect(finished).toEqual([
      { kind: 'denied', detail: 'The tool "write_file" of "fs" is switched off in Dust MCP Tray.' },
    ]);
  });
});
