/**
 * Client "raw": the limit of the emulator on this machine. One `fetch` stream per server with the
 * hand-written parser, hard-coded correct answers to initialize / tools/list / tools/call (echo,
 * sleep, stats), results POSTed at once. It reconnects at once from its cursor after any end:
 * the least a correct client must do. No validation, no policy, no child process.
 *
 * POSTs go through node:http with a keep-alive agent, not `fetch`: undici's per-request
 * Request/AbortSignal/web-stream setup cost ~1 ms of CPU per call (half the client's profile), so
 * with `fetch` the reference was limited by its own CPU, not by the emulator it is meant to show.
 */
import { Agent, request } from 'node:http';

import { ExecutionLedger } from '../fixtures/bench-tools.js';
import { runClient } from './client-main.js';
import { serverName } from './protocol.js';
import { SseParser } from './sse-lines.js';

const TOOLS = [
  { name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } },
  { name: 'sleep', inputSchema: { type: 'object', properties: { ms: { type: 'integer' }, text: { type: 'string' } }, required: ['ms'] } },
  { name: 'stats', inputSchema: { type: 'object', properties: {} } },
];

type Message = { id?: string | number; method?: string; params?: Record<string, unknown> };
const text = (value: string) => ({ content: [{ type: 'text', text: value }] });

runClient(async (start) => {
  const ledger = new ExecutionLedger();
  const base = `${start.url}/api/v1/w/${start.workspaceId}/mcp`;
  const headers = { authorization: `Bearer ${start.token}`, 'content-type': 'application/json' };
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  /** POSTs `body` and resolves with the response text (rejects on a network error). */
  const postOnce = (path: string, body: unknown): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request(`${base}/${path}`, { method: 'POST', headers, agent }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
        response.on('error', reject);
      });
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  // One retry on a network error (say, a keep-alive socket the server is closing as idle): the
  // least a correct client does. Without it, one initialize answer in a full run's availability
  // scenario was lost and missed Dust's 5-s budget.
  const post = (path: string, body: unknown): Promise<string> => postOnce(path, body).catch(() => postOnce(path, body));
  const controller = new AbortController();

  const answer = async (serverId: string, message: Message): Promise<void> => {
    if (message.id === undefined || message.method === undefined) return;
    const args = (message.params?.['arguments'] ?? {}) as Record<string, unknown>;
    let result: unknown;
    if (message.method === 'initialize') {
      result = { protocolVersion: message.params?.['protocolVersion'], capabilities: { tools: {} }, serverInfo: { name: 'raw', version: '1.0.0' } };
    } else if (message.method === 'tools/list') {
      result = { tools: TOOLS };
    } else if (message.method === 'tools/call') {
      const name = message.params?.['name'];
      const value = typeof args['text'] === 'string' ? args['text'] : undefined;
      if (name === 'stats') result = text(JSON.stringify(ledger.take()));
      else {
        ledger.record(value);
        if (name === 'sleep') await new Promise((resolve) => setTimeout(resolve, Number(args['ms'] ?? 0)));
        result = text(value ?? '');
      }
    } else result = {};
    await post('results', { serverId, result: { jsonrpc: '2.0', id: message.id, result } });
  };

  const stream = async (serverId: string): Promise<void> => {
    let cursor: string | undefined;
    while (!controller.signal.aborted) {
      try {
        const query = new URLSearchParams({ serverId, ...(cursor ? { lastEventId: cursor } : {}) });
        const response = await fetch(`${base}/requests?${query.toString()}`, { headers, signal: controller.signal });
        if (!response.ok) throw new Error(`requests: HTTP ${response.status}`);
        const parser = new SseParser(({ event, data }) => {
          if (event !== undefined || data === 'done') return;
          const frame = JSON.parse(data) as { eventId: string; data: Message };
          cursor = frame.eventId;
          void answer(serverId, frame.data).catch(() => undefined);
        });
        const decoder = new TextDecoder();
        const reader = response.body?.getReader();
        for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
          parser.feed(decoder.decode(read.value, { stream: true }));
        }
      } catch {
        if (!controller.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  const serverIds: string[] = [];
  await Promise.all(
    Array.from({ length: start.servers }, async (_, i) => {
      const { serverId } = JSON.parse(await post('register', { serverName: serverName(start.namePrefix, i) })) as { serverId: string };
      serverIds[i] = serverId;
      void stream(serverId);
    }),
  );
  return {
    serverIds,
    stop: async () => {
      controller.abort();
      await Promise.all(serverIds.map((serverId) => post('deregister', { serverId })));
      agent.destroy();
    },
  };
});
