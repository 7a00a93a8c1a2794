/**
 * Test kit for the conversation side: a hand-played desktop app (register, read the MCP
 * requests SSE with the raw reader, answer by POSTing /results) and raw helpers for the
 * conversation API. Only raw `fetch` and the raw SSE reader: nothing from the app.
 */
import { openRawSse, parseDataFrame, type RawSse } from '../test-support/raw-sse.js';
import type { TestEmulator } from '../test-support/start.js';

export type JsonRpc = Record<string, unknown> & {
  method?: string;
  id?: unknown;
  params?: Record<string, unknown>;
};

export interface DesktopTool {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
}

/** What the hand-played server does with a `tools/call`: a result, a JSON-RPC error, or silence. */
export type CallAnswer =
  { text: string; isError?: boolean } | { error: { code: number; message: string } } | 'ignore';

export interface DesktopOptions {
  serverName?: string;
  tools?: DesktopTool[];
  onCall?: (name: string, args: Record<string, unknown>) => CallAnswer;
  /** false: never answer `initialize` (listing then times out after 5 s of emulated time). */
  answerInitialize?: boolean;
  token?: string;
}

export interface FakeDesktop {
  serverId: string;
  /** Every JSON-RPC message received on the requests stream, in order. */
  received: JsonRpc[];
  waitFor(predicate: (message: JsonRpc) => boolean, timeoutMs?: number): Promise<JsonRpc>;
  stop(): void;
}

export const ECHO_TOOL: DesktopTool = {
  name: 'echo',
  description: 'Echoes its input.',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
};

export async function startDesktop(
  em: TestEmulator,
  options: DesktopOptions = {},
): Promise<FakeDesktop> {
  const token = options.token ?? em.seeds.userToken;
  const serverId = await em.register(options.serverName ?? 'local files', token);
  const received: JsonRpc[] = [];
  const waiters = new Set<() => void>();
  let stopped = false;
  let sse: RawSse | undefined;
  let lastEventId: string | undefined;

  const answer = async (message: JsonRpc): Promise<void> => {
    const reply = (body: Record<string, unknown>): Promise<Response> =>
      em.api('POST', em.ws('/mcp/results'), {
        token,
        body: { serverId, result: { jsonrpc: '2.0', id: message.id, ...body } },
      });
    if (message.method === 'initialize') {
      if (options.answerInitialize === false) return;
      const version = (message.params?.protocolVersion as string | undefined) ?? '2025-06-18';
      await reply({
        result: {
          protocolVersion: version,
          capabilities: { tools: {} },
          serverInfo: { name: 'fake-desktop', version: '1.0.0' },
        },
      });
    } else if (message.method === 'tools/list') {
      await reply({ result: { tools: options.tools ?? [ECHO_TOOL] } });
    } else if (message.method === 'tools/call') {
      const params = message.params ?? {};
      const outcome = (options.onCall ?? echo)(
        params.name as string,
        (params.arguments ?? {}) as Record<string, unknown>,
      );
      if (outcome === 'ignore') return;
      if ('error' in outcome) await reply({ error: outcome.error });
      else
        await reply({
          result: {
            content: [{ type: 'text', text: outcome.text }],
            isError: outcome.isError ?? false,
          },
        });
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      const query = `serverId=${encodeURIComponent(serverId)}${lastEventId ? `&lastEventId=${encodeURIComponent(lastEventId)}` : ''}`;
      sse = await openRawSse(`${em.url}${em.ws('/mcp/requests')}?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      for (;;) {
        let frame: string;
        try {
          frame = await sse.nextFrame(3_600_000);
        } catch {
          break;
        }
        if (!frame.startsWith('data: {')) continue;
        const { eventId, data } = parseDataFrame(frame);
        lastEventId = eventId;
        received.push(data);
        for (const waiter of [...waiters]) waiter();
        void answer(data);
      }
    }
  };
  void loop().catch(() => undefined);

  return {
    serverId,
    received,
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = received.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
          return found !== undefined;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `desktop: timed out; received ${JSON.stringify(received.map((m) => m.method))}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    stop() {
      stopped = true;
      sse?.close();
    },
  };
}

const echo = (_name: string, args: Record<string, unknown>): CallAnswer => ({
  text: `echo: ${String(args.text)}`,
});

/** A valid `context` for posting, as the CLI sends it (origin `api` needs no special header). */
export function context(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timezone: 'Europe/Paris',
    username: 'ada',
    fullName: 'Ada Lovelace',
    email: 'ada@acme.com',
    profilePictureUrl: null,
    origin: 'api',
    ...overrides,
  };
}

/**
 * Body of `POST …/assistant/conversations` asking `agent`; `ids` become `clientSideMCPServerIds`.
 */
export function conversationBody(
  content: string,
  agent = 'dust',
  ids: string[] | null = null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    title: null,
    visibility: 'unlisted',
    message: {
      content,
      mentions: [{ configurationId: agent }],
      context: context({ clientSideMCPServerIds: ids }),
    },
    contentFragments: [],
    blocking: false,
    skipToolsValidation: false,
    ...extra,
  };
}

/** A message whose fenced JSON block tells the scripted agent which tool to call. */
export const toolMessage = (tool: string, args: Record<string, unknown>): string =>
  `Please run this:\n\`\`\`json\n${JSON.stringify({ tool, arguments: args })}\n\`\`\``;

export interface Created {
  conversationId: string;
  userMessageId: string;
  agentMessageId: string;
  body: Record<string, unknown>;
}

/** Creates a conversation and returns the ids a client needs next. */
export async function createConversation(
  em: TestEmulator,
  body: Record<string, unknown>,
  token?: string,
): Promise<Created> {
  const response = await em.api('POST', em.ws('/assistant/conversations'), {
    body,
    token: token ?? em.seeds.userToken,
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200)
    throw new Error(`create failed: ${response.status} ${JSON.stringify(json)}`);
  const conversation = json.conversation as { sId: string; content: Array<Array<{ sId: string }>> };
  return {
    conversationId: conversation.sId,
    userMessageId: conversation.content[0]![0]!.sId,
    agentMessageId: conversation.content[1]![0]!.sId,
    body: json,
  };
}

/** Opens the agent-message stream through the public URL (the 307 is followed). */
export function openMessageEvents(
  em: TestEmulator,
  created: Pick<Created, 'conversationId' | 'agentMessageId'>,
  lastEventId?: string,
  token?: string,
): Promise<RawSse> {
  const query = lastEventId === undefined ? '' : `?lastEventId=${encodeURIComponent(lastEventId)}`;
  const path = em.ws(
    `/assistant/conversations/${created.conversationId}/messages/${created.agentMessageId}/events${query}`,
  );
  return openRawSse(`${em.url}${path}`, {
    headers: {
      Authorization: `Bearer ${token ?? em.seeds.userToken}`,
      Accept: 'text/event-stream',
    },
  });
}

export interface ReadEvent {
  eventId: string;
  data: Record<string, unknown> & { type: string };
}

/** Reads data frames until one satisfies `until` (inclusive). */
export async function readUntil(
  sse: RawSse,
  until: (event: ReadEvent) => boolean,
  timeoutMs = 5_000,
): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for (;;) {
    const frame = await sse.nextFrame(timeoutMs);
    if (!frame.startsWith('data: {')) continue;
    const event = parseDataFrame(frame) as ReadEvent;
    events.push(event);
    if (until(event)) return events;
  }
}

export const types = (events: ReadEvent[]): string[] => events.map((e) => e.data.type);
