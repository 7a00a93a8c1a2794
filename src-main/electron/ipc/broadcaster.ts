import type { HubEvent } from '../../app/event-hub.js';
import { createOutbox, type Outbox } from '../../app/outbox.js';
import type { SenderGuard } from './sender-guard.js';

/**
 * The parts of a `WebContents` the broadcaster uses; Electron's own satisfies it, tests fake it.
 */
export interface BroadcastTarget {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  on(
    event: 'did-start-navigation',
    listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void,
  ): unknown;
}

/**
 * Sends hub events to every live, trusted window; main never has to know which windows exist.
 *
 * Each window gets an outbox that holds events until its page calls `rendererReady` (and again
 * after it reloads), so nothing is sent into a page that is not listening yet. A destroyed
 * window is forgotten, and a send that races its destruction is dropped rather than thrown
 * (GitHub Desktop's `ipc-webcontents.ts` does the same check).
 */
export class Broadcaster {
  private readonly outboxes = new Map<number, Outbox<HubEvent>>();

  constructor(
    private readonly guard: SenderGuard,
    private readonly onSendError: (error: unknown) => void = () => undefined,
  ) {}

  /** Starts delivering to a window the guard already trusts. */
  attach(contents: BroadcastTarget): void {
    if (this.outboxes.has(contents.id)) return;
    const outbox = createOutbox<HubEvent>((event) => this.send(contents, event));
    this.outboxes.set(contents.id, outbox);
    contents.once('destroyed', () => {
      outbox.close();
      this.outboxes.delete(contents.id);
    });
    contents.on('did-start-navigation', (details) => {
      // A reload or a new document: the new page must say it is ready again.
      if (details.isMainFrame && !details.isSameDocument) outbox.markNotReady();
    });
  }

  /** The window's page has its listeners in place (called by the IPC transport after its guard). */
  markReady(contentsId: number): void {
    this.outboxes.get(contentsId)?.markReady();
  }

  broadcast(event: HubEvent): void {
    for (const outbox of this.outboxes.values()) outbox.push(event);
  }

  get windowCount(): number {
    return this.outboxes.size;
  }

  private send(contents: BroadcastTarget, event: HubEvent): void {
    if (contents.isDestroyed() || !this.guard.isTrustedContents(contents)) return;
    try {
      contents.send(event.channel, event.message);
    } catch (error) {
      // The window went away between the check and the send.
      this.onSendError(error);
    }
  }
}
