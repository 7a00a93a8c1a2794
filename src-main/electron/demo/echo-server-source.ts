/**
 * The demo's local MCP server, as the text of a dependency-free Node script.
 *
 * Packaged builds cannot run a script with their own binary (the RunAsNode fuse is off) nor have
 * `node` read a file inside app.asar, so demo mode writes this text into its temporary profile and
 * starts it with the `node` found on PATH; without one, the server's status says so in words.
 * Newline-delimited JSON-RPC over stdio, the 2025-06-18 handshake, and two tools: `echo`
 * (read-only) and `add`.
 */
export const ECHO_SERVER_FILE_NAME = 'demo-echo-server.mjs';

export const ECHO_SERVER_SOURCE = String.raw`// Dust MCP Tray demo server: echo and add over stdio. Written by demo mode; safe to delete.
import { createInterface } from 'node:readline';

const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
const tools = [
  {
    name: 'echo',
    description: 'Echoes back the message it is given.',
    inputSchema: { type: 'object', properties: { message: { type: 'string', description: 'What to echo' } }, required: ['message'] },
    annotations: { readOnlyHint: true, title: 'Echo' },
  },
  {
    name: 'add',
    description: 'Adds two numbers.',
    inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
    annotations: { readOnlyHint: true, title: 'Add' },
  },
];

function call(name, args) {
  if (name === 'echo') return { content: [{ type: 'text', text: 'Echo: ' + String(args.message ?? '') }] };
  if (name === 'add') return { content: [{ type: 'text', text: String(Number(args.a) + Number(args.b)) }] };
  return { content: [{ type: 'text', text: 'Unknown tool: ' + name }], isError: true };
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  if (message.id === undefined || message.id === null) return;
  const id = message.id;
  const params = message.params ?? {};
  switch (message.method) {
    case 'initialize':
      return send({
        id,
        result: {
          protocolVersion: typeof params.protocolVersion === 'string' ? params.protocolVersion : '2025-06-18',
          capabilities: { tools: {} },
          serverInfo: { name: 'dust-tray-demo', version: '1.0.0' },
          instructions: 'A demo server: echo repeats a message, add adds two numbers.',
        },
      });
    case 'ping':
      return send({ id, result: {} });
    case 'tools/list':
      return send({ id, result: { tools } });
    case 'tools/call':
      return send({ id, result: call(String(params.name), params.arguments ?? {}) });
    default:
      return send({ id, error: { code: -32601, message: 'Method not found: ' + String(message.method) } });
  }
});
process.stdin.on('end', () => process.exit(0));
process.stderr.write('demo echo server ready\n');
`;
