import type { RunningEmulator } from '../../../e2e/dust-emulator/index.js';
import { StaticTokenSource } from '../../core/auth/token-session.js';
import { ChatApi } from '../../core/chat/chat-api.js';
import { ConversationService } from '../../core/chat/conversation-service.js';
import type { ConversationView } from '../../core/chat/conversation-state.js';
import { type LocalServers, localServersOf } from '../../core/chat/local-servers.js';
import { type AccessTokenSource, DustHttp } from '../../core/dust/dust-http.js';
import type { Logger } from '../../core/ports.js';
import { EventSourceStreams } from '../eventsource-streams.js';
import { NodeHttpClient } from '../node-http.js';
import { NodeRandom } from '../node-random.js';
import { SystemClock } from '../system-clock.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import type { createBridgeKit } from './bridge-kit.js';

/**
 * The conversation service on real adapters, next to a bridge kit (same emulator, same user):
 * what the app builds for the "ask an agent" window. For integration tests only.
 */
export function createChatKit(
  emulator: RunningEmulator,
  bridge: ReturnType<typeof createBridgeKit>,
  options: { servers?: LocalServers; tokens?: AccessTokenSource } = {},
) {
  const clock = new SystemClock();
  const tokens = options.tokens ?? new StaticTokenSource(emulator.seeds.userToken);
  const http = new DustHttp(
    { baseUrl: emulator.url, userAgent: 'Dust-MCP-Tray/test' },
    tokens,
    new NodeHttpClient(),
    clock,
  );
  const api = new ChatApi(http, emulator.seeds.workspaceId);
  const logs: string[] = [];
  const logger: Logger = { log: (level, message) => logs.push(`${level} ${message}`) };
  const service = new ConversationService({
    api,
    streams: new EventSourceStreams(),
    tokens,
    timers: clock,
    random: new NodeRandom(),
    logger,
    userAgent: 'Dust-MCP-Tray/test',
    servers: options.servers ?? localServersOf(bridge.host),
    sender: () =>
      Promise.resolve({
        username: 'ada',
        timezone: 'Europe/Paris',
        fullName: 'Ada Lovelace',
        email: 'ada@acme.com',
      }),
    ...(bridge.approvals ? { localApprovals: bridge.approvals } : {}),
  });
  const views: ConversationView[] = [];
  service.onDidChange((view) => views.push(view));
  return {
    service,
    api,
    views,
    logs,
    /** Waits until the conversation's snapshot satisfies `predicate`, and returns it. */
    until(
      conversationId: string,
      what: string,
      predicate: (view: ConversationView) => boolean,
      timeoutMs?: number,
    ) {
      return waitFor(
        what,
        () => {
          const view = service.get(conversationId);
          return view && predicate(view) ? view : undefined;
        },
        timeoutMs,
      );
    },
    close() {
      service.dispose();
    },
  };
}

/** Merges conversation-side switches into the emulator (`/__emulator/conversations/faults`). */
export async function setConversationFaults(
  emulator: RunningEmulator,
  faults: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${emulator.url}/__emulator/conversations/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!response.ok)
    throw new Error(
      `Could not set conversation faults: ${response.status} ${await response.text()}`,
    );
}

/** The emulator's raw record of a conversation (what Dust stored). */
export async function storedConversation(
  emulator: RunningEmulator,
  conversationId: string,
): Promise<{ messages: Array<Record<string, unknown>> }> {
  const response = await fetch(`${emulator.url}/__emulator/conversations/${conversationId}`);
  return (await response.json()) as { messages: Array<Record<string, unknown>> };
}
