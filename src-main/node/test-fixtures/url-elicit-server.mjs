// A stdio MCP server for tests that asks its client to open an address (MCP elicitation, URL
// mode) during a tool call, the way a server sends a person to a sign-in or payment page.
//   tools/call open_url {url}  sends elicitation/create {mode: "url", url} and answers the call
//                              with the client's reply as JSON text ({result} or {error})
//   tools/call open_url {url, complete: true}  the same, and once the client accepted, sends
//                              notifications/elicitation/complete for it (and for an id the
//                              client never saw) before answering, as a server does once the
//                              person finished on the page
//   tools/call client_caps     answers with the capabilities the client declared at initialize
//   tools/call strays          answers with every message from the client that answered nothing
//                              of ours (a reply to a notification would be one)
import { readMessages, send } from './stdio-jsonrpc.mjs';

const tools = ['open_url', 'client_caps', 'strays'].map((name) => ({
  name,
  description: `fixture ${name}`,
  inputSchema: { type: 'object' },
}));
/** Our own requests to the client, by id: the tool call each one belongs to. */
const waiting = new Map();
let clientCapabilities = null;
const strays = [];
let nextId = 1;

function callTool(id, params) {
  const text = (value) =>
    send({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: value }] } });
  if (params?.name === 'client_caps') return text(JSON.stringify(clientCapabilities));
  if (params?.name === 'strays') return text(JSON.stringify(strays));
  if (params?.name !== 'open_url')
    return send({
      jsonrpc: '2.0',
      id,
      error: { code: -32602, message: `Unknown tool: ${params?.name}` },
    });
  const ours = `elicit-${nextId++}`;
  const complete = params.arguments?.complete === true;
  waiting.set(ours, (reply) => {
    if (complete && reply.result?.action === 'accept')
      for (const elicitationId of [ours, 'elicit-never-sent'])
        send({
          jsonrpc: '2.0',
          method: 'notifications/elicitation/complete',
          params: { elicitationId },
        });
    text(JSON.stringify(reply));
  });
  send({
    jsonrpc: '2.0',
    id: ours,
    method: 'elicitation/create',
    params: {
      mode: 'url',
      message: 'Sign in to continue.',
      elicitationId: ours,
      url: String(params.arguments?.url),
    },
  });
}

function handle(message) {
  const { id, method, params } = message;
  if (method === undefined && waiting.has(id)) {
    const answer = waiting.get(id);
    waiting.delete(id);
    return answer('result' in message ? { result: message.result } : { error: message.error });
  }
  if (method === undefined) return void strays.push(message);
  if (id === undefined) return;
  switch (method) {
    case 'initialize':
      clientCapabilities = params.capabilities ?? null;
      return send({
        jsonrpc: '2.0',
        id,
        result: {
          protocolVersion: params.protocolVersion,
          capabilities: { tools: {} },
          serverInfo: { name: 'url-elicit-server', version: '1.0.0' },
        },
      });
    case 'ping':
      return send({ jsonrpc: '2.0', id, result: {} });
    case 'tools/list':
      return send({ jsonrpc: '2.0', id, result: { tools } });
    case 'tools/call':
      return callTool(id, params);
    default:
      return send({
        jsonrpc: '2.0',
        id,
        error: { code: -32601, message: `Method not found: ${method}` },
      });
  }
}

readMessages(handle, () => process.exit(0));
