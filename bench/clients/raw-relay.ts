/**
 * The raw reference's relay, shared by "raw" (answers in-process) and "raw-stdio" (answers
 * through a stdio child): one `fetch` stream per server with the hand-written parser, hard-coded
 * answers to initialize / tools/list, tools/call handed to `execute`, results POSTed at once. It
 * reconnects at once from its cursor after any end: the least a correct client must do. No
 * validation, no policy.
 *
 * POSTs go through node:http with a keep-alive agent, not `fetch`: undici's per-request
 * Request/AbortSignal/web-stream setup cost ~1 ms of CPU per call (half the client's profile), so
 * with `fetch` the reference was limited by its own CPU, not by the emulator it is meant to show.
 */
import { Agent, request } from 'node:http';

import { RAW_TOOLS } from '../fixtures/raw-tools.js';
import type { RunningClient } from './client-main.js';
import type { StartMessage } from './protocol.js';
import { serverName } from './protocol.js';
import { SseParser } from './sse-lines.js';

type Message = { id?: string | number; method?: string; params?: Record<string, unknown> };

/** Runs one tool call for server number `index`; resolves with the MCP result. */
export type ExecuteTool = (
  index: number,
  name: string,
  args: Record<string, unknown>,
) => Promise<unknown>;

export async function startRawRelay(
  start: StartMessage,
  execute: ExecuteTool,
  onStop: () => Promise<void> = () => Promise.resolve(),
): Promise<RunningClient> {
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
  const post = (path: string, body: unknown): Promise<string> =>
    postOnce(path, body).catch(() => postOnce(path, body));
  const controller = new AbortController();

  const answer = async (index: number, serverId: string, message: Message): Promise<void> => {
    if (message.id === undefined || message.method === undefined) return;
    let result: unknown;
    if (message.method === 'initialize') {
      result = {
        protocolVersion: message.params?.['protocolVersion'],
        capabilities: { tools: {} },
        serverInfo: { name: 'raw', version: '1.0.0' },
      };
    } else if (message.method === 'tools/list') {
      result = { tools: RAW_TOOLS };
    } else if (message.method === 'tools/call') {
      result = await execute(
        index,
        String(message.params?.['name']),
        (message.params?.['arguments'] ?? {}) as Record<string, unknown>,
      );
    } else result = {};
    await post('results', { serverId, result: { jsonrpc: '2.0', id: message.id, result } });
  };

  const stream = async (index: number, serverId: string): Promise<void> => {
    let cursor: string | undefined;
    while (!controller.signal.aborted) {
      try {
        const query = new URLSearchParams({ serverId, ...(cursor ? { lastEventId: cursor } : {}) });
        const response = await fetch(`${base}/requests?${query.toString()}`, {
          headers,
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(`requests: HTTP ${response.status}`);
        const parser = new SseParser(({ event, data }) => {
          if (event !== undefined || data === 'done') return;
          const frame = JSON.parse(data) as { eventId: string; data: Message };
          cursor = frame.eventId;
          void answer(index, serverId, frame.data).catch(() => undefined);
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
      const { serverId } = JSON.parse(
        await post('register', { serverName: serverName(start.namePrefix, i) }),
      ) as { serverId: string };
      serverIds[i] = serverId;
      void stream(i, serverId);
    }),
  );
  return {
    serverIds,
    stop: async () => {
      controller.abort();
      await Promise.all(serverIds.map((serverId) => post('deregister', { serverId })));
      agent.destroy();
      await onStop();
    },
  };
}
