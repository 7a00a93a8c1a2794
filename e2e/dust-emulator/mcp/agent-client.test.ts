import { describe, expect, it } from 'vitest';

import { openRawSse, parseDataFrame } from '../test-support/raw-sse.js';
import { type TestEmulator, useEmulator } from '../test-support/start.js';
import { waitFor } from '../test-support/wait-for.js';

type Msg = Record<string, unknown> & {
  method?: string;
  id?: string;
  params?: Record<string, unknown>;
};
/**
 * What the fake desktop app answers: a JSON-RPC `result`/`error` body, or undefined to stay silent.
 */
type Answer = { result: unknown } | { error: unknown } | undefined;

/**
 * A test-side MCP "server": reads the requests SSE raw and answers by POSTing /mcp/results,
 * echoing the id byte for byte. Deliberately not app code.
 */
async function responder(emu: TestEmulator, serverId: string, answer: (msg: Msg) => Answer) {
  const seen: Msg[] = [];
  const sse = await openRawSse(
    `${emu.url}${emu.ws(`/mcp/requests?serverId=${encodeURIComponent(serverId)}`)}`,
    {
      headers: { Authorization: `Bearer ${emu.seeds.userToken}` },
    },
  );
  const loop = async (): Promise<void> => {
    for (;;) {
      const frame = await sse.nextFrame(60_000).catch(() => undefined);
      if (frame === undefined) return;
      if (!frame.startsWith('data: {')) continue;
      const msg = parseDataFrame(frame).data as Msg;
      seen.push(msg);
      if (msg.id === undefined) continue;
      const reply = answer(msg);
      if (reply === undefined) continue;
      await emu
        .api('POST', emu.ws('/mcp/results'), {
          body: { serverId, result: { ...reply, jsonrpc: '2.0', id: msg.id } },
        })
        .catch(() => undefined); // the emulator may close under an in-flight answer
    }
  };
  void loop();
  return { seen, stop: () => sse.close() };
}

const INIT = {
  result: {
    protocolVersion: '2025-06-18',
    capabilities: { tools: {} },
    serverInfo: { name: 'fake', version: '1.0.0' },
  },
};
const schema = (props: Record<string, unknown> = {}) => ({ type: 'object', properties: props });

function standard(
  tools: unknown[] = [
    { name: 'read_file', description: 'Reads', inputSchema: schema({ path: { type: 'string' } }) },
  ],
) {
  return (msg: Msg): Answer => {
    if (msg.method === 'initialize') return INIT;
    if (msg.method === 'tools/list') return { result: { tools } };
    if (msg.method === 'tools/call')
      return { result: { content: [{ type: 'text', text: `ran ${String(msg.params?.name)}` }] } };
    return undefined;
  };
}

