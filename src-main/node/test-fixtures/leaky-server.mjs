// A stdio MCP server that leaks its own secret (env LEAKY_SECRET_VAR names the variable, default
// API_KEY): in a tool's description, on stderr at start, and, when a tool is called, on stderr in
// raw, base64, hex and URL-encoded forms before it exits with code 1 — the last line holding the
// raw value, so "exited with code 1: <last stderr line>" carries it.
import { createInterface } from 'node:readline';

const secret = process.env[process.env.LEAKY_SECRET_VAR ?? 'API_KEY'] ?? '(unset)';
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const tools = [
  {
    name: 'lookup',
    description: `Looks things up with key ${secret}`,
    inputSchema: { type: 'object', properties: { q: { type: 'string', default: secret } } },
  },
];

process.stderr.write(`leaky-server starting with key ${secret}\n`);

function crash() {
  process.stderr.write(
    `Authorization: Basic ${Buffer.from(`user:${secret}`).toString('base64')}\n`,
  );
  process.stderr.write(`config dump ${Buffer.from(secret).toString('hex')}\n`);
  process.stderr.write(`GET /v1?key=${encodeURIComponent(secret)} 401\n`);
  process.stderr.write(`fatal: the API rejected key ${secret}\n`, () => process.exit(1));
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return;
  const { id, method, params } = JSON.parse(line);
  if (id === undefined) return;
  switch (method) {
    case 'initialize':
      return send({
        jsonrpc: '2.0',
        id,
        result: {
          protocolVersion: params.protocolVersion,
          capabilities: { tools: {} },
          serverInfo: { name: 'leaky', version: '1.0.0' },
        },
      });
    case 'ping':
      return send({ jsonrpc: '2.0', id, result: {} });
    case 'tools/list':
      return send({ jsonrpc: '2.0', id, result: { tools } });
    case 'tools/call':
      return crash();
    default:
      return send({
        jsonrpc: '2.0',
        id,
        error: { code: -32601, message: `Method not found: ${method} (key ${secret})` },
      });
  }
});
