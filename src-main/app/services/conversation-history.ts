import { z } from 'zod';

import { redactText } from '../../core/activity/redact.js';
import type { ConversationView } from '../../core/chat/conversation-state.js';
import { errorMessage } from '../../core/error-message.js';
import type { Clock, Files, Logger } from '../../core/ports.js';

/** How many conversations "Recent" remembers across restarts. */
const KEEP = 50;

const Entry = z.object({
  workspaceId: z.string(),
  conversationId: z.string(),
  agentId: z.string(),
  title: z.string(),
  url: z.string().optional(),
  updatedAt: z.number(),
});
export type HistoryEntry = z.infer<typeof Entry>;
const HistoryFile = z.object({ version: z.literal(1), conversations: z.array(Entry) });

/**
 * The conversations started here, remembered across restarts in `conversations.json`, so "Recent"
 * still lists yesterday's and the person can open one again (its messages are read back from
 * Dust). Only what a list needs is kept: ids, agent, title, link, time; the title passes through
 * the keychain-secret redaction, since it is the first line the person typed.
 */
export class ConversationHistory {
  private entries: HistoryEntry[] = [];
  private queue: Promise<void> = Promise.resolve();
  /**
   * What each conversation's list entry was last built from (turn count, agent, Dust's title).
   * Called for every streamed token, so an unchanged one returns before any lookup or redaction:
   * a new message moves a conversation to the top, tokens do not.
   */
  private readonly lastSeen = new Map<string, string>();

  constructor(
    private readonly files: Files,
    private readonly path: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly knownSecrets: () => Iterable<string>,
  ) {}

  async load(): Promise<void> {
    const text = await this.files.readText(this.path).catch(() => null);
    if (text === null) return;
    try {
      this.entries = HistoryFile.parse(JSON.parse(text)).conversations;
    } catch {
      this.logger.log(
        'warn',
        'The list of recent conversations could not be read; it starts empty',
        { path: this.path },
      );
    }
  }

  /** Newest first, for one workspace. */
  list(workspaceId: string): HistoryEntry[] {
    return this.entries
      .filter((entry) => entry.workspaceId === workspaceId)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Records a conversation's news; writes only when what the list shows changed. */
  record(workspaceId: string, view: ConversationView): void {
    const seen = `${workspaceId}\u0000${view.conversationId}`;
    const basis = `${view.turns.length}\u0000${view.agentId}\u0000${view.title ?? ''}`;
    if (this.lastSeen.get(seen) === basis) return;
    this.lastSeen.set(seen, basis);
    const title = redactText(titleOf(view), this.knownSecrets());
    const entry: HistoryEntry = {
      workspaceId,
      conversationId: view.conversationId,
      agentId: view.agentId,
      title,
      ...(view.url ? { url: view.url } : {}),
      updatedAt: this.clock.now(),
    };
    const others = this.entries.filter(
      (e) => !(e.workspaceId === workspaceId && e.conversationId === view.conversationId),
    );
    this.entries = [entry, ...others].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, KEEP);
    this.save();
  }

  private save(): void {
    const text = JSON.stringify({ version: 1, conversations: this.entries }, null, 2);
    this.queue = this.queue
      .then(() => this.files.writeTextAtomic(this.path, text))
      .catch((error: unknown) =>
        this.logger.log('warn', 'Could not save the recent conversations', {
          error: errorMessage(error),
        }),
      );
  }

  /** Waits for the pending write (shutdown, tests). */
  flush(): Promise<void> {
    return this.queue;
  }
}

function titleOf(view: ConversationView): string {
  if (view.title) return view.title;
  const first = view.turns.find((turn) => turn.role === 'user');
  const line = (first?.text ?? '').trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line || 'Conversation';
}