describe('the fake Dust agent (AgentMcpClient)', () => {
  const emu = useEmulator();
  const target = async (name = 'my sidekick') => {
    const serverId = await emu().register(name);
    return {
      serverId,
      workspaceId: emu().seeds.workspaceId,
      userId: emu().seeds.users.ada.sId,
      conversationId: 'Ob2c5Cy4BE',
      messageId: '8kLqW2xYzA',
    };
  };

  it('mcp-25 mcp-26 listTools: initialize (dust-mcp-client, capabilities {}), notifications/initialized, tools/list with rewritten ids', async () => {
    const input = await target();
    const app = await responder(emu(), input.serverId, standard());
    const outcome = await emu().agent.listTools(input);
    expect(outcome).toEqual({
      ok: true,
      serverName: 'my sidekick',
      tools: [
        {
          name: 'read_file',
          prefixedName: 'my_sidekick__read_file',
          description: 'Reads',
          inputSchema: schema({ path: { type: 'string' } }),
          stake: 'low',
        },
      ],
      skipped: [],
    });
    const [init, initialized, list] = app.seen;
    expect(Object.keys(init ?? {})).toEqual(['method', 'params', 'jsonrpc', 'id']);
    expect(init?.params).toEqual({
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'dust-mcp-client', version: '1.0.0' },
    });
    expect(init?.id).toMatch(/^mcp_req_Ob2c5Cy4BE_8kLqW2xYzA_[0-9a-f-]{36}_0$/);
    expect(initialized).toEqual({ method: 'notifications/initialized', jsonrpc: '2.0' });
    expect(list).toEqual({
      method: 'tools/list',
      jsonrpc: '2.0',
      id: init?.id?.replace(/_0$/, '_1'),
    });
    app.stop();
  });

  it('mcp-26 each listing and each call is a NEW client: ids restart at _0 with a new unique part', async () => {
    const input = await target();
    const app = await responder(emu(), input.serverId, standard());
    await emu().agent.listTools(input);
    await emu().agent.callTool({ ...input, toolName: 'read_file', arguments: { path: 'a' } });
    const inits = app.seen.filter((m) => m.method === 'initialize').map((m) => m.id ?? '');
    expect(inits).toHaveLength(2);
    expect(inits.every((id) => id.endsWith('_0'))).toBe(true);
    expect(inits[0]).not.toBe(inits[1]);
    app.stop();
  });

  it('mcp-26 callTool: tools/call {name, arguments, _meta:{progressToken:<number>}} and the result content', async () => {
    const input = await target();
    const app = await responder(emu(), input.serverId, standard());
    const outcome = await emu().agent.callTool({
      ...input,
      toolName: 'read_file',
      arguments: { path: 'src/index.ts' },
    });
    expect(outcome).toEqual({
      ok: true,
      result: { content: [{ type: 'text', text: 'ran read_file' }] },
    });
    const call = app.seen.find((m) => m.method === 'tools/call');
    expect(Object.keys(call?.params ?? {})).toEqual(['name', 'arguments', '_meta']);
    expect(call?.params?.arguments).toEqual({ path: 'src/index.ts' });
    expect(typeof (call?.params?._meta as { progressToken: unknown }).progressToken).toBe('number');
    expect(call?.id).toMatch(/_1$/);
    app.stop();
  });

  it('mcp-29 isError:true is not fatal; a JSON-RPC error is jsonrpc_error', async () => {
    const input = await target();
    let mode: 'isError' | 'rpcError' = 'isError';
    const app = await responder(emu(), input.serverId, (msg) => {
      if (msg.method === 'initialize') return INIT;
      if (mode === 'isError')
        return { result: { content: [{ type: 'text', text: 'boom' }], isError: true } };
      return { error: { code: -32601, message: 'no such tool' } };
    });
    expect(await emu().agent.callTool({ ...input, toolName: 't', arguments: {} })).toEqual({
      ok: true,
      result: { content: [{ type: 'text', text: 'boom' }], isError: true },
    });
    mode = 'rpcError';
    const failed = await emu().agent.callTool({ ...input, toolName: 't', arguments: {} });
    expect(failed).toMatchObject({
      ok: false,
      reason: 'jsonrpc_error',
      error: { code: -32601, message: 'no such tool' },
    });
    app.stop();
  });

  it('mcp-29 more than 128 content items → too_many_content_items; 128 is fine', async () => {
    const input = await target();
    let count = 129;
    const app = await responder(emu(), input.serverId, (msg) =>
      msg.method === 'initialize'
        ? INIT
        : {
            result: { content: Array.from({ length: count }, () => ({ type: 'text', text: 'x' })) },
          },
    );
    expect(await emu().agent.callTool({ ...input, toolName: 't', arguments: {} })).toEqual({
      ok: false,
      reason: 'too_many_content_items',
      message: 'Too many output items',
    });
    count = 128;
    expect((await emu().agent.callTool({ ...input, toolName: 't', arguments: {} })).ok).toBe(true);
    app.stop();
  });

  it('mcp-29 skips tools with over-long names or invalid argument names; prefixes and stake "low" regardless of _meta', async () => {
    const input = await target('Dust Desktop');
    const app = await responder(
      emu(),
      input.serverId,
      standard([
        {
          name: 'readFile',
          inputSchema: schema({ 'file.path': {}, 'a-b_c': {} }),
          _meta: { dust: { stake: 'high' } },
        },
        { name: 'x'.repeat(65), inputSchema: schema() },
        { name: 'bad_args', inputSchema: schema({ 'has space': {} }) },
        { name: 'y'.repeat(64), inputSchema: schema() },
        { name: 'z'.repeat(59), inputSchema: schema() },
      ]),
    );
    const outcome = await emu().agent.listTools(input);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.tools.map((t) => [t.name, t.prefixedName, t.stake])).toEqual([
      ['readFile', 'dust_desktop__read_file', 'low'],
      ['y'.repeat(64), 'y'.repeat(64), 'low'],
      ['z'.repeat(59), `dus__${'z'.repeat(59)}`, 'low'],
    ]);
    expect(outcome.skipped).toEqual([
      { name: 'x'.repeat(65), reason: 'tool_name_too_long' },
      { name: 'bad_args', reason: 'invalid_argument_name: has space' },
    ]);
    app.stop();
  });

  it('mcp-26 mcp-35 initialize not answered within 5 s (clock) → initialize_timeout, counted, cancelled with requestId 0', async () => {
    const input = await target();
    const app = await responder(emu(), input.serverId, () => undefined);
    const pending = emu().agent.listTools(input);
    await waitFor('initialize', () => app.seen.length === 1);
    emu().clock.advance(4_999);
    emu().clock.advance(1);
    expect(await pending).toMatchObject({ ok: false, reason: 'initialize_timeout' });
    expect(emu().counters.get('initializeTimeouts')).toBe(1);
    await waitFor('cancel', () => app.seen.length === 2);
    expect(JSON.stringify(app.seen[1])).toBe(
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":0,"reason":"McpError: MCP error -32001: Request timed out"}}',
    );
    app.stop();
  });

  it('mcp-27 mcp-35 call timeout (180 s) → notifications/cancelled with the ORIGINAL numeric id; a late result is accepted and dropped', async () => {
    const input = await target();
    const app = await responder(emu(), input.serverId, (msg) =>
      msg.method === 'initialize' ? INIT : undefined,
    );
    const pending = emu().agent.callTool({ ...input, toolName: 'slow', arguments: {} });
    await waitFor('tools/call', () => app.seen.some((m) => m.method === 'tools/call'));
    emu().clock.advance(179_999);
    emu().clock.advance(1);
    expect(await pending).toMatchObject({ ok: false, reason: 'timeout' });
    await waitFor('cancel', () => app.seen.some((m) => m.method === 'notifications/cancelled'));
    const call = app.seen.find((m) => m.method === 'tools/call');
    expect(app.seen.find((m) => m.method === 'notifications/cancelled')?.params).toEqual({
      requestId: 1,
      reason: 'McpError: MCP error -32001: Request timed out',
    });
    const late = await emu().api('POST', emu().ws('/mcp/results'), {
      body: {
        serverId: input.serverId,
        result: { jsonrpc: '2.0', id: call?.id, result: { content: [] } },
      },
    });
    expect(late.status).toBe(200);
    expect(emu().counters.get('lateResults')).toBe(1);
    expect(emu().counters.get('callTimeouts')).toBe(1);
    app.stop();
  });

  it('mcp-26 a custom call timeout; tools/list timeout (60 s) → list_timeout', async () => {
    const input = await target();
    const app = await responder(emu(), input.serverId, (msg) =>
      msg.method === 'initialize' ? INIT : undefined,
    );
    const call = emu().agent.callTool({ ...input, toolName: 't', arguments: {}, timeoutMs: 1_000 });
    await waitFor('tools/call', () => app.seen.some((m) => m.method === 'tools/call'));
    emu().clock.advance(1_000);
    expect(await call).toMatchObject({ ok: false, reason: 'timeout' });
    const list = emu().agent.listTools(input);
    await waitFor('tools/list', () => app.seen.some((m) => m.method === 'tools/list'));
    emu().clock.advance(60_000);
    expect(await list).toMatchObject({ ok: false, reason: 'list_timeout' });
    app.stop();
  });

  it('mcp-28 strict routing: concurrent calls answered out of order each get their own result; a wrong id is not delivered', async () => {
    const input = await target();
    const held: Msg[] = [];
    const app = await responder(emu(), input.serverId, (msg) => {
      if (msg.method === 'initialize') return INIT;
      held.push(msg);
      return undefined;
    });
    const a = emu().agent.callTool({ ...input, toolName: 'a', arguments: {} });
    const b = emu().agent.callTool({ ...input, toolName: 'b', arguments: {} });
    await waitFor('two calls', () => held.length === 2);
    const post = (id: unknown, text: string) =>
      emu().api('POST', emu().ws('/mcp/results'), {
        body: {
          serverId: input.serverId,
          result: { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }] } },
        },
      });
    // Both calls share the numeric id 1 in their own client: only the full rewritten id tells them
    // apart.
    expect(held.map((m) => m.id?.slice(-2))).toEqual(['_1', '_1']);
    await post(held[1]?.id?.replace(/_1$/, '_7'), 'mangled');
    await post(1, 'numeric');
    await post(held[1]?.id, `for ${String(held[1]?.params?.name)}`);
    await post(held[0]?.id, `for ${String(held[0]?.params?.name)}`);
    expect(await a).toEqual({ ok: true, result: { content: [{ type: 'text', text: 'for a' }] } });
    expect(await b).toEqual({ ok: true, result: { content: [{ type: 'text', text: 'for b' }] } });
    expect(emu().counters.get('unknownIdResults')).toBe(2);
    await post(held[0]?.id, 'again');
    expect(emu().counters.get('duplicateResults')).toBe(1);
    app.stop();
  });

  it('mcp-26 pagination: follows nextCursor with params.cursor, fails on a repeated cursor, stops at the page cap', async () => {
    const input = await target();
    let pages: Record<string, { tools: unknown[]; nextCursor?: string }> = {
      first: { tools: [{ name: 'a', inputSchema: schema() }], nextCursor: 'c1' },
      c1: { tools: [{ name: 'b', inputSchema: schema() }], nextCursor: 'c2' },
      c2: { tools: [{ name: 'c', inputSchema: schema() }] },
    };
    const app = await responder(emu(), input.serverId, (msg) => {
      if (msg.method === 'initialize') return INIT;
      const cursor = (msg.params?.cursor as string | undefined) ?? 'first';
      return { result: pages[cursor] };
    });
    const ok = await emu().agent.listTools(input);
    expect(ok.ok && ok.tools.map((t) => t.name)).toEqual(['a', 'b', 'c']);
    expect(app.seen.filter((m) => m.method === 'tools/list').map((m) => m.params)).toEqual([
      undefined,
      { cursor: 'c1' },
      { cursor: 'c2' },
    ]);
    pages = { first: { tools: [], nextCursor: 'loop' }, loop: { tools: [], nextCursor: 'loop' } };
    expect(await emu().agent.listTools(input)).toMatchObject({ ok: false, reason: 'bad_response' });
    app.stop();
  });

  it('mcp-26 past the page cap (MCP_LIST_TOOLS_MAX_PAGES) the listing is an error, not a truncated list', async () => {
    const input = await target();
    emu().agentOptions.set({ maxListPages: 3 });
    let pages = 0;
    const app = await responder(emu(), input.serverId, (msg) => {
      if (msg.method === 'initialize') return INIT;
      pages++;
      return {
        result: { tools: [{ name: `t${pages}`, inputSchema: schema() }], nextCursor: `c${pages}` },
      };
    });
    expect(await emu().agent.listTools(input)).toEqual({
      ok: false,
      reason: 'bad_response',
      message: 'tools/list still had more tools after 3 pages',
    });
    expect(pages).toBe(3);
    app.stop();
    const exact = await target('exact pages');
    let served = 0;
    const three = await responder(emu(), exact.serverId, (msg) => {
      if (msg.method === 'initialize') return INIT;
      served++;
      return {
        result: {
          tools: [{ name: `t${served}`, inputSchema: schema() }],
          ...(served < 3 ? { nextCursor: `c${served}` } : {}),
        },
      };
    });
    const listed = await emu().agent.listTools(exact);
    expect(listed.ok && listed.tools.map((t) => t.name)).toEqual(['t1', 't2', 't3']);
    three.stop();
  });

  it('mcp-26 the protocolVersion sent is configurable at run time', async () => {
    const input = await target();
    emu().agentOptions.set({ protocolVersion: '2025-03-26' });
    const app = await responder(emu(), input.serverId, (msg) =>
      msg.method === 'initialize'
        ? { result: { ...INIT.result, protocolVersion: '2025-03-26' } }
        : { result: { tools: [] } },
    );
    expect((await emu().agent.listTools(input)).ok).toBe(true);
    expect((app.seen[0]?.params as { protocolVersion: string }).protocolVersion).toBe('2025-03-26');
    app.stop();
  });

  it("mcp-26 asks for the MCP SDK's latest version and accepts exactly the SDK's supported ones", async () => {
    const sdk = await import('@modelcontextprotocol/sdk/types.js');
    expect(emu().agentOptions.get().protocolVersion).toBe(sdk.LATEST_PROTOCOL_VERSION);
    expect(emu().agentOptions.get().supportedProtocolVersions).toEqual(
      sdk.SUPPORTED_PROTOCOL_VERSIONS,
    );
    const input = await target();
    const app = await responder(emu(), input.serverId, (msg) =>
      msg.method === 'initialize'
        ? { result: { ...INIT.result, protocolVersion: '2024-10-07' } }
        : { result: { tools: [] } },
    );
    expect((await emu().agent.listTools(input)).ok).toBe(true);
    app.stop();
  });

  it('mcp-29 an unsupported protocol version → bad_response; an unregistered server → not_registered', async () => {
    const input = await target();
    const app = await responder(emu(), input.serverId, (msg) =>
      msg.method === 'initialize'
        ? { result: { protocolVersion: '1999-01-01', capabilities: {} } }
        : undefined,
    );
    expect(await emu().agent.listTools(input)).toMatchObject({ ok: false, reason: 'bad_response' });
    app.stop();
    expect(
      await emu().agent.listTools({ ...input, serverId: 'mcp-client-side:x.0123456789abcdef' }),
    ).toMatchObject({
      ok: false,
      reason: 'not_registered',
    });
    expect(
      await emu().agent.listTools({ ...input, userId: emu().seeds.users.grace.sId }),
    ).toMatchObject({ reason: 'not_registered' });
  });

  it('mcp-35 requests published while no SSE is connected are replayed; inside 5 s the listing still succeeds', async () => {
    const input = await target();
    const pending = emu().agent.listTools(input);
    await waitFor('initialize stored', () => emu().mcp.pending(input.serverId).length === 1);
    emu().clock.advance(4_000);
    const app = await responder(emu(), input.serverId, standard());
    expect((await pending).ok).toBe(true);
    app.stop();
  });
});

describe('the fake Dust agent in legacy pagination mode', () => {
  const emu = useEmulator({ agent: { legacyPagination: true, maxListPages: 3 } });

  it('mcp-26 repeats the first-page request (no cursor) while nextCursor is set, up to the page cap, duplicating tools', async () => {
    const serverId = await emu().register('legacy server');
    const app = await responder(emu(), serverId, (msg) =>
      msg.method === 'initialize'
        ? INIT
        : { result: { tools: [{ name: 'a', inputSchema: schema() }], nextCursor: 'c1' } },
    );
    const outcome = await emu().agent.listTools({
      serverId,
      workspaceId: emu().seeds.workspaceId,
      userId: emu().seeds.users.ada.sId,
      conversationId: 'c',
      messageId: 'm',
    });
    expect(outcome.ok && outcome.tools.map((t) => t.name)).toEqual(['a', 'a', 'a']);
    expect(app.seen.filter((m) => m.method === 'tools/list').map((m) => m.params)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    app.stop();
  });
});
