import { describe, expect, it } from 'vitest';

import type { ConversationView } from '../../core/chat/conversation-state.js';
import { FakeClock } from '../../core/testing/fake-clock.js';
import { InMemoryFiles } from '../../core/testing/in-memory-files.js';
import { ConversationHistory } from './conversation-history.js';

const PATH = '/data/conversations.json';
const view = (
  conversationId: string,
  turns: number,
  fields: Partial<ConversationView> = {},
): ConversationView => ({
  conversationId,
  agentId: 'helper',
  title: undefined,
  url: `https://dust.tt/w/ws/agent/${conversationId}`,
  status: 'idle',
  turns: Array.from({ length: turns }, (_, i) => ({
    role: 'user' as const,
    messageId: `m${i}`,
    text: `Question ${conversationId}\nmore`,
    servers: [],
  })),
  approvals: [],
  lostServers: [],
  problem: undefined,
  seq: 1,
  ...fields,
});

function setup(initial: Record<string, string> = {}) {
  const files = new InMemoryFiles(initial);
  const clock = new FakeClock(1_000);
  const logs: string[] = [];
  const history = new ConversationHistory(
    files,
    PATH,
    clock,
    { log: (_level, message) => logs.push(message) },
    () => ['s3cr3t-value'],
  );
  return { files, clock, logs, history };
}

describe('ConversationHistory', () => {
  it('remembers per workspace, newest first, titled by the first line with secrets masked, and survives a restart', async () => {
    const { files, clock, history } = setup();
    history.record('ws1', view('c1', 1, { title: 'Use s3cr3t-value please' }));
    await clock.advance(10);
    history.record('ws1', view('c2', 1));
    history.record('ws2', view('c3', 1));
    await history.flush();
    expect(history.list('ws1').map((e) => [e.conversationId, e.title])).toEqual([
      ['c2', 'Question c2'],
      ['c1', 'Use •••• please'],
    ]);

    const again = new ConversationHistory(files, PATH, clock, { log: () => undefined }, () => []);
    await again.load();
    expect(again.list('ws1').map((e) => e.conversationId)).toEqual(['c2', 'c1']);
    expect(again.list('ws2').map((e) => e.conversationId)).toEqual(['c3']);
    expect(await files.readText(PATH)).not.toContain('s3cr3t-value');
  });

  it('a new message moves a conversation up; streamed tokens do not rewrite the file', async () => {
    const { files, clock, history } = setup();
    history.record('ws1', view('c1', 1));
    await clock.advance(10);
    history.record('ws1', view('c2', 1));
    await history.flush();
    const written = await files.readText(PATH);
    await clock.advance(10);
    history.record('ws1', view('c1', 1, { seq: 7 }));
    await history.flush();
    expect(await files.readText(PATH)).toBe(written);
    history.record('ws1', view('c1', 3));
    expect(history.list('ws1')[0]?.conversationId).toBe('c1');
  });

  it('keeps the 50 newest, and starts empty (saying so) from an unreadable file', async () => {
    const { clock, history } = setup();
    for (let i = 0; i < 55; i++) {
      await clock.advance(1);
      history.record('ws1', view(`c${i}`, 1));
    }
    expect(history.list('ws1')).toHaveLength(50);
    expect(history.list('ws1').at(-1)?.conversationId).toBe('c5');

    const broken = setup({ [PATH]: '{"version":1,"conversations":[{"nope":true}]}' });
    await broken.history.load();
    expect(broken.history.list('ws1')).toEqual([]);
    expect(broken.logs).toEqual([
      'The list of recent conversations could not be read; it starts empty',
    ]);
  });
});
