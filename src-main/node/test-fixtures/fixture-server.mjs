// A minimal stdio MCP server for tests, steered by environment variables:
//   FIXTURE_GARBAGE=1      print non-JSON lines on stdout around answers
//   FIXTURE_SILENT=1       read stdin, never answer anything (a hung server)
//   FIXTURE_NO_PING=1      answer everything except ping
//   FIXTURE_STUBBORN=1     ignore stdin EOF and SIGTERM (only SIGKILL ends it)
//   FIXTURE_TOOL_PAGES=N   split tools/list into N pages linked by nextCursor
//   FIXTURE_CRASH_AFTER_MS exit with code 7 after this many ms (after answering initialize)
//   FIXTURE_BIG=1          list a `big` tool answering `bytes` of text, written the way the
//                          MCP SDK writes it ({result, jsonrpc, id}: the id comes last)
//   FIXTURE_BIG_TEXT=lines the `big` text as lines with quotes and tabs (escaped in JSON, as a
//                          file's text is) instead of one run of "x"
//   FIXTURE_MODERN=1       a 2026-07-28-only server: no initialize, no ping, server/discover,
//                          and every request must carry the protocol version in _meta
import { readMessages, send } from './stdio-jsonrpc.mjs';

const env = process.env;
const bigText = (chars) =>
  env.FIXTURE_BIG_TEXT === 'lines'
    ? 'line of a file: "quoted" words\tand a tab\n'.repeat(Math.ceil(chars / 40)).slice(0, chars)
    : 'x'.repeat(chars);
const garbage = (text) => env.FIXTURE_GARBAGE === '1' && process.stdout.write(`${text}\n`);
const tools = ['echo', 'slow', 'add_tool', 'env', 'cancelled_ids'].map((name) => ({
  name,
  description: `fixture ${name}`,
  inputSchema: { type: 'object' },
}));
if (env.FIXTURE_BIG === '1')
  tools.push({ name: 'big', description: 'fixture big', inputSchema: { type: 'object' } });
const cancelled = new Set();

if (env.FIXTURE_STUBBORN === '1')
  process.on('SIGTERM', () => process.stderr.write('ignoring SIGTERM\n'));
if (env.FIXTURE_STUBBORN === '1') setInterval(() => undefined, 1_000);
garbage('Server starting… (this line is not JSON-RPC)');
process.stderr.write('fixture-server ready\n');

function callTool(id, params) {
  const args = params?.arguments ?? {};
  const text = (value) =>
    send({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: value }] } });
  switch (params?.name) {
    case 'echo':
      return text(String(args.message));
    case 'slow':
      return setTimeout(
        () => (cancelled.has(id) ? undefined : text('slow done')),
        Number(args.ms ?? 5_000),
      );
    case 'add_tool': {
      // An existing name is redefined in place (a "rug pull": same tool, new description or title).
      const existing = tools.find((tool) => tool.name === String(args.name));
      const fields = {
        ...(args.description === undefined ? {} : { description: String(args.description) }),
        ...(args.title === undefined ? {} : { title: String(args.title) }),
      };
      if (existing) Object.assign(existing, fields);
      else tools.push({ name: String(args.name), inputSchema: { type: 'object' }, ...fields });
      send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
      return text('added');
    }
    case 'env':
      return text(String(env[String(args.name)] ?? '(unset)'));
    case 'big':
      return process.stdout.write(
        `${JSON.stringify({ result: { content: [{ type: 'text', text: bigText(Number(args.bytes)) }] }, jsonrpc: '2.0', id })}\n`,
      );
    case 'cancelled_ids':
      return text(JSON.stringify([...cancelled]));
    default:
      return send({
        jsonrpc: '2.0',
        id,
        error: { code: -32602, message: `Unknown tool: ${params?.name}` },
      });
  }
}

function handle(message) {
  const { id, method, params } = message;
  if (env.FIXTURE_SILENT === '1') return;
  if (method === 'notifications/cancelled') return cancelled.add(params.requestId);
  if (id === undefined) return;
  garbage(`handling ${method}`);
  if (env.FIXTURE_MODERN === '1') {
    const version = params?._meta?.['io.modelcontextprotocol/protocolVersion'];
    if (method === 'initialize' || method === 'ping') {
      return send({
        jsonrpc: '2.0',
        id,
        error: { code: -32601, message: `Method not found: ${method}` },
      });
    }
    if (version !== '2026-07-28') {
      return send({
        jsonrpc: '2.0',
        id,
        error: {
          code: -32022,
          message: 'Unsupported protocol version',
          data: { supported: ['2026-07-28'], requested: version },
        },
      });
    }
    if (method === 'server/discover') {
      return send({
        jsonrpc: '2.0',
        id,
        result: {
          resultType: 'complete',
          supportedVersions: ['2026-07-28'],
          capabilities: { tools: { listChanged: true } },
          _meta: {
            'io.modelcontextprotocol/serverInfo': { name: 'fixture-modern', version: '2.0.0' },
          },
        },
      });
    }
  }
  switch (method) {
    case 'initialize':
      if (env.FIXTURE_CRASH_AFTER_MS)
        setTimeout(() => process.exit(7), Number(env.FIXTURE_CRASH_AFTER_MS));
      return send({
        jsonrpc: '2.0',
        id,
        result: {
          protocolVersion: params.protocolVersion,
          capabilities: { tools: { listChanged: true } },
          serverInfo: { name: 'fixture-server', version: '1.0.0' },
        },
      });
    case 'ping':
      return env.FIXTURE_NO_PING === '1' ? undefined : send({ jsonrpc: '2.0', id, result: {} });
    case 'tools/list': {
      const pages = Number(env.FIXTURE_TOOL_PAGES ?? 1);
      const size = Math.ceil(tools.length / pages);
      const start = params?.cursor ? Number(params.cursor) : 0;
      const next = start + size < tools.length ? String(start + size) : undefined;
      return send({
        jsonrpc: '2.0',
        id,
        result: { tools: tools.slice(start, start + size), nextCursor: next },
      });
    }
    case 'tools/call':
      return callTool(id, params);
    case 'test/echo-message':
      return send({ jsonrpc: '2.0', id, result: { received: message }, extra: 'kept' });
    case 'test/null-id-error':
      return send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    default:
      return send({
        jsonrpc: '2.0',
        id,
        error: { code: -32601, message: `Method not found: ${method}` },
      });
  }
}

readMessages(handle, () => {
  if (env.FIXTURE_STUBBORN !== '1') process.exit(0);
});
